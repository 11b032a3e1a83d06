//! Lời giải bài tập chương 8.

// ANCHOR: tied_gradient
/// Bài 8.1 (★★) — phương trình (8.4), chia sẻ trọng số: tổng đường đầu ra và đường đầu vào.
pub fn tied_gradient(e: &[Vec<f64>], w: usize, c: usize) -> Vec<Vec<f64>> {
    let h = &e[w];
    let z: Vec<f64> = e
        .iter()
        .map(|row| row.iter().zip(h).map(|(a, b)| a * b).sum())
        .collect();
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let total: f64 = exps.iter().sum();
    let mut g: Vec<f64> = exps.iter().map(|x| x / total).collect();
    g[c] -= 1.0;
    // đường đầu ra: hàng i nhận g_i · h
    let mut grad: Vec<Vec<f64>> = g
        .iter()
        .map(|&gi| h.iter().map(|x| gi * x).collect())
        .collect();
    // đường đầu vào: hàng w nhận Eᵀ g
    for (gi, row) in g.iter().zip(e) {
        for (d, x) in grad[w].iter_mut().zip(row) {
            *d += gi * x;
        }
    }
    grad
}
// ANCHOR_END: tied_gradient

// ANCHOR: accumulate
/// Bài 8.2 (★) — phương trình (8.3).
pub fn accumulate(e0: &[f64], grads: &[Vec<f64>], lr: f64) -> Vec<f64> {
    let mut sum = vec![0.0; e0.len()];
    for g in grads {
        for (s, x) in sum.iter_mut().zip(g) {
            *s += x;
        }
    }
    e0.iter().zip(&sum).map(|(e, s)| e - lr * s).collect()
}
// ANCHOR_END: accumulate

// ANCHOR: spearman
/// Bài 8.3 (★) — Spearman = Pearson của các hạng.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    fn ranks(v: &[f64]) -> Vec<f64> {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
        let mut r = vec![0.0; v.len()];
        let mut i = 0;
        while i < idx.len() {
            let mut j = i;
            while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
                j += 1;
            }
            for &k in &idx[i..=j] {
                r[k] = (i + j) as f64 / 2.0 + 1.0;
            }
            i = j + 1;
        }
        r
    }
    let (rx, ry) = (ranks(x), ranks(y));
    let n = rx.len() as f64;
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let sxy: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - mx) * (b - my)).sum();
    let sxx: f64 = rx.iter().map(|a| (a - mx).powi(2)).sum();
    let syy: f64 = ry.iter().map(|b| (b - my).powi(2)).sum();
    sxy / (sxx * syy).sqrt()
}
// ANCHOR_END: spearman
