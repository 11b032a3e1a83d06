//! Bộ kiểm bài tập chương 3. Tham chiếu: sai phân hữu hạn trung tâm của softmax và của mất mát, do bộ kiểm
//! tự tính (độc lập với mã của bạn đọc), và dạng đóng cho hai logit.

use super::{all_close, central_gradient, pseudo_random, softmax_ref};
use crate::{solutions, stubs, Exercise};

/// Các bài tập chương 3.
pub const EXERCISES: &[Exercise] = &[
    Exercise {
        id: "3.1",
        function: "softmax_jacobian",
        stub_source: include_str!("../stubs/gradient.rs"),
        check_stub: || check_jacobian(stubs::gradient::softmax_jacobian),
        check_solution: || check_jacobian(solutions::gradient::softmax_jacobian),
    },
    Exercise {
        id: "3.2",
        function: "hidden_gradient",
        stub_source: include_str!("../stubs/gradient.rs"),
        check_stub: || check_hidden(stubs::gradient::hidden_gradient),
        check_solution: || check_hidden(solutions::gradient::hidden_gradient),
    },
    Exercise {
        id: "3.3",
        function: "context_model_gradient",
        stub_source: include_str!("../stubs/gradient.rs"),
        check_stub: || check_context_model(stubs::gradient::context_model_gradient),
        check_solution: || check_context_model(solutions::gradient::context_model_gradient),
    },
];

const H: f64 = 1e-6;

/// Sai phân trung tâm của `f` theo toạ độ `j` tại `x`.
fn central(f: impl Fn(&[f64]) -> f64, x: &[f64], j: usize) -> f64 {
    let (mut plus, mut minus) = (x.to_vec(), x.to_vec());
    plus[j] += H;
    minus[j] -= H;
    (f(&plus) - f(&minus)) / (2.0 * H)
}

fn check_jacobian(f: fn(&[f64]) -> Vec<Vec<f64>>) -> Result<(), String> {
    for z in [
        vec![0.0, 0.0],
        vec![1.0, -2.0, 0.5],
        vec![3.0, 1.0, -1.0, 0.2, 2.5],
    ] {
        let jac = f(&z);
        if jac.len() != z.len() {
            return Err(format!("J phải có {} hàng, nhận {}", z.len(), jac.len()));
        }
        for (i, row) in jac.iter().enumerate() {
            let numeric: Vec<f64> = (0..z.len())
                .map(|j| central(|x| softmax_ref(x)[i], &z, j))
                .collect();
            if !all_close(row, &numeric, 1e-6) {
                return Err(format!(
                    "z = {z:?}: hàng {i} của J = {row:?}, sai phân trung tâm cho {numeric:?}.\nGợi ý: đường chéo là P_i(1 − P_i), ngoài đường chéo là −P_i P_j (có dấu trừ)."
                ));
            }
        }
    }
    let big = f(&[1000.0, 999.0]);
    let s = 1.0 / (1.0 + (-1.0_f64).exp());
    let want = s * (1.0 - s);
    if !all_close(&big[0], &[want, -want], 1e-12) {
        return Err(format!(
            "z = (1000, 999): hàng 0 của J phải là (σ(1)(1 − σ(1)), −σ(1)(1 − σ(1))) = ({want}, {}), nhận {:?}.\nGợi ý: trừ max(z) trước khi lấy exp.",
            -want, big[0]
        ));
    }
    Ok(())
}

/// Chữ ký của bài 3.2.
type HiddenGradient = fn(&[Vec<f64>], &[f64], usize) -> Vec<f64>;

fn check_hidden(f: HiddenGradient) -> Result<(), String> {
    let w = vec![
        vec![0.5, -1.0, 0.2],
        vec![1.5, 0.3, -0.7],
        vec![-0.4, 0.8, 1.1],
        vec![0.0, -0.2, -1.3],
    ];
    let loss = |h: &[f64], y: usize| {
        let z: Vec<f64> = w
            .iter()
            .map(|row| row.iter().zip(h).map(|(a, b)| a * b).sum())
            .collect();
        -softmax_ref(&z)[y].ln()
    };
    for (h, y) in [
        (vec![1.0, 2.0, -0.5], 0),
        (vec![-0.3, 0.1, 0.9], 3),
        (vec![0.0; 3], 2),
    ] {
        let got = f(&w, &h, y);
        let numeric: Vec<f64> = (0..h.len())
            .map(|j| central(|x| loss(x, y), &h, j))
            .collect();
        if !all_close(&got, &numeric, 1e-6) {
            return Err(format!(
                "h = {h:?}, y = {y}: ∂L/∂h = {got:?}, sai phân trung tâm cho {numeric:?}.\nGợi ý: Σ_i P_i w_i là trung bình các hàng theo P; nhớ trừ hàng w_y của token đúng (không phải cộng)."
            ));
        }
    }
    Ok(())
}

type ContextGradient = fn(&[Vec<f64>], &[Vec<f64>], &[usize], usize) -> Vec<Vec<f64>>;

/// Mất mát của mô hình ngữ cảnh (3.7) tính thẳng theo định nghĩa — tham chiếu cho sai phân trung tâm.
fn context_loss(e: &[Vec<f64>], w_h: &[Vec<f64>], context: &[usize], y: usize) -> f64 {
    let d = e[0].len();
    let k = context.len() as f64;
    let mean: Vec<f64> = (0..d)
        .map(|j| context.iter().map(|&c| e[c][j]).sum::<f64>() / k)
        .collect();
    let h: Vec<f64> = w_h
        .iter()
        .map(|row| {
            row.iter()
                .zip(&mean)
                .map(|(a, b)| a * b)
                .sum::<f64>()
                .tanh()
        })
        .collect();
    let z: Vec<f64> = e
        .iter()
        .map(|row| row.iter().zip(&h).map(|(a, b)| a * b).sum())
        .collect();
    -softmax_ref(&z)[y].ln()
}

fn check_context_model(f: ContextGradient) -> Result<(), String> {
    let (v, d) = (5, 3);
    let flat = pseudo_random(11, v * d);
    let e: Vec<Vec<f64>> = flat.chunks(d).map(<[f64]>::to_vec).collect();
    let w_h: Vec<Vec<f64>> = pseudo_random(12, d * d)
        .chunks(d)
        .map(<[f64]>::to_vec)
        .collect();
    // Token 1 có mặt hai lần trong ngữ cảnh; token đích 1 cũng nằm trong ngữ cảnh: cả hai đường gặp nhau ở hàng 1.
    for (context, y) in [(vec![1, 3, 1], 1), (vec![0, 2], 4)] {
        let got = f(&e, &w_h, &context, y);
        let loss = |x: &[f64]| {
            let m: Vec<Vec<f64>> = x.chunks(d).map(<[f64]>::to_vec).collect();
            context_loss(&m, &w_h, &context, y)
        };
        let fd = central_gradient(&loss, &flat);
        let got_flat: Vec<f64> = got.concat();
        if got.len() != v || !all_close(&got_flat, &fd, 1e-6) {
            return Err(format!(
                "ngữ cảnh {context:?}, đích {y}: gradient theo E lệch sai phân trung tâm.\n  của bạn: {got_flat:?}\n  sai phân: {fd:?}\nGợi ý: E xuất hiện hai lần — ở ē (đường vào, qua tanh và W_h, chia đều cho các token ngữ cảnh) và ở z = E h (đường ra); gradient là tổng hai đường."
            ));
        }
    }
    Ok(())
}
