//! Lời giải bài tập chương 4.

// ANCHOR: log_sigmoid
/// Bài 4.1 (★) — phương trình (4.3).
pub fn log_sigmoid(x: f64) -> f64 {
    x.min(0.0) - (-x.abs()).exp().ln_1p()
}
// ANCHOR_END: log_sigmoid

fn sigmoid(x: f64) -> f64 {
    (log_sigmoid(x)).exp()
}

// ANCHOR: sgns_loss_and_grad
/// Bài 4.2 (★) — phương trình (4.2) và (4.5).
pub fn sgns_loss_and_grad(v_w: &[f64], u_c: &[f64], negatives: &[Vec<f64>]) -> (f64, Vec<f64>) {
    let dot = |a: &[f64]| a.iter().zip(v_w).map(|(x, y)| x * y).sum::<f64>();
    let s_c = dot(u_c);
    let mut loss = -log_sigmoid(s_c);
    let mut grad: Vec<f64> = u_c.iter().map(|u| (sigmoid(s_c) - 1.0) * u).collect();
    for n in negatives {
        let s_k = dot(n);
        loss -= log_sigmoid(-s_k);
        for (g, u) in grad.iter_mut().zip(n) {
            *g += sigmoid(s_k) * u;
        }
    }
    (loss, grad)
}
// ANCHOR_END: sgns_loss_and_grad

// ANCHOR: keep_probability
/// Bài 4.3 (★) — phương trình (4.7).
pub fn keep_probability(count: u64, total: u64, t: f64) -> f64 {
    let r = t / (count as f64 / total as f64);
    (r.sqrt() + r).min(1.0)
}
// ANCHOR_END: keep_probability

// ANCHOR: sgns_optimum
/// Bài 4.4 (★★) — phương trình (4.10): đạo hàm của ô `(w, c)` là `#(w,c) σ(−x) − K #(w) P_n(c) σ(x)`, bằng 0 khi
/// `e^x = #(w,c) / (K #(w) P_n(c))`.
pub fn sgns_optimum(counts: &[Vec<f64>], k: f64, noise: &[f64]) -> Vec<Vec<f64>> {
    counts
        .iter()
        .map(|row| {
            let total: f64 = row.iter().sum();
            row.iter()
                .zip(noise)
                .map(|(n_wc, p_c)| (n_wc / (k * total * p_c)).ln())
                .collect()
        })
        .collect()
}
// ANCHOR_END: sgns_optimum
