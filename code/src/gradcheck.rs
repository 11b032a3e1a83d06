//! Bộ kiểm gradient bằng sai phân hữu hạn trung tâm (chương 3), dùng cho mọi kiểm thử gradient của sách.
//!
//! `∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / (2h)`, sai số O(h²). Với f64 và `h = 1e-5`, sai số cắt cụt
//! (~h² · f‴) và sai số làm tròn (~ε·|f|/h) đều cỡ 1e-10, nên ngưỡng tương đối 1e-6 có dư địa lớn.

use crate::error::{ensure_finite, ensure_len, Error, Result};

/// Bước sai phân mặc định.
pub const STEP: f64 = 1e-5;
/// Sàn của mẫu số trong sai số tương đối: thành phần gradient nhỏ hơn sàn này được so tuyệt đối.
pub const FLOOR: f64 = 1e-8;

// ANCHOR: numerical_gradient
/// Phương trình (3.8): gradient số của `f` tại `x` bằng sai phân trung tâm với bước `h`.
pub fn numerical_gradient<F>(mut f: F, x: &[f64], h: f64) -> Result<Vec<f64>>
where
    F: FnMut(&[f64]) -> Result<f64>,
{
    ensure_finite("điểm tính gradient", x)?;
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
    Ok(grad)
}
// ANCHOR_END: numerical_gradient

// ANCHOR: relative_error
/// Sai số tương đối lớn nhất giữa gradient giải tích `a` và gradient số `n`:
/// `max_i |a_i − n_i| / max(|a_i|, |n_i|, FLOOR)`.
pub fn max_relative_error(analytic: &[f64], numeric: &[f64]) -> Result<f64> {
    ensure_len(
        "gradient giải tích so với gradient số",
        numeric.len(),
        analytic.len(),
    )?;
    ensure_finite("gradient giải tích", analytic)?;
    ensure_finite("gradient số", numeric)?;
    Ok(analytic
        .iter()
        .zip(numeric)
        .map(|(&a, &n)| (a - n).abs() / a.abs().max(n.abs()).max(FLOOR))
        .fold(0.0, f64::max))
}
// ANCHOR_END: relative_error

/// Kiểm gradient: trả sai số tương đối lớn nhất nếu ≤ `tolerance`, lỗi (kèm sai số) nếu không.
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
