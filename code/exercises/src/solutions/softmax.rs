//! Lời giải bài tập chương 2.

// ANCHOR: softmax
/// Bài 2.1 (★) — phương trình (2.1), ổn định.
pub fn softmax(z: &[f64]) -> Vec<f64> {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = z.iter().map(|&v| (v - m).exp()).collect();
    let sum: f64 = exps.iter().sum();
    exps.into_iter().map(|e| e / sum).collect()
}
// ANCHOR_END: softmax

// ANCHOR: cross_entropy
/// Bài 2.2 (★) — phương trình (2.2) qua log-sum-exp (2.4).
pub fn cross_entropy(z: &[f64], y: usize) -> f64 {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lse = m + z.iter().map(|&v| (v - m).exp()).sum::<f64>().ln();
    lse - z[y]
}
// ANCHOR_END: cross_entropy

// ANCHOR: perplexity
/// Bài 2.3 (★) — phương trình (2.7).
pub fn perplexity(losses: &[f64]) -> f64 {
    (losses.iter().sum::<f64>() / losses.len() as f64).exp()
}
// ANCHOR_END: perplexity

// ANCHOR: label_smoothing
/// Bài 2.4 (★★★) — làm mượt nhãn: `L = −Σ_i q_i log P_i = LSE(z) − Σ_i q_i z_i`, `∂L/∂z = P − q`.
pub fn label_smoothing(z: &[f64], y: usize, eps: f64) -> (f64, Vec<f64>) {
    let v = z.len() as f64;
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let sum: f64 = z.iter().map(|&x| (x - m).exp()).sum();
    let lse = m + sum.ln();
    let q: Vec<f64> = (0..z.len())
        .map(|i| eps / v + if i == y { 1.0 - eps } else { 0.0 })
        .collect();
    // Σ_i q_i = 1 nên L = Σ_i q_i (LSE − z_i): mỗi số hạng không âm, không có phép trừ hai số lớn.
    let loss = q.iter().zip(z).map(|(qi, zi)| qi * (lse - zi)).sum();
    let grad = z
        .iter()
        .zip(&q)
        .map(|(zi, qi)| (zi - lse).exp() - qi)
        .collect();
    (loss, grad)
}
// ANCHOR_END: label_smoothing

// ANCHOR: sampled_softmax
/// Bài 2.5 (★★★) — sampled softmax: logit hiệu chỉnh `z'_s = z_s − ln q_s` cho `y` và từng mẫu, rồi entropy chéo
/// của `y` trên tập `{y} ∪ samples` bằng log-sum-exp.
pub fn sampled_softmax(z: &[f64], y: usize, samples: &[usize], q: &[f64]) -> f64 {
    let corrected = |s: usize| z[s] - q[s].ln();
    let all: Vec<f64> = std::iter::once(y)
        .chain(samples.iter().copied())
        .map(corrected)
        .collect();
    let m = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lse = m + all.iter().map(|&x| (x - m).exp()).sum::<f64>().ln();
    lse - corrected(y)
}
// ANCHOR_END: sampled_softmax
