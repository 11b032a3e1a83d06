//! Bộ kiểm bài tập chương 2. Tham chiếu: dạng đóng cho hai logit, `σ(a) = 1/(1+e^{−a})` và
//! `log(1+e^{a})` tính bằng `ln_1p`, độc lập với cách cài đặt của bạn đọc.

use super::{all_close, central_gradient, close, pseudo_random};
use crate::{solutions, stubs, Exercise};

/// Các bài tập chương 2.
pub const EXERCISES: &[Exercise] = &[
    Exercise {
        id: "2.1",
        function: "softmax",
        stub_source: include_str!("../stubs/softmax.rs"),
        check_stub: || check_softmax(stubs::softmax::softmax),
        check_solution: || check_softmax(solutions::softmax::softmax),
    },
    Exercise {
        id: "2.2",
        function: "cross_entropy",
        stub_source: include_str!("../stubs/softmax.rs"),
        check_stub: || check_cross_entropy(stubs::softmax::cross_entropy),
        check_solution: || check_cross_entropy(solutions::softmax::cross_entropy),
    },
    Exercise {
        id: "2.3",
        function: "perplexity",
        stub_source: include_str!("../stubs/softmax.rs"),
        check_stub: || check_perplexity(stubs::softmax::perplexity),
        check_solution: || check_perplexity(solutions::softmax::perplexity),
    },
    Exercise {
        id: "2.4",
        function: "label_smoothing",
        stub_source: include_str!("../stubs/softmax.rs"),
        check_stub: || check_label_smoothing(stubs::softmax::label_smoothing),
        check_solution: || check_label_smoothing(solutions::softmax::label_smoothing),
    },
    Exercise {
        id: "2.5",
        function: "sampled_softmax",
        stub_source: include_str!("../stubs/softmax.rs"),
        check_stub: || check_sampled_softmax(stubs::softmax::sampled_softmax),
        check_solution: || check_sampled_softmax(solutions::softmax::sampled_softmax),
    },
];

/// `log(1 + e^a)` ổn định: dạng đóng độc lập dùng làm tham chiếu.
fn softplus(a: f64) -> f64 {
    a.max(0.0) + (-a.abs()).exp().ln_1p()
}

fn check_softmax(f: fn(&[f64]) -> Vec<f64>) -> Result<(), String> {
    for a in [0.0, 1.0, -3.0, 30.0, 1000.0, -1000.0] {
        for base in [0.0, 1000.0, -1000.0] {
            let z = [base + a, base];
            let p = f(&z);
            let want = [1.0 / (1.0 + (-a).exp()), 1.0 / (1.0 + a.exp())];
            if !all_close(&p, &want, 1e-12) {
                return Err(format!(
                    "softmax({z:?}) = {p:?}, cần {want:?}.\nGợi ý: với logit cỡ 1000, exp tràn số; hãy trừ max(z) trước khi lấy exp."
                ));
            }
        }
    }
    let uniform = f(&[7.0; 4]);
    if !all_close(&uniform, &[0.25; 4], 1e-15) {
        return Err(format!(
            "logit bằng nhau phải cho phân phối đều 1/4, nhận {uniform:?}"
        ));
    }
    Ok(())
}

fn check_cross_entropy(f: fn(&[f64], usize) -> f64) -> Result<(), String> {
    for a in [0.0, 2.0, -2.0, 40.0, 800.0, -800.0] {
        let z = [0.0, a];
        let got = f(&z, 0);
        let want = softplus(a); // −log σ(−a) = log(1 + e^a)
        if !close(got, want, 1e-12) {
            return Err(format!(
                "cross_entropy({z:?}, 0) = {got}, cần log(1 + e^{a}) = {want}.\nGợi ý: đừng tính log(softmax): với a = 800, P(0) = e^-800 tràn số dưới về 0 và log cho −∞. Dùng log Σ exp(z_j) − z_y."
            ));
        }
    }
    let z = [1.0, 2.0, 3.0];
    let y_losses: Vec<f64> = (0..3).map(|y| f(&z, y)).collect();
    let total_prob: f64 = y_losses.iter().map(|l| (-l).exp()).sum();
    if !close(total_prob, 1.0, 1e-12) {
        return Err(format!(
            "Σ_y exp(−L(y)) phải bằng 1 (các xác suất cộng lại), nhận {total_prob}"
        ));
    }
    Ok(())
}

fn check_perplexity(f: fn(&[f64]) -> f64) -> Result<(), String> {
    let v = 50_257.0_f64;
    let uniform = f(&[v.ln(); 5]);
    if !close(uniform, v, 1e-12) {
        return Err(format!(
            "mô hình đoán đều trên V = {v} token có perplexity đúng bằng V, nhận {uniform}"
        ));
    }
    let got = f(&[0.0, 2.0_f64.ln() * 2.0]);
    if !close(got, 2.0, 1e-12) {
        return Err(format!(
            "perplexity([0, 2 ln 2]) = exp(ln 2) = 2, nhận {got}.\nGợi ý: lấy exp của trung bình, không phải trung bình của exp."
        ));
    }
    Ok(())
}

