//! Lời giải bài tổng hợp chương 10.

// ANCHOR: tied_bigram_step
/// Bài 10.1 (★★) — một bước SGD của mô hình bigram chia sẻ trọng số.
pub fn tied_bigram_step(e: &mut [Vec<f64>], pairs: &[(usize, usize)], lr: f64) -> f64 {
    let (v, d) = (e.len(), e[0].len());
    let mut grad = vec![vec![0.0; d]; v];
    let mut loss = 0.0;
    for &(x, y) in pairs {
        let z: Vec<f64> = e.iter().map(|row| dot(row, &e[x])).collect();
        let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let lse = m + z.iter().map(|zi| (zi - m).exp()).sum::<f64>().ln();
        loss += lse - z[y];
        for i in 0..v {
            let delta = (z[i] - lse).exp() - if i == y { 1.0 } else { 0.0 };
            for k in 0..d {
                grad[i][k] += delta * e[x][k]; // nhánh ra: ∂z_i/∂e_i = e_x
                grad[x][k] += delta * e[i][k]; // nhánh vào: ∂z_i/∂e_x = e_i
            }
        }
    }
    let n = pairs.len() as f64;
    for (row, g) in e.iter_mut().zip(&grad) {
        for (w, gk) in row.iter_mut().zip(g) {
            *w -= lr * gk / n;
        }
    }
    loss / n
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
// ANCHOR_END: tied_bigram_step
