//! Bài tập chương 1. Ma trận embedding `E` được cho dưới dạng danh sách hàng: `e[w]` là hàng của token `w`.

// ANCHOR: lookup
/// Bài 1.1 (★) — phương trình (1.1): trả về bản sao hàng `token` của `E`, hoặc `None` nếu `token ≥ V`.
pub fn lookup(e: &[Vec<f64>], token: usize) -> Option<Vec<f64>> {
    todo!("trả hàng `token` của E, hoặc None nếu token ngoài từ vựng")
}
// ANCHOR_END: lookup

// ANCHOR: one_hot_lookup
/// Bài 1.2 (★) — phương trình (1.2): tính `x_wᵀ E` bằng phép nhân thật sự (cộng `x_w[i] · E[i]` qua mọi `i`),
/// với `x_w` là vector one-hot của `token`. `None` nếu `token ≥ V` hoặc các hàng không cùng độ dài.
pub fn one_hot_lookup(e: &[Vec<f64>], token: usize) -> Option<Vec<f64>> {
    todo!("tính x_wᵀE bằng phép nhân với vector one-hot")
}
// ANCHOR_END: one_hot_lookup
