//! Độ chính xác của nhân f32 của trình huấn luyện (issue 10): hệ số bước SGNS `label − σ(s)` so với số lớn
//! 1200 bit, sai số tương đối ≤ 8 ε_f32 (tuyệt đối ≤ số chuẩn nhỏ nhất của f32 khi giá trị thật tràn dưới).

#[path = "../../tests/accuracy/reference.rs"]
mod reference;

use proptest::prelude::*;
use reference::{big32, check32};
use sgns::kernels::{sgns_coefficient, sigmoid};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4 * reference::cases()))]

    /// σ f32 và hệ số σ(−s) / −σ(s) của bước SGNS ≤ 8 ε_f32 so với số lớn trên mọi s hữu hạn.
    #[test]
    fn acc_kernel_coefficient(s in prop_oneof![
        prop::num::f32::NORMAL | prop::num::f32::SUBNORMAL | prop::num::f32::ZERO,
        -120.0..120.0f32,
    ]) {
        let x = big32(s);
        let truth_pos = reference::sigmoid(&-x.clone());
        let truth_neg = -reference::sigmoid(&x);
        check32(&format!("σ({s:e})"), sigmoid(s), &reference::sigmoid(&x), 8.0).map_err(TestCaseError::fail)?;
        check32(&format!("hệ số dương s={s:e}"), sgns_coefficient(s, true), &truth_pos, 8.0).map_err(TestCaseError::fail)?;
        check32(&format!("hệ số âm s={s:e}"), sgns_coefficient(s, false), &truth_neg, 8.0).map_err(TestCaseError::fail)?;
    }
}

/// Phản ví dụ của issue 10: với s = 40 mẫu dương vẫn còn gradient σ(−40) ≈ 4.2e−18.
#[test]
fn acc_kernel_issue_example() {
    let truth = reference::sigmoid(&-big32(40.0));
    check32("σ(−40)", sgns_coefficient(40.0, true), &truth, 8.0).unwrap();
}
