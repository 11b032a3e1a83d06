//! Bộ kiểm bài tập chương 7. Tham chiếu: sai phân hữu hạn trung tâm của lượt xuôi (viết lại ở đây,
//! độc lập với bài làm), dạng đóng σ(a) cho softmax hai phần tử, và tính chất của ma trận chú ý.

use super::{all_close, central_gradient, close, pseudo_random};
use crate::{solutions, stubs, Exercise};

/// Các bài tập chương 7.
pub const EXERCISES: &[Exercise] = &[
    Exercise {
        id: "7.1",
        function: "layer_norm_backward",
        stub_source: include_str!("../stubs/transformer.rs"),
        check_stub: || check_layer_norm_backward(stubs::transformer::layer_norm_backward),
        check_solution: || check_layer_norm_backward(solutions::transformer::layer_norm_backward),
    },
    Exercise {
        id: "7.2",
        function: "causal_attention",
        stub_source: include_str!("../stubs/transformer.rs"),
        check_stub: || check_causal_attention(stubs::transformer::causal_attention),
        check_solution: || check_causal_attention(solutions::transformer::causal_attention),
    },
    Exercise {
        id: "7.3",
        function: "embedding_gradients",
        stub_source: include_str!("../stubs/transformer.rs"),
        check_stub: || check_embedding_gradients(stubs::transformer::embedding_gradients),
        check_solution: || check_embedding_gradients(solutions::transformer::embedding_gradients),
    },
    Exercise {
        id: "7.4",
        function: "layer_norm_param_gradients",
        stub_source: include_str!("../stubs/transformer.rs"),
        check_stub: || check_layer_norm_params(stubs::transformer::layer_norm_param_gradients),
        check_solution: || {
            check_layer_norm_params(solutions::transformer::layer_norm_param_gradients)
        },
    },
];

/// Lượt xuôi của layer norm (7.2) rồi chiếu lên `dy`: `f(x) = Σ_i dy_i y_i`.
fn projected_layer_norm(x: &[f64], gamma: &[f64], dy: &[f64]) -> f64 {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    let sigma = (var + 1e-5).sqrt();
    (0..x.len())
        .map(|i| dy[i] * gamma[i] * (x[i] - mean) / sigma)
        .sum()
}

fn central_difference(f: impl Fn(&[f64]) -> f64, x: &[f64]) -> Vec<f64> {
    let h = 1e-5;
    (0..x.len())
        .map(|i| {
            let (mut plus, mut minus) = (x.to_vec(), x.to_vec());
            plus[i] += h;
            minus[i] -= h;
            (f(&plus) - f(&minus)) / (2.0 * h)
        })
        .collect()
}

type LayerNormBackward = fn(&[f64], &[f64], &[f64]) -> Vec<f64>;

fn check_layer_norm_backward(f: LayerNormBackward) -> Result<(), String> {
    let x = [0.3, -1.2, 2.5, 0.7, -0.4];
    let gamma = [1.5, -0.7, 0.9, 2.0, 0.3];
    let dy = [0.2, 1.1, -0.6, 0.4, -1.3];
    let got = f(&x, &gamma, &dy);
    let want = central_difference(|v| projected_layer_norm(v, &gamma, &dy), &x);
    if !all_close(&got, &want, 1e-6) {
        return Err(format!(
            "∂L/∂x = {got:?}, sai phân trung tâm cho {want:?}.\nGợi ý: μ và σ cũng phụ thuộc x; đạo hàm qua μ cho số hạng −mean(g), đạo hàm qua σ cho −x̂ · mean(g ⊙ x̂). Đừng quên nhân γ vào dy trước (g = γ ⊙ dy)."
        ));
    }
    let sum: f64 = got.iter().sum();
    if !close(sum, 0.0, 1e-9) {
        return Err(format!(
            "Σ_i ∂L/∂x_i = {sum}, cần 0: cộng cùng một hằng số vào mọi x_i không đổi đầu ra của layer norm"
        ));
    }
    Ok(())
}

fn check_causal_attention(f: fn(&[Vec<f64>]) -> Vec<Vec<f64>>) -> Result<(), String> {
    let s = vec![
        vec![0.5, 1e3, -1e3],
        vec![2.0, -1.0, 1e3],
        vec![1e3, 1e3 - 1.0, 7.0],
    ];
    let a = f(&s);
    let sigma = |v: f64| 1.0 / (1.0 + (-v).exp());
    // Dạng đóng: hàng 1 là softmax hai phần tử (σ(±3)); hàng 2 có S_22 − S_20 = −993, e^−993 ≈ 0.
    let row2_first = 1.0 / (1.0 + (-1.0f64).exp() + (7.0 - 1e3f64).exp());
    if a.len() != 3 || a.iter().any(|r| r.len() != 3) {
        return Err(format!("A phải là ma trận 3 × 3 như S, nhận {a:?}"));
    }
    for (i, row) in a.iter().enumerate() {
        if let Some(j) = (i + 1..3).find(|&j| row[j] != 0.0) {
            return Err(format!(
                "A[{i}][{j}] = {}, cần đúng 0: vị trí {i} không được nhìn vị trí tương lai {j} (kể cả khi điểm của nó là 1000).",
                row[j]
            ));
        }
    }
    let got_rows = [a[0][0], a[1][0], a[1][1], a[2][0], a[2][1]];
    let want_rows = [
        1.0,
        sigma(3.0),
        sigma(-3.0),
        row2_first,
        (-1.0f64).exp() * row2_first,
    ];
    if !all_close(&got_rows, &want_rows, 1e-12) {
        return Err(format!(
            "A = {a:?}, các phần tử được thấy cần là {want_rows:?}.\nGợi ý: softmax trên S_i0..S_ii, trừ max của các phần tử ĐƯỢC THẤY trước khi lấy exp (điểm 1000 làm exp tràn số)."
        ));
    }
    Ok(())
}

