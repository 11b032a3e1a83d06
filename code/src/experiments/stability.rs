//! Thí nghiệm chương 5 (mục «Vì sao log-sum-exp chưa đủ»): sai số tương đối của ba cách tính entropy chéo
//! `L = −log softmax(z)_0` với hai logit `z = (b + g, b)` — logit đúng hơn logit kia một khoảng `g` — đo so
//! với tham chiếu số lớn 256 bit (dashu-float): `L = ln(1 + e^{−(z_0 − z_1)})`, hiệu `z_0 − z_1` chính xác.

use dashu_float::round::mode::HalfEven;
use dashu_float::FBig;

use crate::cross_entropy::cross_entropy;
use crate::error::{ensure_finite, Error, Result};

type Big = FBig<HalfEven, 2>;

/// Sai số tương đối của ba cách tính tại một khoảng cách logit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GapErrors {
    /// Khoảng cách `g` giữa logit đúng và logit kia.
    pub gap: f64,
    /// Cách ngây thơ `−ln(e^{z_0} / Σ e^{z_j})` (NaN/∞ cho sai số `+∞`).
    pub naive: f64,
    /// Log-sum-exp rồi trừ: `(m + ln Σ e^{z_j − m}) − z_0`.
    pub lse: f64,
    /// Dạng cuối (5.8) của crate: `(m − z_0) + log1p(Σ_{j≠k} e^{z_j − m})`.
    pub shifted: f64,
}

fn big(x: f64) -> Result<Big> {
    Big::try_from(x)
        .map(|b| b.with_precision(256).value())
        .map_err(|_| Error::NonFinite {
            what: "giá trị so với tham chiếu",
            index: 0,
            value: x,
        })
}

/// `|x − r| / r` với `r` là tham chiếu số lớn; `+∞` nếu `x` không hữu hạn.
fn relative_error(x: f64, truth: &Big) -> Result<f64> {
    if !x.is_finite() {
        return Ok(f64::INFINITY);
    }
    let diff = big(x)? - truth.clone();
    let err = if diff < big(0.0)? { -diff } else { diff };
    Ok((err / truth.clone()).to_f64().value())
}

/// Đo ba cách tính tại `z = (base + gap, base)`, token đúng 0.
pub fn gap_errors(base: f64, gap: f64) -> Result<GapErrors> {
    let z = [base + gap, base];
    ensure_finite("logit", &z)?;
    // tham chiếu: ln(1 + e^{−d}), d = z_0 − z_1 chính xác trong số lớn
    let d = big(z[0])? - big(z[1])?;
    let truth = (-d).exp().ln_1p();
    let naive = -(z[0].exp() / (z[0].exp() + z[1].exp())).ln();
    let m = z[0].max(z[1]);
    let lse = (m + ((z[0] - m).exp() + (z[1] - m).exp()).ln()) - z[0];
    Ok(GapErrors {
        gap,
        naive: relative_error(naive, &truth)?,
        lse: relative_error(lse, &truth)?,
        shifted: relative_error(cross_entropy(&z, 0)?, &truth)?,
    })
}

/// Lưới khoảng cách logit của hình: `g = 10^{k/8}`, k = −16..=21 (từ 0.01 tới ≈ 422).
pub fn gap_grid() -> Vec<f64> {
    (-16..=21).map(|k| 10f64.powf(f64::from(k) / 8.0)).collect()
}
