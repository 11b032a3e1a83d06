//! Chương trình minh hoạ chương 6: entropy, entropy chéo, KL; hợp lý cực đại từ số đếm.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{fmt_vec, vi, vi_sci, Output, Program};
use crate::cross_entropy::perplexity;
use crate::error::Result;
use crate::information::{
    cross_entropy_pq, empirical_cross_entropy, empirical_distribution, entropy, kl_divergence,
    nats_to_bits,
};

/// Các chương trình của chương 6.
pub const PROGRAMS: &[Program] = &[
    Program {
        name: "entropy_kl",
        run: entropy_kl,
    },
    Program {
        name: "mle_counts",
        run: mle_counts,
    },
];

// ANCHOR: entropy_kl
fn entropy_kl() -> Result<Output> {
    let p = [0.5, 0.3, 0.15, 0.05];
    let q = [0.25; 4];
    let (h, ce, kl) = (
        entropy(&p)?,
        cross_entropy_pq(&p, &q)?,
        kl_divergence(&p, &q)?,
    );
    let mut out = Output::default();
    out.line(format!("p = {}, q = {} (đều)", fmt_vec(&p), fmt_vec(&q)));
    out.line(format!("H(p) = {h:.4} nat = {:.4} bit", nats_to_bits(h)));
    out.line(format!(
        "H(p, q) = {ce:.4},  H(p) + KL(p‖q) = {h:.4} + {kl:.4} = {:.4}",
        h + kl
    ));
    let (a, b) = ([0.5, 0.5], [0.9, 0.1]);
    let (ab, ba) = (kl_divergence(&a, &b)?, kl_divergence(&b, &a)?);
    out.line(format!(
        "KL((0.5, 0.5) ‖ (0.9, 0.1)) = {ab:.4},  KL((0.9, 0.1) ‖ (0.5, 0.5)) = {ba:.4}"
    ));
    let zero = kl_divergence(&[0.5, 0.5], &[1.0, 0.0])?;
    out.line(format!("KL((0.5, 0.5) ‖ (1, 0)) = {zero}"));
    out.value("h", vi(h, 4));
    out.value("h_bits", vi(nats_to_bits(h), 4));
    out.value("ce", vi(ce, 4));
    out.value("kl", vi(kl, 4));
    out.value("kl_ab", vi(ab, 4));
    out.value("kl_ba", vi(ba, 4));
    Ok(out)
}
// ANCHOR_END: entropy_kl

// ANCHOR: mle_counts
fn mle_counts() -> Result<Output> {
    let vocab = ["tôi", "yêu", "học", "máy", "."];
    let text = "tôi yêu học máy . tôi học máy . máy học tôi . tôi yêu máy .";
    let data: Vec<usize> = text
        .split(' ')
        .filter_map(|w| vocab.iter().position(|v| *v == w))
        .collect();
    let mle = empirical_distribution(&data, vocab.len())?;
    let best = empirical_cross_entropy(&data, &mle)?;
    let mut out = Output::default();
    out.line(format!(
        "N = {} token, p̂ = n_k / N = {}",
        data.len(),
        fmt_vec(&mle)
    ));
    out.line(format!(
        "entropy chéo thực nghiệm tại p̂: {best:.4} nat = H(p̂) = {:.4}",
        entropy(&mle)?
    ));
    let uniform = [0.2; 5];
    out.line(format!(
        "tại q đều: {:.4} nat",
        empirical_cross_entropy(&data, &uniform)?
    ));
    let mut rng = ChaCha8Rng::seed_from_u64(6);
    let mut worst_gap = f64::INFINITY;
    for _ in 0..1000 {
        let nudged: Vec<f64> = mle
            .iter()
            .map(|&m| m + rng.random_range(0.0..0.02))
            .collect();
        let s: f64 = nudged.iter().sum();
        let q: Vec<f64> = nudged.into_iter().map(|x| x / s).collect();
        worst_gap = worst_gap.min(empirical_cross_entropy(&data, &q)? - best);
    }
    out.line(format!(
        "1000 nhiễu loạn ngẫu nhiên của p̂: entropy chéo tăng ít nhất {worst_gap:.2e} nat"
    ));
    let ppl = perplexity(best)?;
    out.line(format!(
        "perplexity = e^{best:.4} = {ppl:.4} = 2^{:.4} (bit)",
        nats_to_bits(best)
    ));
    out.value("n", data.len());
    out.value("best", vi(best, 4));
    out.value("best_bits", vi(nats_to_bits(best), 4));
    out.value("ppl", vi(ppl, 4));
    out.value("gap", vi_sci(worst_gap, 2));
    Ok(out)
}
// ANCHOR_END: mle_counts
