//! Số học chính xác tới vài ε cho các hàm mất mát (chương 5, mục «Vì sao log-sum-exp chưa đủ»,
//! phương trình 5.8–5.11).
//!
//! Ba công cụ: (1) phép biến đổi không sai số (error-free transformation): `a + b = s + e` và
//! `a · b = p + e` **chính xác**, với `s`, `p` là kết quả làm tròn và `e` là phần bị làm tròn mất;
//! (2) tổng bù (Neumaier) và tổng chính xác (chưng cất, distillation) của vài số; (3) softmax **trong miền
//! đã dịch**: `d_i = z_i − max z` giữ cả phần làm tròn, `r = Σ_{j≠k} e^{d_j}` (k là logit lớn nhất), rồi
//! `log P_i = d_i − log1p(r)` — hai số hạng cùng dấu nên không bao giờ triệt tiêu, kể cả khi `|z|` khổng lồ
//! (z_y − lse triệt tiêu) hay khi mất mát tí hon (1 − P_y, tính thành tổng các P_j khác).

use crate::error::{ensure_finite, Error, Result};

// ANCHOR: two_sum
/// `a + b = s + e` chính xác với `s = fl(a + b)` (Knuth, TwoSum); `e = 0` khi `s` vô hạn.
pub fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    if !s.is_finite() {
        return (s, 0.0);
    }
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}
// ANCHOR_END: two_sum

/// `a · b = p + e` chính xác với `p = fl(a · b)` (nhờ FMA), trừ khi tích tràn trên hoặc tràn dưới.
pub fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    if !p.is_finite() {
        return (p, 0.0);
    }
    (p, a.mul_add(b, -p))
}

/// Tổng bù Neumaier: sai số ≤ ε·|tổng| + O(n ε²)·Σ|x_i| (với số hạng cùng dấu: vài ε tương đối).
pub fn compensated_sum(values: impl IntoIterator<Item = f64>) -> f64 {
    let (mut s, mut c) = (0.0, 0.0);
    for x in values {
        let (t, e) = two_sum(s, x);
        s = t;
        c += e;
    }
    s + c
}

/// Tổng làm tròn đúng (tới nửa ulp, trừ khi tràn) của vài số: lặp phép chưng cất `TwoSum` cho tới khi các phần
/// dư không còn ảnh hưởng tới kết quả. Mỗi vòng giữ nguyên tổng chính xác.
pub fn accurate_sum(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| *x != 0.0).collect();
    for _ in 0..(2 * v.len() + 8) {
        if v.len() <= 1 {
            break;
        }
        for i in 1..v.len() {
            let (s, e) = two_sum(v[i - 1], v[i]);
            v[i] = s;
            v[i - 1] = e;
        }
        if !v[v.len() - 1].is_finite() {
            return v[v.len() - 1];
        }
        v.retain(|x| *x != 0.0);
        let Some((&s, rest)) = v.split_last() else {
            return 0.0;
        };
        let tail: f64 = rest.iter().map(|x| x.abs()).sum();
        if tail * 4.0 <= ulp(s) * f64::EPSILON {
            break;
        }
    }
    compensated_sum(v.iter().copied())
}

fn ulp(x: f64) -> f64 {
    let a = x.abs();
    if a == 0.0 {
        f64::from_bits(1)
    } else {
        f64::from_bits(a.to_bits() + 1) - a
    }
}

/// `e^{hi + lo}` khi `|lo| ≤ ulp(hi)`: `e^{hi} (1 + lo)` — sai số bậc hai `lo²/2` không đáng kể.
pub fn exp_dd(hi: f64, lo: f64) -> f64 {
    let e = hi.exp();
    e + e * lo
}

// ANCHOR: shifted
/// Softmax trong miền đã dịch: `d_i = z_i − m` dưới dạng hai số `(hi, lo)` có tổng chính xác,
/// chỉ số `k` của logit lớn nhất, `e_i = e^{d_i}` và `r = Σ_{j≠k} e_j` (nên `Σ_j e_j = 1 + r`).
#[derive(Debug, Clone)]
pub struct Shifted {
    /// `m = max_j z_j` (dạng hai số).
    max: (f64, f64),
    /// `d_i = z_i − m` (dạng hai số).
    shifted: Vec<(f64, f64)>,
    /// `e_i = e^{d_i}`.
    exps: Vec<f64>,
    /// Chỉ số của logit lớn nhất (lần xuất hiện đầu).
    pivot: usize,
    /// `log1p(r)`, `r = Σ_{j≠k} e_j`.
    log1p_tail: f64,
}

impl Shifted {
    /// Từ logit f64 (phải hữu hạn, không rỗng).
    pub fn new(logits: &[f64]) -> Result<Self> {
        Self::with_temperature(logits, 1.0)
    }

