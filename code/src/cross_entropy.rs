//! Entropy chéo cho bài toán dự đoán token kế tiếp, và perplexity (chương 2).

use crate::error::{ensure_len, Error, Result};
use crate::numerics::{compensated_sum, Shifted};

// ANCHOR: cross_entropy
/// Phương trình (2.2): `L = −log P(y) = log Σ_j exp(z_j) − z_y`, tính thẳng từ logit (không qua
/// softmax) nên đúng cả khi `P(y)` nhỏ hơn số dương nhỏ nhất của f64.
pub fn cross_entropy(logits: &[f64], target: usize) -> Result<f64> {
    if target >= logits.len() {
        return Err(Error::TokenOutOfRange {
            id: target,
            vocab: logits.len(),
        });
    }
    // (5.8): (m − z_y) + log1p(Σ_{j≠k} e^{z_j − m}), hai số hạng ≥ 0 — không trừ lse − z_y
    Ok(Shifted::new(logits)?.cross_entropy(target))
}
// ANCHOR_END: cross_entropy

// ANCHOR: sequence_loss
/// Phương trình (2.6): mất mát trung bình của một chuỗi, `L̄ = (1/T) Σ_t −log P(y_t | z_t)`.
/// `logits[t]` là vector logit ở vị trí `t`, `targets[t]` là token đúng.
pub fn mean_cross_entropy(logits: &[Vec<f64>], targets: &[usize]) -> Result<f64> {
    ensure_len(
        "số vị trí (logit so với token đích)",
        logits.len(),
        targets.len(),
    )?;
    if targets.is_empty() {
        return Err(Error::Empty("chuỗi token đích"));
    }
    let losses = logits
        .iter()
        .zip(targets)
        .map(|(z, &y)| cross_entropy(z, y))
        .collect::<Result<Vec<f64>>>()?;
    Ok(compensated_sum(losses) / targets.len() as f64)
}
// ANCHOR_END: sequence_loss

// ANCHOR: perplexity
/// Phương trình (2.7): perplexity `PPL = exp(L̄)` — "số lựa chọn đều nhau" mà mô hình đang phân vân.
pub fn perplexity(mean_loss: f64) -> Result<f64> {
    if !(mean_loss.is_finite() && mean_loss >= 0.0) {
        return Err(Error::InvalidParameter {
            what: "mất mát trung bình",
            reason: format!("cần hữu hạn và ≥ 0, nhận {mean_loss}"),
        });
    }
    Ok(mean_loss.exp())
}
// ANCHOR_END: perplexity
