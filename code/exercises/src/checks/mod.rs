//! Bộ kiểm: mỗi hàm nhận mã cần kiểm, so với tham chiếu độc lập, trả gợi ý tiếng Việt khi sai.

pub mod capstone;
pub mod dynamics;
pub mod embedding;
pub mod geometry;
pub mod gradient;
pub mod hessian;
pub mod hierarchical_softmax;
pub mod information;
pub mod negative_sampling;
pub mod softmax;
pub mod transformer;

/// So hai số với sai số tương đối `rel` (và sàn tuyệt đối `rel` quanh 0).
pub fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()).max(1.0)
}

/// So hai vector phần tử theo phần tử bằng [`close`].
pub fn all_close(a: &[f64], b: &[f64], rel: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| close(x, y, rel))
}

/// Softmax ổn định của bộ kiểm (tham chiếu, độc lập với mã của bạn đọc).
pub fn softmax_ref(z: &[f64]) -> Vec<f64> {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = z.iter().map(|&v| (v - m).exp()).collect();
    let sum: f64 = exps.iter().sum();
    exps.into_iter().map(|e| e / sum).collect()
}
