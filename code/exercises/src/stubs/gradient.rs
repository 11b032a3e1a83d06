//! Bài tập chương 3: ma trận Jacobi của softmax; gradient theo vector ẩn h. Chỉ dùng thư viện chuẩn.

// ANCHOR: softmax_jacobian
/// Bài 3.1 — phương trình (3.1): ma trận Jacobi `J[i][j] = ∂P_i/∂z_j = P_i (δ_ij − P_j)` của softmax.
/// Tính softmax ổn định (trừ max) trước, rồi dựng J.
pub fn softmax_jacobian(z: &[f64]) -> Vec<Vec<f64>> {
    todo!("P = softmax(z); J[i][j] = P_i * (δ_ij − P_j)")
}
// ANCHOR_END: softmax_jacobian

// ANCHOR: hidden_gradient
/// Bài 3.2 — phương trình (3.4): `∂L/∂h = Σ_i P_i w_i − w_y` ("kỳ vọng trừ thực tế") cho tầng đầu ra
/// `z_i = w_iᵀ h`, `L = −log softmax(z)_y`. `w[i]` là hàng i của W.
pub fn hidden_gradient(w: &[Vec<f64>], h: &[f64], y: usize) -> Vec<f64> {
    todo!("z_i = w_i · h; P = softmax(z); trả Σ_i P_i w_i − w_y")
}
// ANCHOR_END: hidden_gradient
