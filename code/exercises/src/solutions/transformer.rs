//! Lời giải bài tập chương 7.

// ANCHOR: layer_norm_backward
/// Bài 7.1 (★★) — phương trình (7.8).
pub fn layer_norm_backward(x: &[f64], gamma: &[f64], dy: &[f64]) -> Vec<f64> {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    let rstd = 1.0 / (var + 1e-5).sqrt();
    let xhat: Vec<f64> = x.iter().map(|v| (v - mean) * rstd).collect();
    let g: Vec<f64> = gamma.iter().zip(dy).map(|(a, b)| a * b).collect();
    let mean_g = g.iter().sum::<f64>() / n;
    let mean_gx = g.iter().zip(&xhat).map(|(a, b)| a * b).sum::<f64>() / n;
    g.iter()
        .zip(&xhat)
        .map(|(gi, xi)| (gi - mean_g - xi * mean_gx) * rstd)
        .collect()
}
// ANCHOR_END: layer_norm_backward

// ANCHOR: causal_attention
/// Bài 7.2 (★) — phương trình (7.3).
pub fn causal_attention(scores: &[Vec<f64>]) -> Vec<Vec<f64>> {
    scores
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let visible = &row[..=i];
            let m = visible.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let exps: Vec<f64> = visible.iter().map(|s| (s - m).exp()).collect();
            let sum: f64 = exps.iter().sum();
            let mut a = vec![0.0; row.len()];
            for (j, e) in exps.iter().enumerate() {
                a[j] = e / sum;
            }
            a
        })
        .collect()
}
// ANCHOR_END: causal_attention

// ANCHOR: embedding_gradients
/// Bài 7.3 (★) — phương trình (7.10).
pub fn embedding_gradients(
    delta: &[Vec<f64>],
    tokens: &[usize],
    vocab: usize,
) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let d = delta.first().map_or(0, Vec::len);
    let mut de = vec![vec![0.0; d]; vocab];
    for (row, &x) in delta.iter().zip(tokens) {
        for (acc, v) in de[x].iter_mut().zip(row) {
            *acc += v;
        }
    }
    (de, delta.to_vec())
}
// ANCHOR_END: embedding_gradients

// ANCHOR: layer_norm_param_gradients
/// Bài 7.4 (★★) — phương trình (7.8): `∂L/∂γ = Σ_t dy_t ⊙ x̂_t`, `∂L/∂β = Σ_t dy_t`.
pub fn layer_norm_param_gradients(xs: &[Vec<f64>], dys: &[Vec<f64>]) -> (Vec<f64>, Vec<f64>) {
    let d = xs[0].len();
    let (mut dgamma, mut dbeta) = (vec![0.0; d], vec![0.0; d]);
    for (x, dy) in xs.iter().zip(dys) {
        let n = d as f64;
        let mean = x.iter().sum::<f64>() / n;
        let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
        let rstd = 1.0 / (var + 1e-5).sqrt();
        for i in 0..d {
            dgamma[i] += dy[i] * (x[i] - mean) * rstd;
            dbeta[i] += dy[i];
        }
    }
    (dgamma, dbeta)
}
// ANCHOR_END: layer_norm_param_gradients
