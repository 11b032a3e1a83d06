//! Bộ kiểm gradient bằng sai phân hữu hạn trung tâm (chương 3), dùng cho mọi kiểm thử gradient của sách.
//!
//! `∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / (2h)`, sai số O(h²). Với f64 và `h = 1e-5`, sai số cắt cụt
//! (~h² · f‴) và sai số làm tròn (~ε·|f|/h) đều cỡ 1e-10, nên ngưỡng tương đối 1e-6 có dư địa lớn.
//! Sai số tương đối (3.6) đo theo thang của cả vector gradient, không theo từng thành phần: sai số của
//! sai phân là tuyệt đối, nên một thành phần đúng bằng 1e-7 có sai lệch tương đối riêng cỡ 1e-3.

use crate::error::{ensure_finite, ensure_len, Error, Result};

/// Bước sai phân mặc định.
pub const STEP: f64 = 1e-5;
/// Sàn của mẫu số trong sai số tương đối: gradient có mọi thành phần nhỏ hơn sàn này được so tuyệt đối
/// (ngưỡng 1e-6 thành sai số tuyệt đối 1e-9, vẫn gấp ~10 lần nhiễu làm tròn ε·|f|/h của sai phân khi |f| ≲ 10).
pub const FLOOR: f64 = 1e-3;

// ANCHOR: numerical_gradient
/// Phương trình (3.5): gradient số của `f` tại `x` bằng sai phân trung tâm với bước `h`.
pub fn numerical_gradient<F>(mut f: F, x: &[f64], h: f64) -> Result<Vec<f64>>
where
    F: FnMut(&[f64]) -> Result<f64>,
{
    ensure_finite("điểm tính gradient", x)?;
    if !(h.is_finite() && h > 0.0) {
        return Err(Error::InvalidParameter {
            what: "bước sai phân h",
            reason: format!("cần 0 < h < ∞, nhận {h}"),
        });
    }
    if let Some(&xi) = x
        .iter()
        .find(|&&xi| xi + h == xi || xi - h == xi || !(xi + h).is_finite())
    {
        return Err(Error::InvalidParameter {
            what: "bước sai phân h",
            reason: format!("x ± h không khác x (hoặc tràn số) tại x = {xi:e}, h = {h:e}"),
        });
    }
    let mut point = x.to_vec();
    let mut grad = Vec::with_capacity(x.len());
    for i in 0..x.len() {
        let original = point[i];
        point[i] = original + h;
        let plus = f(&point)?;
        point[i] = original - h;
        let minus = f(&point)?;
        point[i] = original;
        grad.push((plus - minus) / (2.0 * h));
    }
    ensure_finite("gradient số (f không hữu hạn quanh x)", &grad)?;
    Ok(grad)
}
// ANCHOR_END: numerical_gradient

// ANCHOR: relative_error
/// Phương trình (3.6): sai số tương đối theo thang của cả vector giữa gradient giải tích `a` và gradient
/// số `n`: `max_i |a_i − n_i| / max(max_i |a_i|, max_i |n_i|, FLOOR)`. Sai số của sai phân là sai số
/// tuyệt đối (~ε|f|/h), nên so từng thành phần rất nhỏ theo tỉ lệ của chính nó chỉ đo nhiễu làm tròn.
pub fn max_relative_error(analytic: &[f64], numeric: &[f64]) -> Result<f64> {
    ensure_len(
        "gradient giải tích so với gradient số",
        numeric.len(),
        analytic.len(),
    )?;
    ensure_finite("gradient giải tích", analytic)?;
    ensure_finite("gradient số", numeric)?;
    let scale = analytic
        .iter()
        .chain(numeric)
        .fold(FLOOR, |m, &x| m.max(x.abs()));
    Ok(analytic
        .iter()
        .zip(numeric)
        .map(|(&a, &n)| (a / scale - n / scale).abs())
        .fold(0.0, f64::max))
}
// ANCHOR_END: relative_error

/// Kiểm gradient theo (3.5)–(3.6): trả sai số tương đối nếu ≤ `tolerance`, lỗi (kèm sai số) nếu không.
pub fn check_gradient<F>(f: F, analytic: &[f64], x: &[f64], tolerance: f64) -> Result<f64>
where
    F: FnMut(&[f64]) -> Result<f64>,
{
    let numeric = numerical_gradient(f, x, STEP)?;
    let err = max_relative_error(analytic, &numeric)?;
    if err <= tolerance {
        Ok(err)
    } else {
        Err(Error::InvalidParameter {
            what: "gradient",
            reason: format!("sai số tương đối {err:e} vượt ngưỡng {tolerance:e}"),
        })
    }
}
