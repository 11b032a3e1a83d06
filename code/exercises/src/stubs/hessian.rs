//! Bài tập chương 5: ma trận Hessian của entropy chéo theo logit; phương sai Var_P(v). Chỉ dùng thư viện chuẩn.

// ANCHOR: hessian
/// Bài 5.1 (★) — phương trình (5.1): `H = diag(P) − P Pᵀ` với `P = softmax(z)`.
/// Phải giữ tổng mỗi hàng bằng 0 (tương đối) cả khi một `P_i` làm tròn thành 1, ví dụ z = (0, 40).
pub fn hessian(z: &[f64]) -> Vec<Vec<f64>> {
    todo!("dựng ma trận Hessian theo logit")
}
// ANCHOR_END: hessian

// ANCHOR: variance
/// Bài 5.2 (★★) — phương trình (5.2): `Var_P(v) = Σ_i P_i (v_i − E_P[v])²` (bằng `vᵀHv`).
/// Phải đúng cả khi mọi `v_i` cỡ 1e8 (giá trị lớn, chênh lệch nhỏ).
pub fn variance(p: &[f64], v: &[f64]) -> f64 {
    todo!("tính phương sai của v theo phân phối P")
}
// ANCHOR_END: variance

// ANCHOR: z_loss
/// Bài 5.3 (★★★) — z-loss: entropy chéo cộng phạt `α (log Z)²` với `log Z = log Σ_j e^{z_j}`, để logit không lớn
/// mãi (mục 5.3: với nhãn cố định, entropy chéo không có cực tiểu). Trả `(L, ∂L/∂z)`, hữu hạn với mọi logit hữu hạn.
pub fn z_loss(z: &[f64], y: usize, alpha: f64) -> (f64, Vec<f64>) {
    todo!("trả entropy chéo cộng α (log Z)² và gradient của tổng theo logit")
}
// ANCHOR_END: z_loss
