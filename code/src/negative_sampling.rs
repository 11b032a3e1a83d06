//! Lấy mẫu âm của skip-gram (chương 4): hàm mục tiêu SGNS và gradient của nó, log σ ổn định,
//! phân phối nhiễu `count^{3/4}` lấy mẫu O(1) bằng bảng alias, lấy mẫu con từ phổ biến
//! (subsampling) đúng như mã C của word2vec, và cửa sổ động.
//!
//! Quy ước dấu: **hàm mục tiêu** `J` (2 số hạng log σ) được *cực đại hoá*; **mất mát** `L = −J`
//! được *cực tiểu hoá*. Gradient trả về ở đây là gradient của mất mát `L`, thứ mà SGD trừ đi.

use rand::{Rng, SeedableRng};
use rand_distr::weighted::WeightedAliasIndex;
use rand_distr::Distribution;

use crate::error::{ensure_finite, ensure_len, Error, Result};
use crate::numerics::{compensated_sum, dot2, sigmoid_neg, softplus_neg, two_prod};

// ANCHOR: sigmoid
/// Phương trình (4.1): `σ(x) = 1/(1 + e^{−x})`, tính không tràn số với mọi `x` hữu hạn.
pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// Phương trình (4.3): `log σ(x) = min(x, 0) − log(1 + e^{−|x|})`, đúng cả khi `|x|` cỡ 1e3.
pub fn log_sigmoid(x: f64) -> f64 {
    x.min(0.0) - (-x.abs()).exp().ln_1p()
}
// ANCHOR_END: sigmoid

fn check_vectors(center: &[f64], context: &[f64], negatives: &[&[f64]]) -> Result<()> {
    if center.is_empty() {
        return Err(Error::Empty("vector tâm v_w"));
    }
    ensure_finite("vector tâm v_w", center)?;
    ensure_len("vector ngữ cảnh u_c", center.len(), context.len())?;
    ensure_finite("vector ngữ cảnh u_c", context)?;
    for n in negatives {
        ensure_len("vector mẫu âm u_n", center.len(), n.len())?;
        ensure_finite("vector mẫu âm u_n", n.iter())?;
    }
    Ok(())
}

// ANCHOR: objective
/// Phương trình (4.2): hàm mục tiêu SGNS cần **cực đại hoá**
/// `J = log σ(u_cᵀv_w) + Σ_k log σ(−u_{n_k}ᵀv_w)`.
pub fn sgns_objective(center: &[f64], context: &[f64], negatives: &[&[f64]]) -> Result<f64> {
    Ok(-sgns_loss(center, context, negatives)?)
}

/// Phương trình (4.2): mất mát SGNS `L = −J`, thứ được **cực tiểu hoá**.
pub fn sgns_loss(center: &[f64], context: &[f64], negatives: &[&[f64]]) -> Result<f64> {
    check_vectors(center, context, negatives)?;
    // tích vô hướng gấp đôi độ chính xác (hi, lo): với s lớn, −log σ(s) ≈ e^{−s} nhạy với phần lo
    let (hi, lo) = dot2(context, center)?;
    let mut terms = vec![softplus_neg(hi, lo)];
    for n in negatives {
        let (hi, lo) = dot2(n, center)?;
        terms.push(softplus_neg(-hi, -lo));
    }
    Ok(compensated_sum(terms))
}
// ANCHOR_END: objective

/// Gradient của mất mát `L = −J` theo từng vector tham gia một cặp (w, c) và K mẫu âm.
#[derive(Debug, Clone, PartialEq)]
pub struct SgnsGradients {
    /// `∂L/∂v_w`.
    pub center: Vec<f64>,
    /// `∂L/∂u_c`.
    pub context: Vec<f64>,
    /// `∂L/∂u_{n_k}`, theo thứ tự các mẫu âm.
    pub negatives: Vec<Vec<f64>>,
}

