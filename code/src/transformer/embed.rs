//! Đầu vào và đầu ra của mô hình: embedding token + vị trí (7.1), unembedding dùng chung E (7.5),
//! mất mát chuỗi (7.6) và gradient của chúng (7.8, 7.9).

use ndarray::{Array2, Axis};

use super::ensure_shape;
use crate::error::{ensure_len, Error, Result};
use crate::information::check_distribution;
use crate::numerics::{compensated_sum, Shifted};

// ANCHOR: encoder_forward
/// Phương trình (7.1): `z_t = e_{x_t} + p_t` — hàng `x_t` của `E` cộng hàng `t` của `P`.
pub fn encoder_forward(
    wte: &Array2<f64>,
    wpe: &Array2<f64>,
    tokens: &[usize],
) -> Result<Array2<f64>> {
    let (vocab, d) = wte.dim();
    ensure_len("số chiều của E_pos", d, wpe.ncols())?;
    if tokens.len() > wpe.nrows() {
        return Err(Error::InvalidParameter {
            what: "độ dài chuỗi",
            reason: format!("{} vị trí vượt ngữ cảnh {}", tokens.len(), wpe.nrows()),
        });
    }
    let mut z = Array2::zeros((tokens.len(), d));
    for (t, &x) in tokens.iter().enumerate() {
        if x >= vocab {
            return Err(Error::TokenOutOfRange { id: x, vocab });
        }
        z.row_mut(t).assign(&(&wte.row(x) + &wpe.row(t)));
    }
    Ok(z)
}
// ANCHOR_END: encoder_forward

// ANCHOR: encoder_backward
/// Phương trình (7.10): với `δ_t = ∂L/∂z_t`, nhánh vào của `E` nhận `∂L/∂e_w = Σ_{t: x_t = w} δ_t`
/// (cộng dồn khi một token xuất hiện nhiều lần) và `∂L/∂p_t = δ_t`. Trả `(∂L/∂E nhánh vào, ∂L/∂P)`.
pub fn encoder_backward(
    dz: &Array2<f64>,
    tokens: &[usize],
    wte_shape: (usize, usize),
    wpe_shape: (usize, usize),
) -> Result<(Array2<f64>, Array2<f64>)> {
    ensure_shape("gradient của z", dz, &[tokens.len(), wte_shape.1])?;
    if tokens.len() > wpe_shape.0 {
        return Err(Error::InvalidParameter {
            what: "độ dài chuỗi",
            reason: format!("{} vị trí vượt ngữ cảnh {}", tokens.len(), wpe_shape.0),
        });
    }
    let mut dwte = Array2::zeros(wte_shape);
    let mut dwpe = Array2::zeros(wpe_shape);
    for (t, &x) in tokens.iter().enumerate() {
        if x >= wte_shape.0 {
            return Err(Error::TokenOutOfRange {
                id: x,
                vocab: wte_shape.0,
            });
        }
        let mut row = dwte.row_mut(x);
        row += &dz.row(t);
        dwpe.row_mut(t).assign(&dz.row(t));
    }
    Ok((dwte, dwpe))
}
// ANCHOR_END: encoder_backward

// ANCHOR: unembed
/// Phương trình (7.5): logit `ℓ_{t,w} = e_w · u_t`, tức `ℓ = u Eᵀ` với cùng ma trận `E` của (7.1).
pub fn unembed_forward(u: &Array2<f64>, wte: &Array2<f64>) -> Result<Array2<f64>> {
    ensure_len("số chiều của u", wte.ncols(), u.ncols())?;
    Ok(u.dot(&wte.t()))
}

/// Phương trình (7.9), nhánh ra: `∂L/∂E = (∂L/∂ℓ)ᵀ u` và `∂L/∂u = (∂L/∂ℓ) E`. Trả `(∂L/∂u, ∂L/∂E nhánh ra)`.
pub fn unembed_backward(
    dlogits: &Array2<f64>,
    u: &Array2<f64>,
    wte: &Array2<f64>,
) -> Result<(Array2<f64>, Array2<f64>)> {
    ensure_shape("gradient của logit", dlogits, &[u.nrows(), wte.nrows()])?;
    Ok((dlogits.dot(wte), dlogits.t().dot(u)))
}
// ANCHOR_END: unembed

// ANCHOR: cross_entropy
/// Phương trình (7.6): `L = −Σ_t log P(y_t | ℓ_t)` (tổng, không chia T) và ma trận xác suất `P`.
pub fn cross_entropy_forward(
    logits: &Array2<f64>,
    targets: &[usize],
) -> Result<(f64, Array2<f64>)> {
    ensure_len(
        "số vị trí (logit so với token đích)",
        targets.len(),
        logits.nrows(),
    )?;
    let mut probs = Array2::zeros(logits.dim());
    let mut losses = Vec::with_capacity(targets.len());
    for (t, row) in logits.axis_iter(Axis(0)).enumerate() {
        let z = row.to_vec();
        let shifted = Shifted::new(&z)?;
        let y = targets[t];
        if y >= z.len() {
            return Err(Error::TokenOutOfRange {
                id: y,
                vocab: z.len(),
            });
        }
        // (5.8): (m − z_y) + log1p(T), không phải lse − z_y (triệt tiêu khi |ℓ| lớn)
        losses.push(shifted.cross_entropy(y));
        probs
            .row_mut(t)
            .assign(&ndarray::Array1::from(shifted.probs()));
    }
    let loss = compensated_sum(losses);
    Ok((loss, probs))
}

/// Phương trình (7.9): `∂L/∂ℓ_t = P_t − y_t` (one-hot của token đích), cho mỗi vị trí.
pub fn cross_entropy_backward(probs: &Array2<f64>, targets: &[usize]) -> Result<Array2<f64>> {
    ensure_len(
        "số vị trí (xác suất so với token đích)",
        targets.len(),
        probs.nrows(),
    )?;
    let mut d = probs.clone();
    for (t, &y) in targets.iter().enumerate() {
        if y >= d.ncols() {
            return Err(Error::TokenOutOfRange {
                id: y,
                vocab: d.ncols(),
            });
        }
        let row = probs.row(t).to_vec();
        check_distribution("hàng xác suất P_t", &row)?;
        // (5.9): P_y − 1 = −Σ_{j≠y} P_j, đúng tới vài ε cả khi P_y ≈ 1
        d[[t, y]] = -compensated_sum(
            row.iter()
                .enumerate()
                .filter(|&(j, _)| j != y)
                .map(|(_, &p)| p),
        );
    }
    Ok(d)
}
// ANCHOR_END: cross_entropy
