//! Bài tập chương 5: ma trận Hessian của entropy chéo theo logit; phương sai Var_P(v). Chỉ dùng thư viện chuẩn.

// ANCHOR: hessian
/// Bài 5.1 — phương trình (5.1): `H = diag(P) − P Pᵀ` với `P = softmax(z)`.
/// Phải giữ tổng mỗi hàng bằng 0 (tương đối) cả khi một `P_i` làm tròn thành 1, ví dụ z = (0, 40).
pub fn hessian(z: &[f64]) -> Vec<Vec<f64>> {
    todo!("H[i][j] = −P_i P_j ngoài đường chéo; H[i][i] = P_i (1 − P_i), tính không qua phép trừ 1 − P_i")
}
// ANCHOR_END: hessian

// ANCHOR: variance
/// Bài 5.2 — phương trình (5.2): `Var_P(v) = Σ_i P_i (v_i − E_P[v])²` (bằng `vᵀHv`).
/// Phải đúng cả khi mọi `v_i` cỡ 1e8 (giá trị lớn, chênh lệch nhỏ).
pub fn variance(p: &[f64], v: &[f64]) -> f64 {
    todo!("m = Σ P_i v_i; trả Σ P_i (v_i − m)²")
}
// ANCHOR_END: variance
