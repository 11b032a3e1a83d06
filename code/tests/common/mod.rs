//! Trợ giúp dùng chung cho các kiểm thử tích hợp: ma trận và vector ngẫu nhiên có hạt giống, chiến lược
//! logit của proptest, và các hàm tham chiếu dạng đóng.

use ndarray::Array2;
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

/// Ma trận `rows × cols` với phần tử N(0, 1) từ ChaCha8 hạt giống `seed`.
pub fn randn(rows: usize, cols: usize, seed: u64) -> Array2<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = Normal::new(0.0, 1.0).expect("phân phối chuẩn hợp lệ");
    Array2::from_shape_simple_fn((rows, cols), || n.sample(&mut rng))
}

/// Ma trận `n × d` với phần tử N(0, 1) + `shift` (mọi hàng lệch cùng một hướng khi `shift ≠ 0`).
pub fn shifted_randn(n: usize, d: usize, shift: f64, seed: u64) -> Array2<f64> {
    randn(n, d, seed) + shift
}

/// Ma trận `rows × cols` với phần tử đều trên `[−1, 1)`, rút từ `rng`.
pub fn uniform_matrix(rng: &mut ChaCha8Rng, rows: usize, cols: usize) -> Array2<f64> {
    Array2::from_shape_fn((rows, cols), |_| rng.random_range(-1.0..1.0))
}

/// Vector `d` chiều với phần tử đều trên `[−scale, scale)`, rút từ `rng`.
pub fn uniform_vec(rng: &mut ChaCha8Rng, d: usize, scale: f64) -> Vec<f64> {
    (0..d).map(|_| rng.random_range(-scale..scale)).collect()
}

/// Từ 2 tới 7 logit đều trên `(−max, max)`.
pub fn logits(max: f64) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-max..max, 2..8)
}

/// Các phần tử của ma trận theo thứ tự hàng.
pub fn flat(m: &Array2<f64>) -> Vec<f64> {
    m.iter().copied().collect()
}

/// `log(1 + e^a)` ổn định, dạng đóng độc lập.
pub fn softplus(a: f64) -> f64 {
    a.max(0.0) + (-a.abs()).exp().ln_1p()
}
