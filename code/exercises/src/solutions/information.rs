//! Lời giải bài tập chương 6.

// ANCHOR: kl
/// Bài 6.1 (★) — phương trình (6.3).
pub fn kl(p: &[f64], q: &[f64]) -> f64 {
    let mut total = 0.0;
    for (&pi, &qi) in p.iter().zip(q) {
        if pi > 0.0 {
            if qi == 0.0 {
                return f64::INFINITY;
            }
            total += pi * (pi.ln() - qi.ln());
        }
    }
    total
}
// ANCHOR_END: kl

// ANCHOR: entropy_bits
/// Bài 6.2 (★) — phương trình (6.11).
pub fn entropy_bits(p: &[f64]) -> f64 {
    -p.iter()
        .filter(|&&x| x > 0.0)
        .map(|&x| x * x.log2())
        .sum::<f64>()
}
// ANCHOR_END: entropy_bits
