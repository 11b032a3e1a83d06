//! Lời giải bài tập chương 3.

fn softmax(z: &[f64]) -> Vec<f64> {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = z.iter().map(|&v| (v - m).exp()).collect();
    let sum: f64 = exps.iter().sum();
    exps.into_iter().map(|e| e / sum).collect()
}

// ANCHOR: softmax_jacobian
/// Bài 3.1 (★) — phương trình (3.1).
pub fn softmax_jacobian(z: &[f64]) -> Vec<Vec<f64>> {
    let p = softmax(z);
    (0..p.len())
        .map(|i| {
            (0..p.len())
                .map(|j| p[i] * (if i == j { 1.0 } else { 0.0 } - p[j]))
                .collect()
        })
        .collect()
}
// ANCHOR_END: softmax_jacobian

// ANCHOR: hidden_gradient
/// Bài 3.2 (★) — phương trình (3.4).
pub fn hidden_gradient(w: &[Vec<f64>], h: &[f64], y: usize) -> Vec<f64> {
    let z: Vec<f64> = w
        .iter()
        .map(|row| row.iter().zip(h).map(|(a, b)| a * b).sum())
        .collect();
    let p = softmax(&z);
    let mut g: Vec<f64> = w[y].iter().map(|&x| -x).collect();
    for (pi, row) in p.iter().zip(w) {
        for (gk, &wk) in g.iter_mut().zip(row) {
            *gk += pi * wk;
        }
    }
    g
}
// ANCHOR_END: hidden_gradient

// ANCHOR: context_model_gradient
/// Bài 3.3 (★★) — phương trình (3.7): đường ra `(P_i − y_i) h` cho mọi hàng, cộng đường vào
/// `(1/k) W_hᵀ[(1 − h ⊙ h) ⊙ Eᵀ(P − y)]` cho mỗi lần một token có mặt trong ngữ cảnh.
pub fn context_model_gradient(
    e: &[Vec<f64>],
    w_h: &[Vec<f64>],
    context: &[usize],
    y: usize,
) -> Vec<Vec<f64>> {
    let (v, d, k) = (e.len(), e[0].len(), context.len() as f64);
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
    let mut g = softmax(&z);
    g[y] -= 1.0;
    // Đường ra: hàng i nhận g_i h.
    let mut grad: Vec<Vec<f64>> = g
        .iter()
        .map(|gi| h.iter().map(|hj| gi * hj).collect())
        .collect();
    // Đường vào: ∂L/∂h = Eᵀ g, qua tanh, qua W_h, chia đều cho các token ngữ cảnh.
    let dh: Vec<f64> = (0..d)
        .map(|j| (0..v).map(|i| g[i] * e[i][j]).sum::<f64>() * (1.0 - h[j] * h[j]))
        .collect();
    let dmean: Vec<f64> = (0..d)
        .map(|j| (0..d).map(|i| w_h[i][j] * dh[i]).sum())
        .collect();
    for &c in context {
        for j in 0..d {
            grad[c][j] += dmean[j] / k;
        }
    }
    grad
}
// ANCHOR_END: context_model_gradient
