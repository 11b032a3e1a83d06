//! Bài tập chương 4: log-xác suất của softmax phân cấp dọc một đường đi trong cây.
//! Chỉ dùng thư viện chuẩn.

// ANCHOR: hs_log_probability
/// Bài 4.5 (★) — phương trình (4.11): `log P(c | w) = Σ_j log σ(ε_j x_j)` với `x_j = u_{n_j}ᵀv_w` (cho sẵn
/// trong `dots`, từ gốc xuống lá) và `ε_j = +1` nếu `code[j]` là `false` (nhánh 0), `−1` nếu `true`.
pub fn hs_log_probability(dots: &[f64], code: &[bool]) -> f64 {
    todo!("Σ_j log σ(±x_j), log σ tính ổn định như bài 4.1")
}
// ANCHOR_END: hs_log_probability
