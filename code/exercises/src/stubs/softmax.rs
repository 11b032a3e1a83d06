//! Bài tập chương 2: softmax ổn định, entropy chéo, perplexity. Chỉ dùng thư viện chuẩn.

// ANCHOR: softmax
/// Bài 2.1 — phương trình (2.1) tính ổn định: trừ logit lớn nhất trước khi lấy `exp`.
/// Phải đúng cả với logit cỡ ±1000 (cách tính ngây thơ cho NaN ở đó).
pub fn softmax(z: &[f64]) -> Vec<f64> {
    todo!("m = max z; e_i = exp(z_i − m); chia cho tổng")
}
// ANCHOR_END: softmax

// ANCHOR: cross_entropy
/// Bài 2.2 — phương trình (2.2): `−log P(y)` tính thẳng từ logit bằng log-sum-exp (2.4),
/// để kết quả hữu hạn và chính xác cả khi `P(y)` nhỏ hơn 1e-308.
pub fn cross_entropy(z: &[f64], y: usize) -> f64 {
    todo!("log Σ exp(z_j) − z_y, với log-sum-exp ổn định")
}
// ANCHOR_END: cross_entropy

// ANCHOR: perplexity
/// Bài 2.3 — phương trình (2.7): perplexity của một chuỗi từ các mất mát từng vị trí `losses[t] = −log P(y_t)`.
pub fn perplexity(losses: &[f64]) -> f64 {
    todo!("exp của trung bình các mất mát")
}
// ANCHOR_END: perplexity
