//! Lời giải bài tập chương 3.

fn softmax(z: &[f64]) -> Vec<f64> {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = z.iter().map(|&v| (v - m).exp()).collect();
    let sum: f64 = exps.iter().sum();
    exps.into_iter().map(|e| e / sum).collect()
}

// ANCHOR: softmax_jacobian
/// Bài 3.1 — phương trình (3.1).
pub fn softmax_jacobian(z: &[f64]) -> Vec<Vec<f64>> {
    let p = softmax(z);
    (0..p.len())
        .map(|i| {
            (0..p.len())
                .map(|j| p[i] * (if i == j { 1.0 } else { 0.0 } - p[j]))
                .collect()
        })
        .collect()
}
// ANCHOR_END: softmax_jacobian

// ANCHOR: hidden_gradient
/// Bài 3.2 — phương trình (3.4).
pub fn hidden_gradient(w: &[Vec<f64>], h: &[f64], y: usize) -> Vec<f64> {
    let z: Vec<f64> = w
        .iter()
        .map(|row| row.iter().zip(h).map(|(a, b)| a * b).sum())
        .collect();
    let p = softmax(&z);
    let mut g: Vec<f64> = w[y].iter().map(|&x| -x).collect();
    for (pi, row) in p.iter().zip(w) {
        for (gk, &wk) in g.iter_mut().zip(row) {
            *gk += pi * wk;
        }
    }
    g
}
// ANCHOR_END: hidden_gradient
