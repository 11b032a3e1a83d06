//! Lời giải bài tập softmax phân cấp (chương 4).

// ANCHOR: hs_log_probability
/// Bài 4.5 (★) — phương trình (4.11): `log P(c | w) = Σ_j log σ(ε_j x_j)`.
pub fn hs_log_probability(dots: &[f64], code: &[bool]) -> f64 {
    let log_sigmoid = |x: f64| x.min(0.0) - (-x.abs()).exp().ln_1p();
    dots.iter()
        .zip(code)
        .map(|(&x, &bit)| log_sigmoid(if bit { -x } else { x }))
        .sum()
}
// ANCHOR_END: hs_log_probability