    /// Từ logit chia nhiệt độ `u_i = z_i / τ`: `d_i = (z_i − z_k) / τ` tính từ hiệu **chính xác** `z_i − z_k`
    /// (TwoSum) rồi chia, giữ phần dư của phép chia (FMA) — không làm tròn `z_i / τ` trước khi trừ.
    pub fn with_temperature(logits: &[f64], temperature: f64) -> Result<Self> {
        if !(temperature.is_finite() && temperature > 0.0) {
            return Err(Error::InvalidParameter {
                what: "nhiệt độ τ",
                reason: format!("cần 0 < τ < ∞, nhận {temperature}"),
            });
        }
        if logits.is_empty() {
            return Err(Error::Empty("logits"));
        }
        ensure_finite("logit", logits)?;
        let divide = |hi: f64, lo: f64| {
            let q = hi / temperature;
            if !q.is_finite() {
                return (q, 0.0);
            }
            let r = (-q).mul_add(temperature, hi);
            let lo = (r + lo) / temperature;
            (q, if lo.is_finite() { lo } else { 0.0 })
        };
        let pivot = (0..logits.len())
            .reduce(|k, i| if logits[i] > logits[k] { i } else { k })
            .unwrap_or(0);
        let zk = logits[pivot];
        let shifted: Vec<(f64, f64)> = logits
            .iter()
            .map(|&z| {
                let (s, e) = two_sum(z, -zk);
                divide(s, e)
            })
            .collect();
        let exps: Vec<f64> = shifted.iter().map(|&(s, e)| exp_dd(s, e)).collect();
        let tail = compensated_sum(
            exps.iter()
                .enumerate()
                .filter(|&(j, _)| j != pivot)
                .map(|(_, &e)| e),
        );
        Ok(Self {
            max: divide(zk, 0.0),
            shifted,
            exps,
            pivot,
            log1p_tail: tail.ln_1p(),
        })
    }

    /// Số logit.
    pub fn len(&self) -> usize {
        self.exps.len()
    }

    /// Luôn `false` (không dựng được từ đầu vào rỗng).
    pub fn is_empty(&self) -> bool {
        self.exps.is_empty()
    }

    /// `log Σ_j e^{z_j} = m + log1p(r)`.
    pub fn log_sum_exp(&self) -> f64 {
        self.max.0 + (self.max.1 + self.log1p_tail)
    }

    /// `log P_i = d_i − log1p(r)`: hai số hạng ≤ 0, không triệt tiêu.
    pub fn log_prob(&self, i: usize) -> f64 {
        let (s, e) = self.shifted[i];
        s + (e - self.log1p_tail)
    }

    /// Phương trình (5.8): `−log P_y = (m − z_y) + log1p(r)`: hai số hạng ≥ 0.
    pub fn cross_entropy(&self, y: usize) -> f64 {
        let (s, e) = self.shifted[y];
        self.log1p_tail - e - s
    }

    /// `Σ_j e_j = 1 + r` bỏ đi `e_skip` (nếu có), tính bằng tổng bù.
    fn sum_except(&self, skip: Option<usize>) -> f64 {
        compensated_sum(
            self.exps
                .iter()
                .enumerate()
                .filter(|&(j, _)| Some(j) != skip)
                .map(|(_, &e)| e),
        )
    }

    /// `P = softmax(z)`: `P_i = e_i / (1 + r)`.
    pub fn probs(&self) -> Vec<f64> {
        let total = self.sum_except(None);
        self.exps.iter().map(|e| e / total).collect()
    }

    /// Phương trình (3.2) theo (5.9): `P − y`, với `P_y − 1 = −Σ_{j≠y} P_j` (không triệt tiêu khi `P_y ≈ 1`).
    pub fn gradient(&self, y: usize) -> Vec<f64> {
        let total = self.sum_except(None);
        let mut g: Vec<f64> = self.exps.iter().map(|e| e / total).collect();
        g[y] = -self.sum_except(Some(y)) / total;
        g
    }

    /// Chỉ số logit lớn nhất.
    pub fn pivot(&self) -> usize {
        self.pivot
    }
}
// ANCHOR_END: shifted

/// Tích vô hướng «gấp đôi độ chính xác» (Dot2, Ogita–Rump–Oishi): trả `(hi, lo)` với `hi + lo` sai số
/// ≤ ε²·Σ|a_i b_i| cỡ n; lỗi nếu độ dài khác nhau hoặc tích vô hướng tràn số f64.
pub fn dot2(a: &[f64], b: &[f64]) -> Result<(f64, f64)> {
    crate::error::ensure_len("độ dài hai vector của tích vô hướng", a.len(), b.len())?;
    let (mut s, mut c) = (0.0, 0.0);
    for (&x, &y) in a.iter().zip(b) {
        let (p, ep) = two_prod(x, y);
        let (t, es) = two_sum(s, p);
        s = t;
        c += ep + es;
    }
    let (hi, lo) = two_sum(s, c);
    if !hi.is_finite() {
        return Err(Error::InvalidParameter {
            what: "tích vô hướng",
            reason: format!("vượt miền f64 (|uᵀv| > {:e})", f64::MAX),
        });
    }
    Ok((hi, lo))
}

/// `−log σ(s) = log(1 + e^{−s})` với `s = hi + lo`: `log1p(e^{−s})` khi `s ≥ 0`, `−s + log1p(e^{s})` khi `s < 0`.
pub fn softplus_neg(hi: f64, lo: f64) -> f64 {
    if hi >= 0.0 {
        exp_dd(-hi, -lo).ln_1p()
    } else {
        (-hi - lo) + exp_dd(hi, lo).ln_1p()
    }
}

/// Phương trình (5.10): `σ(−s) = 1 − σ(s)` với `s = hi + lo`, tính không qua phép trừ `1 − σ(s)`.
pub fn sigmoid_neg(hi: f64, lo: f64) -> f64 {
    if hi >= 0.0 {
        let t = exp_dd(-hi, -lo);
        t / (1.0 + t)
    } else {
        1.0 / (1.0 + exp_dd(hi, lo))
    }
}
