//! Bài tập chương 2: softmax ổn định, entropy chéo, perplexity. Chỉ dùng thư viện chuẩn.

// ANCHOR: softmax
/// Bài 2.1 (★) — phương trình (2.1) tính ổn định: trừ logit lớn nhất trước khi lấy `exp`.
/// Phải đúng cả với logit cỡ ±1000 (cách tính ngây thơ cho NaN ở đó).
pub fn softmax(z: &[f64]) -> Vec<f64> {
    todo!("viết softmax ổn định số")
}
// ANCHOR_END: softmax

// ANCHOR: cross_entropy
/// Bài 2.2 (★) — phương trình (2.2): `−log P(y)` tính thẳng từ logit bằng log-sum-exp (2.4),
/// để kết quả hữu hạn và chính xác cả khi `P(y)` nhỏ hơn 1e-308.
pub fn cross_entropy(z: &[f64], y: usize) -> f64 {
    todo!("viết entropy chéo −log P(y), tính từ logit")
}
// ANCHOR_END: cross_entropy

// ANCHOR: perplexity
/// Bài 2.3 (★) — phương trình (2.7): perplexity của một chuỗi từ các mất mát từng vị trí `losses[t] = −log P(y_t)`.
pub fn perplexity(losses: &[f64]) -> f64 {
    todo!("viết perplexity từ các mất mát từng vị trí")
}
// ANCHOR_END: perplexity

// ANCHOR: label_smoothing
/// Bài 2.4 (★★★) — làm mượt nhãn (label smoothing): mục tiêu `q = (1 − ε)·one_hot(y) + ε/V` thay cho one-hot.
/// Trả `(L, ∂L/∂z)` với `L = −Σ_i q_i log softmax(z)_i`, đúng với mọi logit hữu hạn.
pub fn label_smoothing(z: &[f64], y: usize, eps: f64) -> (f64, Vec<f64>) {
    todo!("trả mất mát entropy chéo với nhãn làm mượt và gradient của nó theo logit")
}
// ANCHOR_END: label_smoothing

// ANCHOR: sampled_softmax
/// Bài 2.5 (★★★) — ước lượng sampled softmax: chỉ dùng logit của token đúng `y` và của các token `samples` rút từ
/// phân phối đề xuất `q`; trả mất mát entropy chéo trên tập nhỏ ấy, với mỗi logit đã trừ `ln q` của token đó.
pub fn sampled_softmax(z: &[f64], y: usize, samples: &[usize], q: &[f64]) -> f64 {
    todo!("trả mất mát sampled softmax (logit đã hiệu chỉnh bằng ln q)")
}
// ANCHOR_END: sampled_softmax
