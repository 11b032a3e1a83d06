//! Ước lượng tương phản nhiễu (noise-contrastive estimation, NCE — Gutmann & Hyvärinen 2010; Mnih &
//! Teh 2012) đặt cạnh lấy mẫu âm (chương 4). Cả hai là bộ phân loại logistic «thật hay nhiễu»; NCE cộng
//! thêm độ lệch đã biết `−log(k q(c))` vào logit, nên ở điểm tối ưu điểm số của nó chính là
//! `log P(c | w)` — tự chuẩn hoá — còn điểm số của lấy mẫu âm là `log P(c | w) − log(k q(c))`.

use crate::error::{ensure_finite, ensure_len, Error, Result};
use crate::information::check_distribution;
use crate::negative_sampling::{log_sigmoid, sigmoid};

fn check_k(k: f64) -> Result<()> {
    if k.is_finite() && k > 0.0 {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            what: "số mẫu nhiễu k",
            reason: format!("cần 0 < k < ∞, nhận {k}"),
        })
    }
}

fn logit(score: f64, noise: f64, k: f64) -> Result<f64> {
    if !(noise.is_finite() && noise > 0.0 && noise <= 1.0) {
        return Err(Error::InvalidParameter {
            what: "xác suất nhiễu q(c)",
            reason: format!("cần 0 < q ≤ 1, nhận {noise}"),
        });
    }
    Ok(score - (k * noise).ln())
}

// ANCHOR: nce
/// Phương trình (4.14): mục tiêu NCE của một cặp thật `(score_c, q_c)` và k mẫu nhiễu `(score_n, q_n)`,
/// `J = log σ(Δ_c) + Σ_n log σ(−Δ_n)` với logit `Δ = s − log(k q)`; k là số mẫu nhiễu.
pub fn nce_objective(positive: (f64, f64), negatives: &[(f64, f64)]) -> Result<f64> {
    let k = negatives.len() as f64;
    check_k(k)?;
    let mut j = log_sigmoid(logit(positive.0, positive.1, k)?);
    for &(s, q) in negatives {
        j += log_sigmoid(-logit(s, q, k)?);
    }
    ensure_finite("mục tiêu NCE", &[j])?;
    Ok(j)
}

/// Phương trình (4.14): gradient của `J` theo các điểm số, `∂J/∂s_c = σ(−Δ_c)`, `∂J/∂s_n = −σ(Δ_n)`.
/// Trả `(∂J/∂s_c, [∂J/∂s_n])`; theo vector, nhân thêm `v_w` hoặc `u` như (4.5).
pub fn nce_gradient(positive: (f64, f64), negatives: &[(f64, f64)]) -> Result<(f64, Vec<f64>)> {
    let k = negatives.len() as f64;
    check_k(k)?;
    let g_pos = sigmoid(-logit(positive.0, positive.1, k)?);
    let g_neg = negatives
        .iter()
        .map(|&(s, q)| logit(s, q, k).map(|d| -sigmoid(d)))
        .collect::<Result<Vec<f64>>>()?;
    Ok((g_pos, g_neg))
}
// ANCHOR_END: nce

/// Kết quả leo gradient trên mục tiêu kỳ vọng của một từ tâm.
pub struct ExpectedFit {
    /// Điểm số tối ưu tìm được `s_c`, mỗi ngữ cảnh một số.
    pub scores: Vec<f64>,
    /// `max_c |∂ℓ/∂s_c|` ở bước cuối.
    pub grad_norm: f64,
    /// Số bước đã chạy.
    pub steps: usize,
}

