//! Softmax lấy mẫu (sampled softmax, Jean và cộng sự 2015) có hiệu chỉnh log Q (chương 4): mẫu số của
//! softmax chỉ tính trên lớp đúng và `S` lớp rút từ một phân phối đề xuất `Q`; trừ `log(S·Q(j))` khỏi
//! mỗi logit biến tổng trên mẫu thành ước lượng trọng số quan trọng (importance sampling) của mẫu số thật.
//! Không hiệu chỉnh, mô hình hội tụ về một phân phối sai, `∝ P(c | w)/Q(c)`.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::weighted::WeightedAliasIndex;
use rand_distr::Distribution;

use crate::error::{ensure_finite, ensure_len, Error, Result};
use crate::information::check_distribution;

fn check(scores: &[f64], q: &[f64], target: usize, samples: &[usize]) -> Result<()> {
    if scores.is_empty() {
        return Err(Error::Empty("điểm số s"));
    }
    ensure_finite("điểm số s", scores)?;
    ensure_len("phân phối đề xuất Q", scores.len(), q.len())?;
    check_distribution("phân phối đề xuất Q", q)?;
    if samples.is_empty() {
        return Err(Error::Empty("mẫu của softmax lấy mẫu (S ≥ 1)"));
    }
    for &j in std::iter::once(&target).chain(samples) {
        match q.get(j) {
            None => {
                return Err(Error::TokenOutOfRange {
                    id: j,
                    vocab: q.len(),
                })
            }
            Some(&qj) if qj <= 0.0 => {
                return Err(Error::InvalidDistribution {
                    what: "phân phối đề xuất Q",
                    reason: format!("Q({j}) = 0 nhưng lớp {j} là ứng viên"),
                })
            }
            _ => {}
        }
    }
    Ok(())
}

/// Logit của các ứng viên (lớp đúng trước, rồi `S` mẫu), có hoặc không hiệu chỉnh `−log(S·Q(j))`.
fn candidate_logits(
    scores: &[f64],
    q: &[f64],
    target: usize,
    samples: &[usize],
    corrected: bool,
) -> Vec<f64> {
    let s = samples.len() as f64;
    std::iter::once(&target)
        .chain(samples)
        .map(|&j| scores[j] - if corrected { (s * q[j]).ln() } else { 0.0 })
        .collect()
}

// ANCHOR: sampled
/// Phương trình (4.16): mất mát softmax lấy mẫu `L̂ = −o_c + log(e^{o_c} + Σ_i e^{o_{j_i}})` với các
/// mẫu `j_1..j_S ~ Q` và `o_j = s_j − log(S·Q(j))` (`corrected = true`) hoặc `o_j = s_j`.
pub fn sampled_softmax_loss(
    scores: &[f64],
    q: &[f64],
    target: usize,
    samples: &[usize],
    corrected: bool,
) -> Result<f64> {
    check(scores, q, target, samples)?;
    let o = candidate_logits(scores, q, target, samples, corrected);
    let m = o.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Ok(-o[0] + m + o.iter().map(|x| (x - m).exp()).sum::<f64>().ln())
}

/// Phương trình (4.16): gradient của `L̂` theo điểm số `s` (độ dài V): khối lượng softmax của mỗi ứng
/// viên cộng vào lớp của nó, trừ 1 ở lớp đúng; lớp không phải ứng viên có gradient 0.
pub fn sampled_softmax_gradient(
    scores: &[f64],
    q: &[f64],
    target: usize,
    samples: &[usize],
    corrected: bool,
) -> Result<Vec<f64>> {
    check(scores, q, target, samples)?;
    let o = candidate_logits(scores, q, target, samples, corrected);
    let m = o.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let z: f64 = o.iter().map(|x| (x - m).exp()).sum();
    let mut g = vec![0.0; scores.len()];
    g[target] -= 1.0;
    for (&j, x) in std::iter::once(&target).chain(samples).zip(&o) {
        g[j] += (x - m).exp() / z;
    }
    Ok(g)
}
// ANCHOR_END: sampled

