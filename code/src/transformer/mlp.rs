//! Khối MLP theo vị trí của GPT-2 (7.4): `GELU(m W₁) W₂`, và lượt ngược của nó.

use ndarray::Array2;

use super::ensure_shape;
use crate::error::Result;

/// Hai ma trận của MLP: `W₁` (d × 4d) mở rộng, `W₂` (4d × d) thu về.
#[derive(Debug, Clone, PartialEq)]
pub struct MlpWeights {
    /// `W₁`, d × 4d.
    pub w1: Array2<f64>,
    /// `W₂`, 4d × d.
    pub w2: Array2<f64>,
}

/// Bộ nhớ đệm của lượt xuôi.
#[derive(Debug, Clone)]
pub struct MlpCache {
    x: Array2<f64>,
    pre: Array2<f64>,
    act: Array2<f64>,
}

const C: f64 = 0.044_715;

/// `√(2/π)`.
fn sqrt_2_over_pi() -> f64 {
    (2.0 / std::f64::consts::PI).sqrt()
}

// ANCHOR: gelu
/// Phương trình (7.4): `GELU(x) = ½ x (1 + tanh(√(2/π)(x + 0.044715 x³)))` (xấp xỉ tanh của GPT-2).
pub fn gelu(x: f64) -> f64 {
    0.5 * x * (1.0 + (sqrt_2_over_pi() * (x + C * x.powi(3))).tanh())
}

/// Đạo hàm của [`gelu`]: `½(1 + tanh u) + ½ x (1 − tanh² u) √(2/π)(1 + 3·0.044715 x²)`.
pub fn gelu_derivative(x: f64) -> f64 {
    let th = (sqrt_2_over_pi() * (x + C * x.powi(3))).tanh();
    0.5 * (1.0 + th) + 0.5 * x * (1.0 - th * th) * sqrt_2_over_pi() * (1.0 + 3.0 * C * x * x)
}
// ANCHOR_END: gelu

// ANCHOR: mlp
/// Phương trình (7.4): `MLP(m) = GELU(m W₁) W₂`, áp dụng độc lập cho từng vị trí (từng hàng).
pub fn mlp_forward(x: &Array2<f64>, w: &MlpWeights) -> Result<(Array2<f64>, MlpCache)> {
    let d = x.ncols();
    ensure_shape("W₁", &w.w1, &[d, w.w1.ncols()])?;
    ensure_shape("W₂", &w.w2, &[w.w1.ncols(), d])?;
    let pre = x.dot(&w.w1);
    let act = pre.mapv(gelu);
    let y = act.dot(&w.w2);
    let cache = MlpCache {
        x: x.clone(),
        pre,
        act,
    };
    Ok((y, cache))
}

/// Lượt ngược của (7.4): `∂L/∂W₂ = GELU(P)ᵀ Ȳ`, `P̄ = (Ȳ W₂ᵀ) ⊙ GELU′(P)`, `∂L/∂W₁ = mᵀ P̄`,
/// `∂L/∂m = P̄ W₁ᵀ`, với `P = m W₁`. Trả `(∂L/∂m, gradient của hai ma trận)`.
pub fn mlp_backward(
    dy: &Array2<f64>,
    w: &MlpWeights,
    cache: &MlpCache,
) -> Result<(Array2<f64>, MlpWeights)> {
    let (d, hidden) = (cache.x.ncols(), cache.pre.ncols());
    ensure_shape("gradient đầu ra của MLP", dy, &[cache.x.nrows(), d])?;
    ensure_shape("W₁", &w.w1, &[d, hidden])?;
    ensure_shape("W₂", &w.w2, &[hidden, d])?;
    let w2 = cache.act.t().dot(dy);
    let dpre = dy.dot(&w.w2.t()) * cache.pre.mapv(gelu_derivative);
    let w1 = cache.x.t().dot(&dpre);
    let dx = dpre.dot(&w.w1.t());
    Ok((dx, MlpWeights { w1, w2 }))
}
// ANCHOR_END: mlp
