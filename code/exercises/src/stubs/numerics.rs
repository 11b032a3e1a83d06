//! Bài tập chương 5, mục 5.7: entropy chéo đúng tới chữ số cuối. Chỉ dùng thư viện chuẩn.

// ANCHOR: stable_cross_entropy
/// Bài 5.4 (★★) — phương trình (5.8): `−log P_y = (m − z_y) + log1p(Σ_{j≠k} e^{z_j − m})`, `k` là chỉ số
/// logit lớn nhất, `m = z_k`. Khung dưới đây là log-sum-exp rồi trừ `z_y`: không tràn số, nhưng sai ở
/// z = (1e17, 1e17) và ở mất mát tí hon như z = (40, 0), y = 0. Sửa nó theo (5.8).
pub fn stable_cross_entropy(logits: &[f64], y: usize) -> f64 {
    let m = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lse = m + logits.iter().map(|&z| (z - m).exp()).sum::<f64>().ln();
    lse - logits[y]
}
// ANCHOR_END: stable_cross_entropy