type EmbeddingGradients = fn(&[Vec<f64>], &[usize], usize) -> (Vec<Vec<f64>>, Vec<Vec<f64>>);

fn check_embedding_gradients(f: EmbeddingGradients) -> Result<(), String> {
    let delta = vec![
        vec![0.5, -1.0],
        vec![2.0, 0.25],
        vec![-0.75, 1.5],
        vec![1.0, 1.0],
    ];
    let tokens = [2, 0, 2, 2];
    let vocab = 3;
    let (de, dp) = f(&delta, &tokens, vocab);
    // Tham chiếu: f(E, P) = Σ_t δ_t · (E[x_t] + P[t]) là tuyến tính; sai phân trung tâm theo từng phần tử.
    let forward = |e: &[f64], p: &[f64]| -> f64 {
        (0..tokens.len())
            .map(|t| {
                (0..2)
                    .map(|i| delta[t][i] * (e[2 * tokens[t] + i] + p[2 * t + i]))
                    .sum::<f64>()
            })
            .sum()
    };
    let (e0, p0) = (vec![0.1; 2 * vocab], vec![0.2; 2 * tokens.len()]);
    let want_e = central_difference(|e| forward(e, &p0), &e0);
    let want_p = central_difference(|p| forward(&e0, p), &p0);
    let got_e: Vec<f64> = de.concat();
    let got_p: Vec<f64> = dp.concat();
    if !all_close(&got_p, &want_p, 1e-9) {
        return Err(format!(
            "∂L/∂P = {dp:?}, cần {want_p:?}.\nGợi ý: mỗi vị trí t có hàng p_t riêng, nên ∂L/∂p_t = δ_t."
        ));
    }
    if de.len() != vocab || !all_close(&got_e, &want_e, 1e-9) {
        return Err(format!(
            "∂L/∂E = {de:?}, cần {want_e:?} (V = {vocab} hàng).\nGợi ý: token 2 xuất hiện ba lần nên hàng 2 nhận TỔNG ba δ_t; token 1 không xuất hiện nên hàng 1 bằng 0."
        ));
    }
    Ok(())
}

type ParamGradients = fn(&[Vec<f64>], &[Vec<f64>]) -> (Vec<f64>, Vec<f64>);

/// `Σ_t Σ_i dy_ti · LN(x_t; γ, β)_i` tính thẳng theo (7.2), với ε = 1e-5.
fn projected_params(xs: &[Vec<f64>], dys: &[Vec<f64>], gamma: &[f64], beta: &[f64]) -> f64 {
    let mut total = 0.0;
    for (x, dy) in xs.iter().zip(dys) {
        let n = x.len() as f64;
        let mean = x.iter().sum::<f64>() / n;
        let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
        for i in 0..x.len() {
            total += dy[i] * (gamma[i] * (x[i] - mean) / (var + 1e-5).sqrt() + beta[i]);
        }
    }
    total
}

fn check_layer_norm_params(f: ParamGradients) -> Result<(), String> {
    let d = 4;
    let xs: Vec<Vec<f64>> = pseudo_random(31, 3 * d)
        .chunks(d)
        .map(|c| c.iter().map(|v| 3.0 * v).collect())
        .collect();
    let dys: Vec<Vec<f64>> = pseudo_random(32, 3 * d)
        .chunks(d)
        .map(<[f64]>::to_vec)
        .collect();
    let gamma: Vec<f64> = pseudo_random(33, d).iter().map(|v| 1.0 + 0.5 * v).collect();
    let beta = pseudo_random(34, d);
    let (dgamma, dbeta) = f(&xs, &dys);
    let fd_gamma = central_gradient(&|g| projected_params(&xs, &dys, g, &beta), &gamma);
    let fd_beta = central_gradient(&|b| projected_params(&xs, &dys, &gamma, b), &beta);
    if !all_close(&dgamma, &fd_gamma, 1e-6) {
        return Err(format!("∂L/∂γ = {dgamma:?}, sai phân trung tâm cho {fd_gamma:?}.\nGợi ý: LN(x)_i = γ_i x̂_i + β_i là tuyến tính theo γ; cộng trên mọi vị trí t."));
    }
    if !all_close(&dbeta, &fd_beta, 1e-6) {
        return Err(format!(
            "∂L/∂β = {dbeta:?}, sai phân trung tâm cho {fd_beta:?}."
        ));
    }
    Ok(())
}