// ANCHOR: gradients
/// Phương trình (4.5): `∂L/∂u_c = (σ(s_c) − 1) v_w`, `∂L/∂u_{n_k} = σ(s_k) v_w`,
/// `∂L/∂v_w = (σ(s_c) − 1) u_c + Σ_k σ(s_k) u_{n_k}` với `s_c = u_cᵀv_w`, `s_k = u_{n_k}ᵀv_w`.
pub fn sgns_gradients(
    center: &[f64],
    context: &[f64],
    negatives: &[&[f64]],
) -> Result<SgnsGradients> {
    check_vectors(center, context, negatives)?;
    let (hi, lo) = dot2(context, center)?;
    let g_pos = -sigmoid_neg(hi, lo); // σ(s_c) − 1 = −σ(−s_c) (5.10), không trừ 1 − σ(s_c)
    let mut coefficients = vec![g_pos];
    let mut grad_negatives = Vec::with_capacity(negatives.len());
    for n in negatives {
        let (hi, lo) = dot2(n, center)?;
        let g_neg = sigmoid_neg(-hi, -lo); // σ(s_k), luôn dương
        coefficients.push(g_neg);
        grad_negatives.push(center.iter().map(|v| g_neg * v).collect());
    }
    let grad_context = center.iter().map(|v| g_pos * v).collect();
    // ∂L/∂v_w = Σ_k g_k u_k: tích không sai số (FMA) và tổng bù
    let grad_center = (0..center.len())
        .map(|i| {
            let rows = std::iter::once(context).chain(negatives.iter().copied());
            let parts: Vec<f64> = coefficients
                .iter()
                .zip(rows)
                .flat_map(|(&g, u)| {
                    let (p, e) = two_prod(g, u[i]);
                    [p, e]
                })
                .collect();
            compensated_sum(parts)
        })
        .collect();
    let grad_center: Vec<f64> = grad_center;
    ensure_finite("gradient ∂L/∂v_w (tràn số f64)", &grad_center)?;
    Ok(SgnsGradients {
        center: grad_center,
        context: grad_context,
        negatives: grad_negatives,
    })
}
// ANCHOR_END: gradients

// ANCHOR: noise
/// Phương trình (4.6): phân phối nhiễu `P_n(w) = count(w)^α / Σ_v count(v)^α` (word2vec: α = 3/4).
pub fn noise_distribution(counts: &[u64], power: f64) -> Result<Vec<f64>> {
    if !(power.is_finite() && power >= 0.0) {
        return Err(Error::InvalidParameter {
            what: "số mũ α",
            reason: format!("cần 0 ≤ α < ∞, nhận {power}"),
        });
    }
    if counts.iter().all(|&c| c == 0) {
        return Err(Error::Empty("tần số từ (mọi count đều bằng 0)"));
    }
    // trọng số tương đối (c / c_max)^α ∈ [0, 1]: không tràn số với α lớn
    let c_max = counts.iter().copied().max().unwrap_or(1) as f64;
    let weights: Vec<f64> = counts
        .iter()
        .map(|&c| {
            if c == 0 {
                0.0
            } else {
                (power * ((c as f64).ln() - c_max.ln())).exp()
            }
        })
        .collect();
    let total = compensated_sum(weights.iter().copied());
    Ok(weights.into_iter().map(|w| w / total).collect())
}

/// Bộ lấy mẫu âm O(1) mỗi lần rút: bảng alias (Walker–Vose) của `rand_distr` trên `P_n` (4.6).
pub struct NoiseSampler {
    alias: WeightedAliasIndex<f64>,
}

impl NoiseSampler {
    /// Dựng bảng alias cho `P_n(w) ∝ count(w)^power` (4.6); O(V) một lần.
    pub fn new(counts: &[u64], power: f64) -> Result<Self> {
        let probs = noise_distribution(counts, power)?;
        let alias = WeightedAliasIndex::new(probs).map_err(|e| Error::InvalidDistribution {
            what: "phân phối nhiễu P_n",
            reason: e.to_string(),
        })?;
        Ok(Self { alias })
    }

    /// Rút một từ nhiễu theo (4.6), O(1).
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> usize {
        self.alias.sample(rng)
    }
}

