//! Chuẩn hoá tầng (layer normalization): lượt xuôi (7.2) và lượt ngược (7.8), từng hàng một.

use ndarray::{Array1, Array2, Axis};

use super::ensure_shape;
use crate::error::Result;

/// Hằng số ε trong mẫu số của (7.2), như GPT-2.
pub const EPS: f64 = 1e-5;

/// Bộ nhớ đệm của lượt xuôi: `x̂` đã chuẩn hoá và `1/σ` của từng hàng.
#[derive(Debug, Clone)]
pub struct LayerNormCache {
    xhat: Array2<f64>,
    rstd: Array1<f64>,
}

// ANCHOR: layer_norm_forward
/// Phương trình (7.2): với mỗi hàng `x`, `y = γ ⊙ (x − μ)/σ + β`, `σ = √(var(x) + ε)`.
pub fn layer_norm_forward(
    x: &Array2<f64>,
    gamma: &Array1<f64>,
    beta: &Array1<f64>,
) -> Result<(Array2<f64>, LayerNormCache)> {
    let (rows, d) = x.dim();
    ensure_shape("γ của layer norm", gamma, &[d])?;
    ensure_shape("β của layer norm", beta, &[d])?;
    let mut xhat = Array2::zeros((rows, d));
    let mut rstd = Array1::zeros(rows);
    for (t, row) in x.axis_iter(Axis(0)).enumerate() {
        let mean = row.sum() / d as f64;
        let var = row.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / d as f64;
        rstd[t] = 1.0 / (var + EPS).sqrt();
        for i in 0..d {
            xhat[[t, i]] = (row[i] - mean) * rstd[t];
        }
    }
    let y = &xhat * gamma + beta;
    Ok((y, LayerNormCache { xhat, rstd }))
}
// ANCHOR_END: layer_norm_forward

// ANCHOR: layer_norm_backward
/// Phương trình (7.8): với `g = γ ⊙ ∂L/∂y`, `∂L/∂x = (g − mean(g) − x̂ · mean(g ⊙ x̂)) / σ`;
/// `∂L/∂γ = Σ_t ∂L/∂y_t ⊙ x̂_t`, `∂L/∂β = Σ_t ∂L/∂y_t`. Trả `(∂L/∂x, ∂L/∂γ, ∂L/∂β)`.
pub fn layer_norm_backward(
    dy: &Array2<f64>,
    gamma: &Array1<f64>,
    cache: &LayerNormCache,
) -> Result<(Array2<f64>, Array1<f64>, Array1<f64>)> {
    let (rows, d) = cache.xhat.dim();
    ensure_shape("gradient đầu ra của layer norm", dy, &[rows, d])?;
    ensure_shape("γ của layer norm", gamma, &[d])?;
    let dgamma = (dy * &cache.xhat).sum_axis(Axis(0));
    let dbeta = dy.sum_axis(Axis(0));
    let mut dx = Array2::zeros((rows, d));
    for t in 0..rows {
        let g = &dy.row(t) * gamma;
        let xhat = cache.xhat.row(t);
        let mean_g = g.sum() / d as f64;
        let mean_gx = (&g * &xhat).sum() / d as f64;
        for i in 0..d {
            dx[[t, i]] = (g[i] - mean_g - xhat[i] * mean_gx) * cache.rstd[t];
        }
    }
    Ok((dx, dgamma, dbeta))
}
// ANCHOR_END: layer_norm_backward
