//! Chương trình minh hoạ chương 6: ước lượng hợp lý cực đại từ số đếm (nhiễu loạn ngẫu nhiên có hạt).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{fmt_vec, vi, vi_sci, Output, Program};
use crate::cross_entropy::perplexity;
use crate::error::Result;
use crate::information::{empirical_cross_entropy, empirical_distribution, entropy, nats_to_bits};

/// Chương trình hợp lý cực đại của chương 6.
pub const PROGRAMS: &[Program] = &[Program {
    name: "mle_counts",
    run: mle_counts,
}];

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