/// Tần số kiểu Zipf cho các thí nghiệm: `count(r) = ⌊10⁵ / r⌋`, r = 1..=v.
pub fn zipf_counts(v: u64) -> Result<Vec<u64>> {
    let n = usize::try_from(v).unwrap_or(usize::MAX);
    crate::memory::ensure_allocation("tần số Zipf", n, 8)?;
    Ok((1..=v).map(|r| 100_000 / r).collect())
}

/// Tần số rút được của từng từ sau `draws` lần rút theo (4.6), RNG ChaCha8 hạt giống `seed`.
pub fn noise_histogram(counts: &[u64], power: f64, draws: usize, seed: u64) -> Result<Vec<u64>> {
    let sampler = NoiseSampler::new(counts, power)?;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut hist = vec![0u64; counts.len()];
    for _ in 0..draws {
        hist[sampler.sample(&mut rng)] += 1;
    }
    Ok(hist)
}
// ANCHOR_END: noise

// ANCHOR: subsampling
/// Phương trình (4.7): xác suất **giữ** một lần xuất hiện của từ có tần suất tương đối `f`,
/// đúng như mã C của word2vec: `min(1, √(t/f) + t/f)` (bài báo viết `√(t/f)`).
pub fn keep_probability(frequency: f64, threshold: f64) -> Result<f64> {
    if !(frequency.is_finite() && frequency > 0.0 && frequency <= 1.0) {
        return Err(Error::InvalidParameter {
            what: "tần suất f",
            reason: format!("cần 0 < f ≤ 1, nhận {frequency}"),
        });
    }
    if !(threshold.is_finite() && threshold > 0.0) {
        return Err(Error::InvalidParameter {
            what: "ngưỡng t",
            reason: format!("cần t > 0, nhận {threshold}"),
        });
    }
    let r = threshold / frequency;
    Ok((r.sqrt() + r).min(1.0))
}

/// Lấy mẫu con một câu theo (4.7): mỗi token `w` được giữ với xác suất `keep_probability(count(w)/N, t)`.
pub fn subsample<R: Rng + ?Sized>(
    sentence: &[usize],
    counts: &[u64],
    threshold: f64,
    rng: &mut R,
) -> Result<Vec<usize>> {
    let total = checked_total(counts)?;
    let mut kept = Vec::new();
    for &w in sentence {
        let count = *counts.get(w).ok_or(Error::TokenOutOfRange {
            id: w,
            vocab: counts.len(),
        })?;
        let keep = keep_probability(count as f64 / total as f64, threshold)?;
        if rng.random::<f64>() < keep {
            kept.push(w);
        }
    }
    Ok(kept)
}
// ANCHOR_END: subsampling

// ANCHOR: window
/// Phương trình (4.8): cửa sổ động của word2vec — bán kính thật `R = W − b`, `b ~ Đều{0, …, W−1}`,
/// nên ngữ cảnh ở khoảng cách `k` được dùng với xác suất `(W − k + 1)/W` (0 nếu `k > W`).
pub fn window_weight(distance: usize, window: usize) -> f64 {
    if distance == 0 || distance > window {
        0.0
    } else {
        (window - distance + 1) as f64 / window as f64
    }
}

/// Các cặp (tâm, ngữ cảnh) của một câu với cửa sổ động (4.8): mỗi vị trí tâm rút một bán kính riêng.
pub fn context_pairs<R: Rng + ?Sized>(
    sentence: &[usize],
    window: usize,
    rng: &mut R,
) -> Result<Vec<(usize, usize)>> {
    if window == 0 {
        return Err(Error::InvalidParameter {
            what: "cửa sổ W",
            reason: "cần W ≥ 1".into(),
        });
    }
    let mut pairs = Vec::new();
    for (i, &w) in sentence.iter().enumerate() {
        let radius = window - rng.random_range(0..window);
        let lo = i.saturating_sub(radius);
        let hi = i.saturating_add(radius).min(sentence.len() - 1);
        for (j, &c) in sentence.iter().enumerate().take(hi + 1).skip(lo) {
            if j != i {
                pairs.push((w, c));
            }
        }
    }
    Ok(pairs)
}
// ANCHOR_END: window

