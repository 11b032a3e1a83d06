//! Bộ kiểm bài tập chương 5, mục 5.7. Tham chiếu: dạng đóng (ln 2, ln 4, ln(1 + e), log1p của e mũ nguyên, giá
//! trị đúng tính trước bằng số thập phân 60 chữ số, ghi ở đây thành hằng số) và, với logit nhỏ, `ln Σ_j e^{z_j} − z_y`
//! tính thẳng — không bao giờ là giá trị do mã được kiểm sinh ra.

use super::{close, pseudo_random};
use crate::{solutions, stubs, Exercise};

/// Các bài tập chương 5, mục 5.7.
pub const EXERCISES: &[Exercise] = &[Exercise {
    id: "5.4",
    function: "stable_cross_entropy",
    stub_source: include_str!("../stubs/numerics.rs"),
    check_stub: || check_stable_cross_entropy(stubs::numerics::stable_cross_entropy),
    check_solution: || check_stable_cross_entropy(solutions::numerics::stable_cross_entropy),
}];

/// `got` cách `want` không quá `k` ε tương đối (đúng 0 khi `want = 0`, đúng ∞ khi `want = ∞`).
fn within_eps(got: f64, want: f64, k: f64) -> bool {
    if want == 0.0 || want.is_infinite() {
        got == want
    } else {
        (got - want).abs() <= k * f64::EPSILON * want.abs()
    }
}

fn check_stable_cross_entropy(f: fn(&[f64], usize) -> f64) -> Result<(), String> {
    // Logit vừa phải: ln Σ_j e^{z_j} − z_y tính thẳng (không tràn, sai số vài ε tuyệt đối) là tham chiếu đủ tốt.
    for seed in [51, 52, 53] {
        let z: Vec<f64> = pseudo_random(seed, 6).iter().map(|v| 5.0 * v).collect();
        for y in 0..z.len() {
            let want = z.iter().map(|v| v.exp()).sum::<f64>().ln() - z[y];
            let got = f(&z, y);
            if !close(got, want, 1e-12) {
                return Err(format!(
                    "z = {z:?}, y = {y}: cần −log P_y = {want}, nhận {got}.\nGợi ý: −log P_y = ln Σ_j e^{{z_j}} − z_y."
                ));
            }
        }
    }
    // (z, y, giá trị đúng, gợi ý khi sai). Hằng số dài: giá trị đúng làm tròn về f64, tính bằng số thập phân 60
    // chữ số (e^{-40}, e^{-20}, … là dạng đóng; 0,1 và −39,9 là đúng các số f64 gần nhất của hai literal).
    let shift = "Gợi ý: LSE − z_y trừ hai số lớn gần bằng nhau; theo (5.8), tính (m − z_y) + log1p(Σ_{j≠k} e^{z_j − m}) — hai số hạng không âm, không có phép trừ nào triệt tiêu.";
    let tiny = "Gợi ý: mất mát tí hon ≈ Σ_{j≠k} e^{z_j − m} bị nuốt khi cộng vào LSE rồi trừ z_y; dùng log1p(r) với r = Σ_{j≠k} e^{z_j − m} (.ln_1p() của f64).";
    let cases: [(&[f64], usize, f64, &str); 10] = [
        (&[1e17, 1e17], 0, std::f64::consts::LN_2, shift),
        (&[3.0, 3.0, 3.0, 3.0], 2, 1.386_294_361_119_890_6, shift),
        (&[1e4, 1e4 + 1.0], 0, 1.313_261_687_518_222_8, shift),
        (&[40.0, 0.0], 0, 4.248_354_255_291_589e-18, tiny),
        (&[20.0, 0.0], 0, 2.061_153_620_314_381e-9, tiny),
        (&[30.0, 0.0, -5.0], 0, 9.420_674_136_441_201e-14, tiny),
        (&[0.0, 40.0], 0, 40.0, shift),
        (
            &[0.1, -39.9],
            0,
            4.248_354_255_291_595e-18,
            "Gợi ý: 0,1 − (−39,9) không biểu diễn đúng được trong f64; phần bị làm tròn lo (TwoSum: z_j − m = hi + lo chính xác) đổi e^{z_j − m} vài ε — dùng e^{hi}·(1 + lo).",
        ),
        (&[-1000.0, 1000.0, 0.0], 1, 0.0, tiny),
        (&[5.0], 0, 0.0, shift),
    ];
    for (z, y, want, hint) in cases {
        let got = f(z, y);
        if !within_eps(got, want, 4.0) {
            return Err(format!(
                "z = {z:?}, y = {y}: cần −log P_y = {want:e}, nhận {got:e} (cho phép sai 4ε tương đối).\n{hint}"
            ));
        }
    }
    // Khoảng cách khổng lồ: giá trị đúng 2·10^308 tràn thành +∞; theo chiều kia mất mát là 0, không phải NaN.
    for (y, want) in [(0, f64::INFINITY), (1, 0.0)] {
        let got = f(&[-1e308, 1e308], y);
        if !within_eps(got, want, 4.0) {
            return Err(format!(
                "z = (−1e308, 1e308), y = {y}: cần {want}, nhận {got}.\nGợi ý: e^{{z_j − m}} = 0 khi z_j − m = −∞; đừng nhân 0 với phần dư NaN."
            ));
        }
    }
    Ok(())
}
