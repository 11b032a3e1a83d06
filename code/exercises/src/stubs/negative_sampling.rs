//! Bài tập chương 4: log σ ổn định, mất mát SGNS và gradient theo v_w, xác suất giữ của word2vec.
//! Chỉ dùng thư viện chuẩn.

// ANCHOR: log_sigmoid
/// Bài 4.1 — phương trình (4.3): `log σ(x)` hữu hạn và chính xác với mọi `x` hữu hạn,
/// kể cả `x = −1000` (cách ngây thơ `ln(1/(1 + e^{−x}))` cho −∞ ở đó).
pub fn log_sigmoid(x: f64) -> f64 {
    todo!("min(x, 0) − ln_1p(exp(−|x|))")
}
// ANCHOR_END: log_sigmoid

// ANCHOR: sgns_loss_and_grad
/// Bài 4.2 — phương trình (4.2) và (4.5): trả `(L, ∂L/∂v_w)` với
/// `L = −log σ(u_cᵀv_w) − Σ_k log σ(−u_{n_k}ᵀv_w)`.
pub fn sgns_loss_and_grad(v_w: &[f64], u_c: &[f64], negatives: &[Vec<f64>]) -> (f64, Vec<f64>) {
    todo!("∂L/∂v_w = (σ(s_c) − 1)·u_c + Σ_k σ(s_k)·u_nk")
}
// ANCHOR_END: sgns_loss_and_grad

// ANCHOR: keep_probability
/// Bài 4.3 — phương trình (4.7): xác suất giữ một lần xuất hiện của từ có `count` lần trong kho
/// `total` token, ngưỡng `t`, đúng như mã C của word2vec (không phải công thức của bài báo).
pub fn keep_probability(count: u64, total: u64, t: f64) -> f64 {
    todo!("f = count/total; min(1, √(t/f) + t/f)")
}
// ANCHOR_END: keep_probability
