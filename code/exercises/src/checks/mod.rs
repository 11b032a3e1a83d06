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
pub mod numerics;
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

/// Gradient của `f` tại `x` bằng sai phân trung tâm (f64), bước `1e-5 · max(1, |x_j|)`: tham chiếu độc lập với mọi
/// công thức đạo hàm.
pub fn central_gradient(f: &dyn Fn(&[f64]) -> f64, x: &[f64]) -> Vec<f64> {
    (0..x.len())
        .map(|j| {
            let h = 1e-5 * x[j].abs().max(1.0);
            let (mut plus, mut minus) = (x.to_vec(), x.to_vec());
            plus[j] += h;
            minus[j] -= h;
            (f(&plus) - f(&minus)) / (2.0 * h)
        })
        .collect()
}

/// Số giả ngẫu nhiên tất định trong [−1, 1) (bộ sinh đồng dư tuyến tính), để dữ liệu của bộ kiểm cố định.
pub fn pseudo_random(seed: u64, n: usize) -> Vec<f64> {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
        })
        .collect()
}
