//! Bài tập chương 4: log σ ổn định, mất mát SGNS và gradient theo v_w, xác suất giữ của word2vec.
//! Chỉ dùng thư viện chuẩn.

// ANCHOR: log_sigmoid
/// Bài 4.1 (★) — phương trình (4.3): `log σ(x)` hữu hạn và chính xác với mọi `x` hữu hạn,
/// kể cả `x = −1000` (cách ngây thơ `ln(1/(1 + e^{−x}))` cho −∞ ở đó).
pub fn log_sigmoid(x: f64) -> f64 {
    todo!("viết log σ(x) hữu hạn và chính xác với mọi x hữu hạn")
}
// ANCHOR_END: log_sigmoid

// ANCHOR: sgns_loss_and_grad
/// Bài 4.2 (★) — phương trình (4.2) và (4.5): trả `(L, ∂L/∂v_w)` với
/// `L = −log σ(u_cᵀv_w) − Σ_k log σ(−u_{n_k}ᵀv_w)`.
pub fn sgns_loss_and_grad(v_w: &[f64], u_c: &[f64], negatives: &[Vec<f64>]) -> (f64, Vec<f64>) {
    todo!("trả mất mát SGNS và gradient của nó theo v_w")
}
// ANCHOR_END: sgns_loss_and_grad

// ANCHOR: keep_probability
/// Bài 4.3 (★) — phương trình (4.7): xác suất giữ một lần xuất hiện của từ có `count` lần trong kho
/// `total` token, ngưỡng `t`, đúng như mã C của word2vec (không phải công thức của bài báo).
pub fn keep_probability(count: u64, total: u64, t: f64) -> f64 {
    todo!("viết xác suất giữ một lần xuất hiện như mã C của word2vec")
}
// ANCHOR_END: keep_probability

// ANCHOR: sgns_optimum
/// Bài 4.4 (★★) — phương trình (4.10): cho bảng đếm `counts[w][c] = #(w, c)` (mọi ô dương), số mẫu âm `k` và một
/// phân phối nhiễu `noise` bất kỳ (không nhất thiết là unigram), trả ma trận `x*[w][c]` làm cực đại mục tiêu kỳ
/// vọng (4.9) theo từng ô.
pub fn sgns_optimum(counts: &[Vec<f64>], k: f64, noise: &[f64]) -> Vec<Vec<f64>> {
    todo!("trả điểm cực đại của (4.9) theo từng ô")
}
// ANCHOR_END: sgns_optimum
