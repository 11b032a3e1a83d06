//! Bộ kiểm bài tập softmax phân cấp (chương 4). Tham chiếu: tích các σ tính ngây thơ ở miền an toàn,
//! tổng xác suất của bốn lá một cây đầy đủ (phải bằng 1), và giá trị tiệm cận ở tích vô hướng ±1000.

use super::close;
use crate::{solutions, stubs, Exercise};

/// Bài tập softmax phân cấp.
pub const EXERCISES: &[Exercise] = &[Exercise {
    id: "4.5",
    function: "hs_log_probability",
    stub_source: include_str!("../stubs/hierarchical_softmax.rs"),
    check_stub: || check_hs(stubs::hierarchical_softmax::hs_log_probability),
    check_solution: || check_hs(solutions::hierarchical_softmax::hs_log_probability),
}];

fn check_hs(f: fn(&[f64], &[bool]) -> f64) -> Result<(), String> {
    let sig = |x: f64| 1.0 / (1.0 + (-x).exp());
    let (dots, code) = ([0.3, -1.2, 2.0], [false, true, true]);
    let want = (sig(0.3) * sig(1.2) * sig(-2.0)).ln();
    if !close(f(&dots, &code), want, 1e-12) {
        return Err(format!(
            "log P = {}, cần {want}.\nGợi ý: nhánh 0 dùng σ(x), nhánh 1 dùng σ(−x) = 1 − σ(x).",
            f(&dots, &code)
        ));
    }
    // cây đầy đủ 4 lá: gốc (x_r), con trái (x_a), con phải (x_b)
    let (xr, xa, xb) = (0.7, -0.4, 1.9);
    let leaves = [
        ([xr, xa], [false, false]),
        ([xr, xa], [false, true]),
        ([xr, xb], [true, false]),
        ([xr, xb], [true, true]),
    ];
    let total: f64 = leaves.iter().map(|(d, c)| f(d, c).exp()).sum();
    if !close(total, 1.0, 1e-12) {
        return Err(format!(
            "tổng xác suất bốn lá = {total}, cần 1.\nGợi ý: ở mỗi nút, hai nhánh nhận σ(x) và σ(−x), cộng lại bằng 1."
        ));
    }
    let got = f(&[1000.0], &[true]);
    if !close(got, -1000.0, 1e-12) {
        return Err(format!(
            "log P với x = 1000 ở nhánh 1 = {got}, cần −1000.\nGợi ý: tính log σ ổn định (bài 4.1), không lấy log của σ."
        ));
    }
    Ok(())
}
