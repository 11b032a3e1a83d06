//! Lời giải bài tập chương 5, mục 5.7.

// ANCHOR: stable_cross_entropy
/// Bài 5.4 (★★) — phương trình (5.8): hai số hạng không âm, `e^{z_j − m}` tính từ hiệu chính xác (TwoSum).
pub fn stable_cross_entropy(logits: &[f64], y: usize) -> f64 {
    let k = (0..logits.len()).fold(0, |k, j| if logits[j] > logits[k] { j } else { k });
    let m = logits[k];
    let tail: f64 = (0..logits.len())
        .filter(|&j| j != k)
        .map(|j| {
            // z_j − m = hi + lo chính xác (TwoSum); e^{hi + lo} ≈ e^{hi} (1 + lo).
            let hi = logits[j] - m;
            let b = hi - logits[j];
            let lo = (logits[j] - (hi - b)) - (m + b);
            let e = hi.exp();
            if e > 0.0 {
                e + e * lo
            } else {
                0.0
            }
        })
        .sum();
    (m - logits[y]) + tail.ln_1p()
}
// ANCHOR_END: stable_cross_entropy
