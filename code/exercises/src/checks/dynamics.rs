//! Bộ kiểm bài tập chương 8. Tham chiếu: sai phân hữu hạn trung tâm của mất mát (tính độc lập bằng
//! log-sum-exp), cập nhật SGD từng bước theo thứ tự, và giá trị Spearman tính tay.

use super::close;
use crate::{solutions, stubs, Exercise};

/// Các bài tập chương 8.
pub const EXERCISES: &[Exercise] = &[
    Exercise {
        id: "8.1",
        function: "tied_gradient",
        stub_source: include_str!("../stubs/dynamics.rs"),
        check_stub: || check_tied_gradient(stubs::dynamics::tied_gradient),
        check_solution: || check_tied_gradient(solutions::dynamics::tied_gradient),
    },
    Exercise {
        id: "8.2",
        function: "accumulate",
        stub_source: include_str!("../stubs/dynamics.rs"),
        check_stub: || check_accumulate(stubs::dynamics::accumulate),
        check_solution: || check_accumulate(solutions::dynamics::accumulate),
    },
    Exercise {
        id: "8.3",
        function: "spearman",
        stub_source: include_str!("../stubs/dynamics.rs"),
        check_stub: || check_spearman(stubs::dynamics::spearman),
        check_solution: || check_spearman(solutions::dynamics::spearman),
    },
];

/// `−log softmax(E e_w)_c`, tính bằng log-sum-exp.
fn loss(e: &[Vec<f64>], w: usize, c: usize) -> f64 {
    let z: Vec<f64> = e
        .iter()
        .map(|r| r.iter().zip(&e[w]).map(|(a, b)| a * b).sum())
        .collect();
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    m + z.iter().map(|v| (v - m).exp()).sum::<f64>().ln() - z[c]
}

type TiedGradient = fn(&[Vec<f64>], usize, usize) -> Vec<Vec<f64>>;
type Accumulate = fn(&[f64], &[Vec<f64>], f64) -> Vec<f64>;

fn check_tied_gradient(f: TiedGradient) -> Result<(), String> {
    let e: Vec<Vec<f64>> = (0..5)
        .map(|i| (0..3).map(|j| ((i * 3 + j) as f64 * 0.7).sin()).collect())
        .collect();
    for (w, c) in [(1, 3), (2, 2), (4, 0)] {
        let got = f(&e, w, c);
        if got.len() != e.len() || got.iter().any(|r| r.len() != 3) {
            return Err("gradient phải cùng hình dạng với E (5 hàng × 3 cột)".into());
        }
        for i in 0..5 {
            for j in 0..3 {
                let h = 1e-5;
                let mut plus = e.clone();
                plus[i][j] += h;
                let mut minus = e.clone();
                minus[i][j] -= h;
                let num = (loss(&plus, w, c) - loss(&minus, w, c)) / (2.0 * h);
                if !close(got[i][j], num, 1e-6) {
                    let hint = if i == w {
                        "Gợi ý: hàng w xuất hiện hai lần — vừa là đầu vào h = e_w, vừa là một hàng của ma trận đầu ra. Cộng cả Eᵀ(p − y)."
                    } else {
                        "Gợi ý: hàng i ≠ w chỉ nhận đường đầu ra (p_i − y_i) e_w."
                    };
                    return Err(format!(
                        "w = {w}, c = {c}: ∂L/∂E[{i}][{j}] = {}, sai phân hữu hạn cho {num}.\n{hint}",
                        got[i][j]
                    ));
                }
            }
        }
    }
    Ok(())
}

fn check_accumulate(f: Accumulate) -> Result<(), String> {
    let e0 = vec![0.5, -1.0, 2.0];
    let grads: Vec<Vec<f64>> = (0..7)
        .map(|k| (0..3).map(|j| ((k * 3 + j) as f64).cos()).collect())
        .collect();
    let lr = 0.1;
    let mut e = e0.clone();
    for g in &grads {
        for (x, gi) in e.iter_mut().zip(g) {
            *x -= lr * gi; // một bước SGD (8.1)
        }
    }
    let got = f(&e0, &grads, lr);
    if got.len() != 3 || !got.iter().zip(&e).all(|(a, b)| close(*a, *b, 1e-12)) {
        return Err(format!(
            "accumulate = {got:?}, nhưng thực hiện lần lượt 7 bước e ← e − η g_k cho {e:?}.\nGợi ý: dấu trừ, và nhân η một lần với tổng."
        ));
    }
    if f(&e0, &[], lr) != e0 {
        return Err("không có bước nào thì e^(0) phải giữ nguyên".into());
    }
    Ok(())
}

fn check_spearman(f: fn(&[f64], &[f64]) -> f64) -> Result<(), String> {
    let x: Vec<f64> = (1..=10).map(f64::from).collect();
    let cubic: Vec<f64> = x.iter().map(|v| v.powi(3)).collect();
    let decay: Vec<f64> = x.iter().map(|v| (-v).exp()).collect();
    if !close(f(&x, &cubic), 1.0, 1e-12) || !close(f(&x, &decay), -1.0, 1e-12) {
        return Err("dãy đồng biến (dù phi tuyến) cho ρ = 1, nghịch biến cho ρ = −1.\nGợi ý: tính tương quan trên hạng, không trên giá trị.".into());
    }
    // có giá trị bằng nhau: hạng x = (1, 2.5, 2.5, 4), hạng y = (1, 3, 2, 4) ⇒ ρ = 3/√10
    let got = f(&[1.0, 2.0, 2.0, 3.0], &[10.0, 30.0, 20.0, 40.0]);
    let want = 3.0 / 10f64.sqrt();
    if !close(got, want, 1e-12) {
        return Err(format!(
            "spearman([1,2,2,3], [10,30,20,40]) = {got}, cần 3/√10 = {want}.\nGợi ý: hai giá trị bằng nhau nhận cùng hạng trung bình 2.5."
        ));
    }
    Ok(())
}
