//! Lời giải bài tập chương 2.

// ANCHOR: softmax
/// Bài 2.1 — phương trình (2.1), ổn định.
pub fn softmax(z: &[f64]) -> Vec<f64> {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = z.iter().map(|&v| (v - m).exp()).collect();
    let sum: f64 = exps.iter().sum();
    exps.into_iter().map(|e| e / sum).collect()
}
// ANCHOR_END: softmax

// ANCHOR: cross_entropy
/// Bài 2.2 — phương trình (2.2) qua log-sum-exp (2.4).
pub fn cross_entropy(z: &[f64], y: usize) -> f64 {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lse = m + z.iter().map(|&v| (v - m).exp()).sum::<f64>().ln();
    lse - z[y]
}
// ANCHOR_END: cross_entropy

// ANCHOR: perplexity
/// Bài 2.3 — phương trình (2.7).
pub fn perplexity(losses: &[f64]) -> f64 {
    (losses.iter().sum::<f64>() / losses.len() as f64).exp()
}
// ANCHOR_END: perplexity