// ANCHOR: chi_square
/// Thống kê khi-bình-phương Pearson `X² = Σ_i (O_i − n p_i)² / (n p_i)` (chỉ ô có `p_i > 0`).
pub fn chi_square_statistic(observed: &[u64], probs: &[f64]) -> Result<f64> {
    ensure_len(
        "tần số quan sát so với xác suất",
        probs.len(),
        observed.len(),
    )?;
    ensure_finite("xác suất", probs)?;
    crate::information::check_distribution("xác suất của kiểm định khi-bình-phương", probs)?;
    let n = checked_total(observed)?;
    let mut stat = 0.0;
    for (&o, &p) in observed.iter().zip(probs) {
        if p > 0.0 {
            let e = n as f64 * p;
            stat += (o as f64 - e).powi(2) / e;
        } else if o > 0 {
            return Err(Error::InvalidDistribution {
                what: "khi-bình-phương",
                reason: "có quan sát ở ô xác suất 0".into(),
            });
        }
    }
    Ok(stat)
}

/// Ngưỡng tới hạn xấp xỉ của phân phối χ² với `df` bậc tự do (Wilson–Hilferty, 1931):
/// `q ≈ df · (1 − 2/(9df) + z √(2/(9df)))³`, `z` là phân vị chuẩn (3.0902 cho mức 0.999).
pub fn chi_square_critical(df: usize, z: f64) -> Result<f64> {
    if df == 0 || !z.is_finite() {
        return Err(Error::InvalidParameter {
            what: "bậc tự do df, phân vị z",
            reason: format!("cần df ≥ 1 và z hữu hạn, nhận df = {df}, z = {z}"),
        });
    }
    let a = 2.0 / (9.0 * df as f64);
    let q = df as f64 * (1.0 - a + z * a.sqrt()).powi(3);
    if q.is_finite() {
        Ok(q)
    } else {
        Err(Error::InvalidParameter {
            what: "phân vị z",
            reason: format!("ngưỡng tới hạn tràn số f64 với z = {z:e}"),
        })
    }
}

/// Tổng các số đếm, lỗi (thay vì tràn số u64) khi vượt `u64::MAX`.
fn checked_total(counts: &[u64]) -> Result<u64> {
    counts
        .iter()
        .try_fold(0u64, |acc, &c| acc.checked_add(c))
        .ok_or(Error::InvalidParameter {
            what: "tổng số đếm",
            reason: format!("vượt {}", u64::MAX),
        })
}
// ANCHOR_END: chi_square

/// Độ dốc bình phương tối thiểu của `log y` theo `log x`: số mũ `a` khi `y ≈ C·x^a`.
pub fn loglog_slope(points: &[(f64, f64)]) -> Result<f64> {
    if points.len() < 2 {
        return Err(Error::Empty("cần ít nhất hai điểm để khớp độ dốc"));
    }
    if points
        .iter()
        .any(|&(x, y)| !(x > 0.0 && y > 0.0 && x.is_finite() && y.is_finite()))
    {
        return Err(Error::InvalidParameter {
            what: "điểm log–log",
            reason: "cần x > 0 và y > 0 hữu hạn".into(),
        });
    }
    let n = points.len() as f64;
    let (lx, ly): (Vec<f64>, Vec<f64>) = points.iter().map(|&(x, y)| (x.ln(), y.ln())).unzip();
    let (mx, my) = (lx.iter().sum::<f64>() / n, ly.iter().sum::<f64>() / n);
    let sxy: f64 = lx.iter().zip(&ly).map(|(x, y)| (x - mx) * (y - my)).sum();
    let sxx: f64 = lx.iter().map(|x| (x - mx).powi(2)).sum();
    if sxx == 0.0 {
        return Err(Error::InvalidParameter {
            what: "điểm log–log",
            reason: "mọi x bằng nhau".into(),
        });
    }
    Ok(sxy / sxx)
}
