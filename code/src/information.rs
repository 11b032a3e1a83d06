//! Entropy, entropy chéo giữa hai phân phối và độ phân kỳ Kullback–Leibler (chương 6).
//!
//! Quy ước: `0 · log 0 = 0` và `0 · log(0/q) = 0`; khi `q_i = 0 < p_i`, `H(p, q)` và `KL(p‖q)` bằng
//! `+∞`, biểu diễn bằng `f64::INFINITY` (một giá trị đúng, không phải lỗi). Phân phối không hợp lệ —
//! rỗng, có phần tử âm hay không hữu hạn, tổng lệch 1 quá [`SUM_TOLERANCE`], hai phân phối khác độ dài —
//! trả `Err(Error::InvalidDistribution)` hoặc `Err(Error::ShapeMismatch)`.

use crate::error::{ensure_len, Error, Result};
use crate::numerics::{accurate_sum, compensated_sum};

/// Sai lệch cho phép của `Σ p_i` so với 1.
pub const SUM_TOLERANCE: f64 = 1e-9;

/// Kiểm `p` là một phân phối xác suất: không rỗng, mọi `p_i` hữu hạn và ≥ 0, `|Σ p_i − 1| ≤ SUM_TOLERANCE`.
pub fn check_distribution(what: &'static str, p: &[f64]) -> Result<()> {
    let invalid = |reason: String| Err(Error::InvalidDistribution { what, reason });
    if p.is_empty() {
        return invalid("rỗng".into());
    }
    if let Some((i, x)) = p
        .iter()
        .enumerate()
        .find(|(_, x)| !(x.is_finite() && **x >= 0.0))
    {
        return invalid(format!("phần tử {i} = {x} không phải số hữu hạn ≥ 0"));
    }
    let sum: f64 = p.iter().sum();
    if (sum - 1.0).abs() > SUM_TOLERANCE {
        return invalid(format!("tổng = {sum}, cần 1"));
    }
    Ok(())
}

fn check_pair(p: &[f64], q: &[f64]) -> Result<()> {
    check_distribution("p", p)?;
    check_distribution("q", q)?;
    ensure_len("độ dài q so với p", p.len(), q.len())
}

// ANCHOR: entropy
/// Phương trình (6.1): entropy `H(p) = −Σ_i p_i log p_i` (nat), với `0 · log 0 = 0`.
pub fn entropy(p: &[f64]) -> Result<f64> {
    check_distribution("p", p)?;
    // các số hạng −p_i log p_i ≥ 0: tổng bù, sai số vài ε tương đối
    Ok(compensated_sum(
        p.iter().filter(|&&x| x > 0.0).map(|&x| -(x * x.ln())),
    ))
}
// ANCHOR_END: entropy

// ANCHOR: cross_entropy_pq
/// Phương trình (6.2): entropy chéo `H(p, q) = −Σ_i p_i log q_i`; số hạng có `p_i = 0` bằng 0,
/// và `+∞` nếu có `q_i = 0 < p_i`.
pub fn cross_entropy_pq(p: &[f64], q: &[f64]) -> Result<f64> {
    check_pair(p, q)?;
    Ok(compensated_sum(
        p.iter()
            .zip(q)
            .filter(|(&pi, _)| pi > 0.0)
            .map(|(&pi, &qi)| -(pi * qi.ln())),
    ))
}
// ANCHOR_END: cross_entropy_pq

// ANCHOR: kl
/// Phương trình (6.3): `KL(p‖q) = Σ_i p_i log(p_i / q_i)`; số hạng có `p_i = 0` bằng 0,
/// và `+∞` nếu có `q_i = 0 < p_i`.
pub fn kl_divergence(p: &[f64], q: &[f64]) -> Result<f64> {
    check_pair(p, q)?;
    if p.iter().zip(q).any(|(&pi, &qi)| pi > 0.0 && qi == 0.0) {
        return Ok(f64::INFINITY);
    }
    // (5.11): số hạng có q_i ≈ p_i là (p_i − q_i) + p_i φ(q_i/p_i), φ(r) = r − 1 − ln r ≥ 0: phần bậc nhất
    // p_i − q_i chính xác (Sterbenz), phần còn lại ≥ 0; các số hạng khác tính thẳng p_i log(p_i/q_i).
    // Tổng chính xác của mọi phần: khi p, q chuẩn hoá chính xác, các phần bậc nhất triệt tiêu đúng, KL ≥ 0.
    let mut parts = Vec::with_capacity(2 * p.len());
    for (&pi, &qi) in p.iter().zip(q).filter(|(&pi, _)| pi > 0.0) {
        if qi >= 0.5 * pi && qi <= 1.5 * pi {
            parts.push(pi - qi);
            parts.push(pi * phi((qi - pi) / pi));
        } else {
            let r = qi / pi;
            let ln_r = if r.is_normal() {
                r.ln()
            } else {
                qi.ln() - pi.ln()
            };
            parts.push(-(pi * ln_r));
        }
    }
    Ok(accurate_sum(&parts))
}

/// `φ = t − log(1 + t) = t²/2 − t³/3 + …` (chuỗi, `|t| ≤ ½`): không triệt tiêu, luôn ≥ 0.
fn phi(t: f64) -> f64 {
    let (mut power, mut sum) = (t, 0.0);
    for k in 2..100 {
        power *= -t;
        let next = sum - power / k as f64; // (−1)^k t^k / k
        if next == sum {
            break;
        }
        sum = next;
    }
    sum.max(0.0)
}
// ANCHOR_END: kl

// ANCHOR: empirical
/// Phương trình (6.9): phân phối thực nghiệm `p̂_k = n_k / N` của một tập dữ liệu token — cũng chính là
/// ước lượng hợp lý cực đại của một phân phối phân loại (categorical).
pub fn empirical_distribution(data: &[usize], vocab: usize) -> Result<Vec<f64>> {
    if data.is_empty() {
        return Err(Error::Empty("tập dữ liệu"));
    }
    crate::memory::ensure_allocation("phân phối thực nghiệm", vocab, 8)?;
    let mut counts = vec![0.0; vocab];
    for &x in data {
        *counts
            .get_mut(x)
            .ok_or(Error::TokenOutOfRange { id: x, vocab })? += 1.0;
    }
    Ok(counts.into_iter().map(|c| c / data.len() as f64).collect())
}

/// Phương trình (6.8): entropy chéo thực nghiệm `−(1/N) Σ_n log q(x_n)` của mô hình q trên dữ liệu.
pub fn empirical_cross_entropy(data: &[usize], q: &[f64]) -> Result<f64> {
    check_distribution("q", q)?;
    if data.is_empty() {
        return Err(Error::Empty("tập dữ liệu"));
    }
    let mut total = 0.0;
    for &x in data {
        let qx = *q.get(x).ok_or(Error::TokenOutOfRange {
            id: x,
            vocab: q.len(),
        })?;
        total -= qx.ln();
    }
    Ok(total / data.len() as f64)
}
// ANCHOR_END: empirical

// ANCHOR: bits
/// Phương trình (6.11): đổi nat sang bit, `H_bit = H_nat / ln 2`.
pub fn nats_to_bits(nats: f64) -> f64 {
    nats / std::f64::consts::LN_2
}
// ANCHOR_END: bits
