//! Lời giải bài tập chương 9.

fn cosine(a: &[f64], b: &[f64]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na = a.iter().map(|x| x * x).sum::<f64>().sqrt();
    let nb = b.iter().map(|x| x * x).sum::<f64>().sqrt();
    dot / (na * nb)
}

// ANCHOR: correlation
/// Bài 9.1 (★) — phương trình (9.3).
pub fn correlation(a: &[f64], b: &[f64]) -> f64 {
    let centre = |v: &[f64]| {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        v.iter().map(|x| x - m).collect::<Vec<f64>>()
    };
    cosine(&centre(a), &centre(b))
}
// ANCHOR_END: correlation

// ANCHOR: neighbour_purity
/// Bài 9.2 (★) — phương trình (9.6).
pub fn neighbour_purity(points: &[Vec<f64>], labels: &[usize], k: usize) -> f64 {
    let n = points.len();
    let mut total = 0.0;
    for i in 0..n {
        let mut others: Vec<(f64, usize)> = (0..n)
            .filter(|&j| j != i)
            .map(|j| (cosine(&points[i], &points[j]), j))
            .collect();
        others.sort_by(|a, b| b.0.total_cmp(&a.0));
        let same = others[..k]
            .iter()
            .filter(|(_, j)| labels[*j] == labels[i])
            .count();
        total += same as f64 / k as f64;
    }
    total / n as f64
}
// ANCHOR_END: neighbour_purity

// ANCHOR: anisotropy
/// Bài 9.3 (★) — phương trình (9.5).
pub fn anisotropy(rows: &[Vec<f64>]) -> f64 {
    let n = rows.len();
    let mut sum = 0.0;
    for i in 0..n {
        for j in (0..n).filter(|&j| j != i) {
            sum += cosine(&rows[i], &rows[j]);
        }
    }
    sum / (n * (n - 1)) as f64
}
// ANCHOR_END: anisotropy
