//! Bài tập chương 7: lượt ngược của layer norm, trọng số chú ý có mặt nạ nhân quả, gradient của
//! embedding vị trí. Chỉ dùng thư viện chuẩn; ma trận là danh sách hàng `Vec<Vec<f64>>`.

// ANCHOR: layer_norm_backward
/// Bài 7.1 (★★) — phương trình (7.8) cho một hàng: cho `x`, `γ` và `dy = ∂L/∂y` với
/// `y = γ ⊙ (x − μ)/σ + β`, `σ = √(var(x) + ε)`, `ε = 1e-5`, trả `∂L/∂x`.
pub fn layer_norm_backward(x: &[f64], gamma: &[f64], dy: &[f64]) -> Vec<f64> {
    todo!("viết lượt ngược của chuẩn hoá tầng cho một hàng")
}
// ANCHOR_END: layer_norm_backward

// ANCHOR: causal_attention
/// Bài 7.2 (★) — phương trình (7.3): từ ma trận điểm `S` (T × T, đã chia √d) trả `A = softmax(S + M)`
/// theo hàng, với `A_ij = 0` đúng bằng không khi `j > i`. Phải ổn định với điểm cỡ ±1000.
pub fn causal_attention(scores: &[Vec<f64>]) -> Vec<Vec<f64>> {
    todo!("tính trọng số chú ý có mặt nạ nhân quả")
}
// ANCHOR_END: causal_attention

// ANCHOR: embedding_gradients
/// Bài 7.3 (★) — phương trình (7.10): cho `δ_t = ∂L/∂z_t` (T hàng) và các token đầu vào `x_t`, trả
/// `(∂L/∂E, ∂L/∂P)` của nhánh vào, với `E` có `vocab` hàng và `P` có `T` hàng.
pub fn embedding_gradients(
    delta: &[Vec<f64>],
    tokens: &[usize],
    vocab: usize,
) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    todo!("trả gradient của embedding token và của embedding vị trí")
}
// ANCHOR_END: embedding_gradients

// ANCHOR: layer_norm_param_gradients
/// Bài 7.4 (★★) — phương trình (7.8), dòng cuối: cho các hàng vào `xs[t]` và gradient theo đầu ra `dys[t]` của
/// chuẩn hoá tầng (ε = 1e-5), trả gradient theo `γ` và theo `β`, cộng trên mọi vị trí `t`.
pub fn layer_norm_param_gradients(xs: &[Vec<f64>], dys: &[Vec<f64>]) -> (Vec<f64>, Vec<f64>) {
    todo!("trả (∂L/∂γ, ∂L/∂β) của chuẩn hoá tầng")
}
// ANCHOR_END: layer_norm_param_gradients
