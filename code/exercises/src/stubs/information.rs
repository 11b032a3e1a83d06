//! Bài tập chương 6: độ phân kỳ KL với đúng các trường hợp biên; entropy tính bằng bit. Chỉ dùng thư viện chuẩn.

// ANCHOR: kl
/// Bài 6.1 (★) — phương trình (6.3): `KL(p‖q) = Σ_i p_i ln(p_i / q_i)` (nat), với quy ước: số hạng có `p_i = 0`
/// bằng 0 (kể cả khi `q_i = 0`); nếu có `q_i = 0 < p_i` thì kết quả là `f64::INFINITY`.
pub fn kl(p: &[f64], q: &[f64]) -> f64 {
    todo!("viết độ phân kỳ KL với các quy ước về số 0")
}
// ANCHOR_END: kl

// ANCHOR: entropy_bits
/// Bài 6.2 (★) — phương trình (6.11): entropy tính bằng bit, `H_bit(p) = −Σ_i p_i log₂ p_i`, với `0 · log 0 = 0`.
pub fn entropy_bits(p: &[f64]) -> f64 {
    todo!("viết entropy tính bằng bit")
}
// ANCHOR_END: entropy_bits
