//! Lời giải bài tập chương 1.

// ANCHOR: lookup
/// Bài 1.1 (★) — phương trình (1.1).
pub fn lookup(e: &[Vec<f64>], token: usize) -> Option<Vec<f64>> {
    e.get(token).cloned()
}
// ANCHOR_END: lookup

// ANCHOR: one_hot_lookup
/// Bài 1.2 (★) — phương trình (1.2).
pub fn one_hot_lookup(e: &[Vec<f64>], token: usize) -> Option<Vec<f64>> {
    let d = e.first()?.len();
    if token >= e.len() || e.iter().any(|row| row.len() != d) {
        return None;
    }
    let mut out = vec![0.0; d];
    for (i, row) in e.iter().enumerate() {
        let x_i = if i == token { 1.0 } else { 0.0 };
        for (o, &v) in out.iter_mut().zip(row) {
            *o += x_i * v;
        }
    }
    Some(out)
}
// ANCHOR_END: one_hot_lookup
