//! Bài tập chương 8: gradient khi chia sẻ trọng số, đẳng thức gradient tích luỹ, tương quan hạng.
//! Chỉ dùng thư viện chuẩn.

// ANCHOR: tied_gradient
/// Bài 8.1 (★★) — phương trình (8.4) khi chia sẻ trọng số: gradient của `L = −log softmax(E e_w)_c` theo
/// toàn bộ ma trận `E` (V hàng, mỗi hàng d số). Nhớ cả hai đường: hàng `i` nhận `(p_i − y_i) e_w`
/// (đường đầu ra), và riêng hàng `w` nhận thêm `Eᵀ(p − y)` (đường đầu vào).
pub fn tied_gradient(e: &[Vec<f64>], w: usize, c: usize) -> Vec<Vec<f64>> {
    todo!("tính gradient đầy đủ theo E khi chia sẻ trọng số")
}
// ANCHOR_END: tied_gradient

// ANCHOR: accumulate
/// Bài 8.2 (★) — phương trình (8.3): vị trí sau t bước SGD, `e^(t) = e^(0) − η Σ_k g_k`, từ điểm đầu và
/// danh sách gradient đã dùng ở từng bước.
pub fn accumulate(e0: &[f64], grads: &[Vec<f64>], lr: f64) -> Vec<f64> {
    todo!("tính vị trí sau các bước SGD")
}
// ANCHOR_END: accumulate

// ANCHOR: spearman
/// Bài 8.3 (★) — hệ số tương quan hạng Spearman: tương quan Pearson giữa hạng của `x` và hạng của `y`
/// (hạng bắt đầu từ 1; các giá trị bằng nhau nhận hạng trung bình).
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    todo!("viết hệ số tương quan hạng Spearman")
}
// ANCHOR_END: spearman
