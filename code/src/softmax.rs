//! Softmax và log-softmax ổn định số (chương 2).
//!
//! Mọi hàm ở đây dùng thủ thuật log-sum-exp: trừ đi logit lớn nhất trước khi lấy mũ, nên không
//! bao giờ tràn số trên, kể cả với logit cỡ ±1e300.

use crate::error::Result;
use crate::numerics::Shifted;

// ANCHOR: log_sum_exp
/// Phương trình (2.4): `log Σ_j exp(z_j) = m + log Σ_j exp(z_j − m)` với `m = max_j z_j`
/// (đúng nhờ tính bất biến khi tịnh tiến, phương trình 2.3).
pub fn log_sum_exp(logits: &[f64]) -> Result<f64> {
    // m + log1p(Σ_{j≠k} e^{z_j − m}): phần dư của z_j − m được giữ lại (xem numerics::Shifted)
    Ok(Shifted::new(logits)?.log_sum_exp())
}
// ANCHOR_END: log_sum_exp

// ANCHOR: softmax
/// Phương trình (2.1): `P(i) = exp(z_i) / Σ_j exp(z_j)`, tính ổn định bằng cách trừ `max_j z_j`.
pub fn softmax(logits: &[f64]) -> Result<Vec<f64>> {
    // Chia cho tổng thay vì lấy exp(z_i − lse): với |z| lớn, lse = m + log Σ bị làm tròn tới ulp(m)
    // (ví dụ z = (1e17, 1e17) cho lse = 1e17 và P = (1, 1)); exp(z_i − m)/Σ thì đúng tới vài ε.
    Ok(Shifted::new(logits)?.probs())
}
// ANCHOR_END: softmax

// ANCHOR: log_softmax
/// Phương trình (2.5): `log P(i) = z_i − log Σ_j exp(z_j)`, không bao giờ cho `−∞` với logit hữu hạn
/// trừ khi chênh lệch vượt quá miền của f64.
pub fn log_softmax(logits: &[f64]) -> Result<Vec<f64>> {
    // (5.8): log P_i = (z_i − m) − log1p(r), không phải z_i − lse (triệt tiêu khi |z| lớn)
    let s = Shifted::new(logits)?;
    Ok((0..s.len()).map(|i| s.log_prob(i)).collect())
}
// ANCHOR_END: log_softmax

/// Phương trình (2.8): softmax với nhiệt độ `τ > 0`: `P_τ(i) = softmax(z / τ)_i`.
pub fn softmax_with_temperature(logits: &[f64], temperature: f64) -> Result<Vec<f64>> {
    Ok(Shifted::with_temperature(logits, temperature)?.probs())
}

// ANCHOR: naive_softmax
/// Cách tính "ngây thơ" của (2.1), chỉ để minh hoạ chỗ hỏng: `exp(z_i)` tràn số khi `z_i > 709.78`.
/// Không kiểm tra đầu vào; đừng dùng hàm này ngoài minh hoạ.
pub fn naive_softmax(logits: &[f64]) -> Vec<f64> {
    let exps: Vec<f64> = logits.iter().map(|&z| z.exp()).collect();
    let sum: f64 = exps.iter().sum();
    exps.iter().map(|&e| e / sum).collect()
}
// ANCHOR_END: naive_softmax
