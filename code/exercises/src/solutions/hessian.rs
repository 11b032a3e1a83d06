//! Lời giải bài tập chương 5.

// ANCHOR: hessian
/// Bài 5.1 (★) — phương trình (5.1), đường chéo tính bằng `P_i Σ_{j≠i} P_j`.
pub fn hessian(z: &[f64]) -> Vec<Vec<f64>> {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = z.iter().map(|&v| (v - m).exp()).collect();
    let sum: f64 = exps.iter().sum();
    let p: Vec<f64> = exps.into_iter().map(|e| e / sum).collect();
    (0..p.len())
        .map(|i| {
            (0..p.len())
                .map(|j| {
                    if i == j {
                        p[i] * (0..p.len()).filter(|&k| k != i).map(|k| p[k]).sum::<f64>()
                    } else {
                        -p[i] * p[j]
                    }
                })
                .collect()
        })
        .collect()
}
// ANCHOR_END: hessian

// ANCHOR: variance
/// Bài 5.2 (★★) — phương trình (5.2), hai lượt: trung bình trước, rồi bình phương độ lệch.
pub fn variance(p: &[f64], v: &[f64]) -> f64 {
    let mean: f64 = p.iter().zip(v).map(|(pi, vi)| pi * vi).sum();
    p.iter()
        .zip(v)
        .map(|(pi, vi)| pi * (vi - mean).powi(2))
        .sum()
}
// ANCHOR_END: variance

// ANCHOR: z_loss
/// Bài 5.3 (★★★) — z-loss: `L = log Z − z_y + α (log Z)²`, `∂L/∂z = P − y + 2α log Z · P`.
pub fn z_loss(z: &[f64], y: usize, alpha: f64) -> (f64, Vec<f64>) {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let log_z = m + z.iter().map(|&v| (v - m).exp()).sum::<f64>().ln();
    let loss = log_z - z[y] + alpha * log_z * log_z;
    let grad = z
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let p = (v - log_z).exp();
            p - f64::from(u8::from(i == y)) + 2.0 * alpha * log_z * p
        })
        .collect();
    (loss, grad)
}
// ANCHOR_END: z_loss
