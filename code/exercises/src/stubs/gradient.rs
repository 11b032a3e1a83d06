//! Bài tập chương 3: ma trận Jacobi của softmax; gradient theo vector ẩn h. Chỉ dùng thư viện chuẩn.

// ANCHOR: softmax_jacobian
/// Bài 3.1 (★) — phương trình (3.1): ma trận Jacobi `J[i][j] = ∂P_i/∂z_j` của softmax, ổn định với mọi logit
/// hữu hạn.
pub fn softmax_jacobian(z: &[f64]) -> Vec<Vec<f64>> {
    todo!("dựng ma trận Jacobi của softmax")
}
// ANCHOR_END: softmax_jacobian

// ANCHOR: hidden_gradient
/// Bài 3.2 (★) — phương trình (3.4): `∂L/∂h = Σ_i P_i w_i − w_y` ("kỳ vọng trừ thực tế") cho tầng đầu ra
/// `z_i = w_iᵀ h`, `L = −log softmax(z)_y`. `w[i]` là hàng i của W.
pub fn hidden_gradient(w: &[Vec<f64>], h: &[f64], y: usize) -> Vec<f64> {
    todo!("tính ∂L/∂h của tầng đầu ra")
}
// ANCHOR_END: hidden_gradient

// ANCHOR: context_model_gradient
/// Bài 3.3 (★★) — phương trình (3.7): mô hình của mục 3.5 với `ē` là trung bình các hàng `E[c]`, `c ∈ context`,
/// `h = tanh(W_h ē)`, `z = E h`, `L = −log softmax(z)_y`. Trả gradient của `L` theo **toàn bộ** ma trận `E`
/// (cùng kích thước với `e`). `w_h[i]` là hàng i của `W_h`.
pub fn context_model_gradient(
    e: &[Vec<f64>],
    w_h: &[Vec<f64>],
    context: &[usize],
    y: usize,
) -> Vec<Vec<f64>> {
    todo!("trả ∂L/∂E của mô hình ngữ cảnh dùng chung E")
}
// ANCHOR_END: context_model_gradient