// ANCHOR: expected_gradient
/// Kỳ vọng Monte Carlo của gradient (4.16) theo `s`, lấy trung bình trên `c ~ P` (tính đúng, không
/// rút) và trên `reps` bộ `S` mẫu rút từ `Q` (ChaCha8, hạt giống `seed`). Trả `(có hiệu chỉnh, không
/// hiệu chỉnh)`, dùng chung các lần rút. Gradient thật của entropy chéo đầy đủ là `softmax(s) − P`.
pub fn expected_sampled_gradient(
    scores: &[f64],
    p: &[f64],
    q: &[f64],
    sample_size: usize,
    reps: usize,
    seed: u64,
) -> Result<(Vec<f64>, Vec<f64>)> {
    if q.iter().any(|&x| x <= 0.0) {
        return Err(Error::InvalidDistribution {
            what: "phân phối đề xuất Q",
            reason: "cần Q(j) > 0 với mọi j".into(),
        });
    }
    check(scores, q, 0, &[0])?;
    check_distribution("P(c | w)", p)?;
    ensure_len("P(c | w)", scores.len(), p.len())?;
    if sample_size == 0 || reps == 0 {
        return Err(Error::Empty("S ≥ 1 mẫu và ít nhất một lần lặp"));
    }
    let v = scores.len();
    let alias = WeightedAliasIndex::new(q.to_vec()).map_err(|e| Error::InvalidDistribution {
        what: "phân phối đề xuất Q",
        reason: e.to_string(),
    })?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let m = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let s = sample_size as f64;
    // e^{o_j} (chia chung e^{m} để không tràn số): có và không hiệu chỉnh
    let e_corr: Vec<f64> = (0..v)
        .map(|j| (scores[j] - m - (s * q[j]).ln()).exp())
        .collect();
    let e_raw: Vec<f64> = scores.iter().map(|x| (x - m).exp()).collect();
    let (mut g_corr, mut g_raw) = (vec![0.0; v], vec![0.0; v]);
    let mut counts = vec![0u32; v];
    for _ in 0..reps {
        counts.fill(0);
        for _ in 0..sample_size {
            counts[alias.sample(&mut rng)] += 1;
        }
        for (e, g) in [(&e_corr, &mut g_corr), (&e_raw, &mut g_raw)] {
            // A = Σ_mẫu e^{o}; với lớp đúng c: mẫu số e^{o_c} + A
            let a: f64 = (0..v).map(|j| f64::from(counts[j]) * e[j]).sum();
            let inv: f64 = (0..v).map(|c| p[c] / (e[c] + a)).sum();
            for j in 0..v {
                g[j] += f64::from(counts[j]) * e[j] * inv + p[j] * e[j] / (e[j] + a) - p[j];
            }
        }
    }
    for g in [&mut g_corr, &mut g_raw] {
        g.iter_mut().for_each(|x| *x /= reps as f64);
    }
    Ok((g_corr, g_raw))
}
// ANCHOR_END: expected_gradient

/// Độ lệch đo được ở một cỡ mẫu `S`: `½‖E[ĝ]‖₁` (0 khi gradient kỳ vọng bằng gradient thật, 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BiasRow {
    /// Cỡ mẫu S.
    pub size: usize,
    /// Có hiệu chỉnh log Q, tại `s = log P` (điểm tối ưu thật).
    pub corrected: f64,
    /// Không hiệu chỉnh, tại `s = log P`.
    pub uncorrected: f64,
}

/// Phương trình (4.17): độ lệch giới hạn (S → ∞) không hiệu chỉnh tại `s = log P`,
/// `½‖Q⊙P/⟨Q, P⟩ − P‖₁`.
pub fn uncorrected_limit(p: &[f64], q: &[f64]) -> Result<f64> {
    check_distribution("P(c | w)", p)?;
    check_distribution("phân phối đề xuất Q", q)?;
    ensure_len("Q so với P", p.len(), q.len())?;
    let z: f64 = p.iter().zip(q).map(|(a, b)| a * b).sum();
    Ok(p.iter()
        .zip(q)
        .map(|(a, b)| (a * b / z - a).abs())
        .sum::<f64>()
        / 2.0)
}

/// Bài toán nhỏ có hạt giống cho (4.16)–(4.17): `P(· | w)` ngẫu nhiên trên `v` lớp (`∝ u³ + 0.01`,
/// u đều) và `Q` là Zipf `∝ 1/r` — đề xuất lệch về lớp đầu, như unigram.
pub fn sampled_setup(v: usize, seed: u64) -> Result<(Vec<f64>, Vec<f64>)> {
    if v == 0 {
        return Err(Error::Empty("số lớp V"));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let raw: Vec<f64> = (0..v)
        .map(|_| rand::Rng::random::<f64>(&mut rng).powi(3) + 0.01)
        .collect();
    let zipf: Vec<f64> = (1..=v).map(|r| 1.0 / r as f64).collect();
    let norm = |x: Vec<f64>| {
        let t: f64 = x.iter().sum();
        x.into_iter().map(|e| e / t).collect::<Vec<f64>>()
    };
    Ok((norm(raw), norm(zipf)))
}

// ANCHOR: bias
/// Độ lệch của gradient softmax lấy mẫu theo cỡ mẫu: với mỗi `S` trong `sizes`, [`expected_sampled_gradient`]
/// tại điểm tối ưu thật `s = log P`, có và không hiệu chỉnh, `reps` bộ mẫu.
pub fn sampled_bias(
    p: &[f64],
    q: &[f64],
    sizes: &[usize],
    reps: usize,
    seed: u64,
) -> Result<Vec<BiasRow>> {
    let half_l1 = |g: &[f64]| g.iter().map(|x| x.abs()).sum::<f64>() / 2.0;
    let log_p: Vec<f64> = p.iter().map(|x| x.ln()).collect();
    sizes
        .iter()
        .map(|&size| {
            let (corr, raw) = expected_sampled_gradient(&log_p, p, q, size, reps, seed)?;
            Ok(BiasRow {
                size,
                corrected: half_l1(&corr),
                uncorrected: half_l1(&raw),
            })
        })
        .collect()
}
// ANCHOR_END: bias