type LossAndGrad = fn(&[f64], usize, f64) -> (f64, Vec<f64>);

/// Tham chiếu làm mượt nhãn: `−Σ_i q_i log P_i` với `log P_i = z_i − LSE(z)` tính trực tiếp.
fn smoothed_reference(z: &[f64], y: usize, eps: f64) -> f64 {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lse = m + z.iter().map(|&v| (v - m).exp()).sum::<f64>().ln();
    let v = z.len() as f64;
    z.iter()
        .enumerate()
        .map(|(i, &zi)| (eps / v + if i == y { 1.0 - eps } else { 0.0 }) * (lse - zi))
        .sum()
}

fn check_label_smoothing(f: LossAndGrad) -> Result<(), String> {
    for (seed, eps) in [(1, 0.1), (2, 0.0), (3, 0.3)] {
        let z: Vec<f64> = pseudo_random(seed, 6).iter().map(|v| 3.0 * v).collect();
        let (loss, grad) = f(&z, 2, eps);
        let want = smoothed_reference(&z, 2, eps);
        if !close(loss, want, 1e-10) {
            return Err(format!("ε = {eps}: mất mát {loss}, cần {want}.\nGợi ý: mục tiêu là q = (1 − ε)·one_hot(y) + ε/V, mất mát là −Σ q_i log P_i."));
        }
        let fd = central_gradient(&|x| smoothed_reference(x, 2, eps), &z);
        if !all_close(&grad, &fd, 1e-6) {
            return Err(format!("ε = {eps}: gradient {grad:?} lệch sai phân trung tâm {fd:?}.\nGợi ý: tự dẫn ∂L/∂z_i; kết quả có dạng «xác suất trừ mục tiêu»."));
        }
    }
    let (loss, grad) = f(&[1000.0, -1000.0, 0.0], 0, 0.1);
    if !loss.is_finite() || grad.iter().any(|g| !g.is_finite()) {
        return Err(format!("logit ±1000 cho mất mát {loss}, gradient {grad:?}: cần hữu hạn.\nGợi ý: tính log P_i bằng log-sum-exp, đừng lấy log của một xác suất đã tràn về 0."));
    }
    Ok(())
}

/// Tham chiếu: entropy chéo trên **toàn bộ** từ vựng.
fn full_cross_entropy(z: &[f64], y: usize) -> f64 {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    m + z.iter().map(|&v| (v - m).exp()).sum::<f64>().ln() - z[y]
}

fn check_sampled_softmax(f: fn(&[f64], usize, &[usize], &[f64]) -> f64) -> Result<(), String> {
    let z: Vec<f64> = pseudo_random(7, 8).iter().map(|v| 4.0 * v).collect();
    // Mẫu là mọi token khác y, mỗi token một lần, đề xuất đều: ước lượng phải trùng entropy chéo đầy đủ.
    let others: Vec<usize> = (0..8).filter(|&i| i != 3).collect();
    let got = f(&z, 3, &others, &[0.125; 8]);
    let want = full_cross_entropy(&z, 3);
    if !close(got, want, 1e-12) {
        return Err(format!("mẫu = mọi token khác y, q đều: nhận {got}, cần đúng entropy chéo đầy đủ {want}.\nGợi ý: tập dùng để chuẩn hoá là {{y}} ∪ mẫu, và mỗi logit trừ ln q của token đó."));
    }
    // Một đề xuất không đều: hiệu chỉnh −ln q phải được áp cho y và cho từng mẫu.
    let q = [0.3, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    let got = f(&z, 3, &[0, 0, 5], &q);
    let corrected = |s: usize| z[s] - f64::ln(q[s]);
    let terms = [corrected(3), corrected(0), corrected(0), corrected(5)];
    let m = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let want = m + terms.iter().map(|t| (t - m).exp()).sum::<f64>().ln() - corrected(3);
    if !close(got, want, 1e-12) {
        return Err(format!("mẫu [0, 0, 5] với q không đều: nhận {got}, cần {want}.\nGợi ý: một token được rút hai lần thì góp hai số hạng."));
    }
    let big = f(&[1000.0, -1000.0, 0.0], 1, &[0, 2], &[0.5, 0.25, 0.25]);
    if !big.is_finite() {
        return Err(format!(
            "logit ±1000 cho {big}: cần hữu hạn (dùng log-sum-exp)."
        ));
    }
    Ok(())
}