// ANCHOR: expected
/// Phương trình (4.15): leo gradient trên mục tiêu kỳ vọng của một từ tâm,
/// `ℓ(s) = Σ_c [P(c|w) log σ(s_c − b_c) + k q(c) log σ(−(s_c − b_c))]` với `b_c = log(k q(c))`
/// (NCE, `correction = true`) hoặc `b_c = 0` (lấy mẫu âm). Không dùng nghiệm dạng đóng: mỗi ô đi
/// bước `4·∂ℓ/∂s_c / (P(c|w) + k q(c))` từ `s = 0` tới khi `max |∂ℓ/∂s| < tol`.
pub fn fit_expected(
    p: &[f64],
    q: &[f64],
    k: f64,
    correction: bool,
    tol: f64,
) -> Result<ExpectedFit> {
    check_distribution("P(c | w)", p)?;
    check_distribution("nhiễu q", q)?;
    ensure_len("nhiễu q so với P(c | w)", p.len(), q.len())?;
    check_k(k)?;
    if q.iter().any(|&x| x <= 0.0) || p.iter().any(|&x| x <= 0.0) {
        return Err(Error::InvalidDistribution {
            what: "P(c | w), q",
            reason: "cần mọi xác suất > 0 để điểm tối ưu hữu hạn".into(),
        });
    }
    let shift: Vec<f64> = q
        .iter()
        .map(|&qc| if correction { (k * qc).ln() } else { 0.0 })
        .collect();
    let mut s = vec![0.0; p.len()];
    for steps in 0..100_000 {
        let mut grad_norm = 0.0_f64;
        for c in 0..p.len() {
            let d = s[c] - shift[c];
            let g = p[c] * sigmoid(-d) - k * q[c] * sigmoid(d);
            grad_norm = grad_norm.max(g.abs());
            s[c] += 4.0 * g / (p[c] + k * q[c]); // 1/L: độ cong ≤ (P + kq)/4
        }
        if grad_norm < tol {
            return Ok(ExpectedFit {
                scores: s,
                grad_norm,
                steps,
            });
        }
    }
    Err(Error::InvalidParameter {
        what: "dung sai tol",
        reason: format!("không đạt max |∂ℓ/∂s| < {tol} sau 100000 bước"),
    })
}
// ANCHOR_END: expected

/// So sánh NCE với lấy mẫu âm trên một bảng đồng xuất hiện (mục tiêu kỳ vọng (4.15), từng từ tâm).
#[derive(Debug, Clone, PartialEq)]
pub struct NceComparison {
    /// `max_{w,c} |s*_wc − log P(c | w)|` của NCE.
    pub nce_score_error: f64,
    /// `max_w |Σ_c e^{s*_wc} − 1|` của NCE.
    pub nce_sum_error: f64,
    /// `max_{w,c} |x*_wc − (PMI(w, c) − log k)|` của lấy mẫu âm với nhiễu unigram.
    pub ns_pmi_error: f64,
    /// `Σ_c e^{x*_wc}` của lấy mẫu âm, mỗi từ tâm một số (khác 1: không chuẩn hoá).
    pub ns_sums: Vec<f64>,
    /// Tổng số bước leo gradient của cả hai phép tối ưu.
    pub steps: usize,
}

// ANCHOR: compare
/// Tối ưu (4.15) cho từng dòng của `counts` với nhiễu unigram của ngữ cảnh, có (NCE) và không (lấy mẫu
/// âm) độ lệch `log(k q)`, rồi đo khoảng cách tới `log P(c | w)` và tới `PMI − log k` của (4.10).
pub fn compare_nce_ns(counts: &ndarray::Array2<f64>, k: f64) -> Result<NceComparison> {
    let q = crate::pmi::unigram_contexts(counts)?;
    let pmi = crate::pmi::pmi_matrix(counts)?;
    let mut out = NceComparison {
        nce_score_error: 0.0,
        nce_sum_error: 0.0,
        ns_pmi_error: 0.0,
        ns_sums: Vec::with_capacity(counts.nrows()),
        steps: 0,
    };
    for (w, row) in counts.rows().into_iter().enumerate() {
        let total = row.sum();
        let p: Vec<f64> = row.iter().map(|n| n / total).collect();
        let nce = fit_expected(&p, &q, k, true, 1e-13)?;
        let ns = fit_expected(&p, &q, k, false, 1e-13)?;
        out.steps += nce.steps + ns.steps;
        for c in 0..p.len() {
            let e_nce = (nce.scores[c] - p[c].ln()).abs();
            let e_ns = (ns.scores[c] - (pmi[[w, c]] - k.ln())).abs();
            out.nce_score_error = out.nce_score_error.max(e_nce);
            out.ns_pmi_error = out.ns_pmi_error.max(e_ns);
        }
        let sum_nce: f64 = nce.scores.iter().map(|s| s.exp()).sum();
        out.nce_sum_error = out.nce_sum_error.max((sum_nce - 1.0).abs());
        out.ns_sums.push(ns.scores.iter().map(|s| s.exp()).sum());
    }
    Ok(out)
}
// ANCHOR_END: compare
