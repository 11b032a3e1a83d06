//! Chương trình minh hoạ các biến thể chuẩn hoá của chương 4: độ dài mã Huffman của softmax phân cấp,
//! điểm tối ưu của NCE so với lấy mẫu âm, và độ lệch của softmax lấy mẫu theo cỡ mẫu.

use super::{vi, vi_sci, Output, Program};
use crate::error::Result;
use crate::experiments::sampled::bias_rows;
use crate::hierarchical_softmax::{average_code_length, huffman_tree};
use crate::nce::compare_nce_ns;
use crate::negative_sampling::zipf_counts;
use crate::pmi::synthetic_cooccurrence;
use crate::sampled_softmax::{sampled_setup, uncorrected_limit};

/// Các chương trình của các biến thể chuẩn hoá.
pub const PROGRAMS: &[Program] = &[
    Program {
        name: "huffman_codes",
        run: huffman_codes,
    },
    Program {
        name: "nce_vs_ns",
        run: nce_vs_ns,
    },
    Program {
        name: "sampled_softmax_bias",
        run: sampled_softmax_bias,
    },
];

// ANCHOR: huffman_codes
fn huffman_codes() -> Result<Output> {
    let mut out = Output::default();
    out.line("tần số Zipf count(r) = ⌊10⁵/r⌋; H = entropy (bit), L̄ = độ dài mã Huffman trung bình (4.13)");
    out.line("     V      H     L̄   log₂V   L̄ − H");
    for v in [1_000u64, 10_000, 50_257] {
        let counts = zipf_counts(v)?;
        let tree = huffman_tree(&counts)?;
        let lbar = average_code_length(&tree, &counts)?;
        let total: f64 = counts.iter().map(|&c| c as f64).sum();
        let h: f64 = counts
            .iter()
            .map(|&c| c as f64 / total)
            .map(|p| -p * p.log2())
            .sum();
        let log2v = (v as f64).log2();
        out.line(format!(
            "{v:>6}  {h:>5.2}  {lbar:>5.2}  {log2v:>5.2}  {:>6.3}",
            lbar - h
        ));
        if v == 50_257 {
            out.value("h", vi(h, 2));
            out.value("lbar", vi(lbar, 2));
            out.value("log2v", vi(log2v, 2));
        }
    }
    Ok(out)
}
// ANCHOR_END: huffman_codes

// ANCHOR: nce_vs_ns
fn nce_vs_ns() -> Result<Output> {
    let k = 5.0;
    let counts = synthetic_cooccurrence(6, 20_000, 2, 7)?;
    let cmp = compare_nce_ns(&counts, k)?;
    let (lo, hi) = cmp
        .ns_sums
        .iter()
        .fold((f64::INFINITY, 0.0_f64), |(a, b), &s| (a.min(s), b.max(s)));
    let mut out = Output::default();
    out.line(format!(
        "bảng 6 × 6 từ chuỗi Markov 20.000 token, k = {k}, nhiễu unigram; {} bước leo gradient",
        cmp.steps
    ));
    out.line(format!(
        "NCE:         max |s* − log P(c|w)|      = {:.1e}",
        cmp.nce_score_error
    ));
    out.line(format!(
        "NCE:         max_w |Σ_c e^(s*) − 1|      = {:.1e}",
        cmp.nce_sum_error
    ));
    out.line(format!(
        "lấy mẫu âm:  max |x* − (PMI − log k)|   = {:.1e}",
        cmp.ns_pmi_error
    ));
    let sums: Vec<String> = cmp.ns_sums.iter().map(|s| format!("{s:.3}")).collect();
    out.line(format!(
        "lấy mẫu âm:  Σ_c e^(x*) theo từng từ w  = {}",
        sums.join(", ")
    ));
    out.value("nce_err", vi_sci(cmp.nce_score_error, 1));
    out.value("nce_sum_err", vi_sci(cmp.nce_sum_error, 1));
    out.value("ns_pmi_err", vi_sci(cmp.ns_pmi_error, 1));
    out.value("ns_sum_min", vi(lo, 3));
    out.value("ns_sum_max", vi(hi, 3));
    Ok(out)
}
// ANCHOR_END: nce_vs_ns

// ANCHOR: sampled_bias
fn sampled_softmax_bias() -> Result<Output> {
    let rows = bias_rows()?;
    let (p, q) = sampled_setup(20, 1)?;
    let limit = uncorrected_limit(&p, &q)?;
    let mut out = Output::default();
    out.line("V = 20, P(·|w) ngẫu nhiên (hạt giống 1), Q Zipf ∝ 1/r; ½‖E[ĝ]‖₁ tại s = log P, 20.000 bộ mẫu mỗi S");
    out.line("    S   có hiệu chỉnh   không hiệu chỉnh");
    for r in &rows {
        out.line(format!(
            "{:>5}   {:>13.5}   {:>16.5}",
            r.size, r.corrected, r.uncorrected
        ));
    }
    out.line(format!(
        "giới hạn S → ∞ không hiệu chỉnh (4.17): {limit:.5}"
    ));
    let max_corr = rows.iter().map(|r| r.corrected).fold(0.0, f64::max);
    let last = rows[rows.len() - 1];
    out.value("max_corr", vi(max_corr, 3));
    out.value("raw_1", vi(rows[0].uncorrected, 3));
    out.value("raw_256", vi(last.uncorrected, 3));
    out.value("limit", vi(limit, 3));
    Ok(out)
}
// ANCHOR_END: sampled_bias
