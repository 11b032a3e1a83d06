//! Bài tập chương 9: tương quan qua cosine, độ tinh khiết láng giềng, tính bất đẳng hướng.
//! Chỉ dùng thư viện chuẩn.

// ANCHOR: correlation
/// Bài 9.1 (★) — phương trình (9.3): tương quan Pearson của hai dãy bằng cosine của hai vector đã trừ
/// trung bình của chính nó.
pub fn correlation(a: &[f64], b: &[f64]) -> f64 {
    todo!("viết hệ số tương quan Pearson qua cosine")
}
// ANCHOR_END: correlation

// ANCHOR: neighbour_purity
/// Bài 9.2 (★) — phương trình (9.6): với mỗi điểm, lấy `k` điểm khác có cosine lớn nhất, đếm tỉ lệ cùng
/// nhãn; trả trung bình trên mọi điểm.
pub fn neighbour_purity(points: &[Vec<f64>], labels: &[usize], k: usize) -> f64 {
    todo!("viết độ tinh khiết láng giềng")
}
// ANCHOR_END: neighbour_purity

// ANCHOR: anisotropy
/// Bài 9.3 (★) — phương trình (9.5): cosine trung bình trên mọi cặp hàng khác nhau `i ≠ j`.
pub fn anisotropy(rows: &[Vec<f64>]) -> f64 {
    todo!("viết cosine trung bình của mọi cặp hàng khác nhau")
}
// ANCHOR_END: anisotropy
