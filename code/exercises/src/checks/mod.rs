//! Bộ kiểm: mỗi hàm nhận mã cần kiểm, so với tham chiếu độc lập, trả gợi ý tiếng Việt khi sai.

pub mod embedding;
pub mod negative_sampling;
pub mod softmax;

/// So hai số với sai số tương đối `rel` (và sàn tuyệt đối `rel` quanh 0).
pub fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()).max(1.0)
}

/// So hai vector phần tử theo phần tử bằng [`close`].
pub fn all_close(a: &[f64], b: &[f64], rel: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| close(x, y, rel))
}
