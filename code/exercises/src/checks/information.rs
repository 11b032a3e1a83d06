//! Bộ kiểm bài tập chương 6. Tham chiếu: dạng đóng (Bernoulli, phân phối đều, ln(5/3)) và các quy ước biên.

use super::close;
use crate::{solutions, stubs, Exercise};

/// Các bài tập chương 6.
pub const EXERCISES: &[Exercise] = &[
    Exercise {
        id: "6.1",
        function: "kl",
        stub_source: include_str!("../stubs/information.rs"),
        check_stub: || check_kl(stubs::information::kl),
        check_solution: || check_kl(solutions::information::kl),
    },
    Exercise {
        id: "6.2",
        function: "entropy_bits",
        stub_source: include_str!("../stubs/information.rs"),
        check_stub: || check_entropy_bits(stubs::information::entropy_bits),
        check_solution: || check_entropy_bits(solutions::information::entropy_bits),
    },
];

fn check_kl(f: fn(&[f64], &[f64]) -> f64) -> Result<(), String> {
    let got = f(&[0.5, 0.5], &[0.9, 0.1]);
    let want = (5.0_f64 / 3.0).ln();
    if !close(got, want, 1e-12) {
        return Err(format!(
            "KL((0.5, 0.5) ‖ (0.9, 0.1)) = ln(5/3) = {want}, nhận {got}.\nGợi ý: KL(p‖q) lấy kỳ vọng theo p: Σ p_i ln(p_i/q_i) — đừng đổi chỗ p và q."
        ));
    }
    let got = f(&[0.9, 0.1], &[0.5, 0.5]);
    let want = 0.9 * 1.8_f64.ln() + 0.1 * 0.2_f64.ln();
    if !close(got, want, 1e-12) {
        return Err(format!("KL((0.9, 0.1) ‖ (0.5, 0.5)) = {want}, nhận {got}"));
    }
    let got = f(&[0.0, 1.0], &[0.0, 1.0]);
    if got != 0.0 {
        return Err(format!(
            "KL((0, 1) ‖ (0, 1)) = 0, nhận {got}.\nGợi ý: số hạng có p_i = 0 bằng 0 (quy ước 0·log 0 = 0), đừng tính 0·ln(0/0) = NaN."
        ));
    }
    let got = f(&[0.5, 0.5], &[1.0, 0.0]);
    if got != f64::INFINITY {
        return Err(format!(
            "KL((0.5, 0.5) ‖ (1, 0)) = +∞ vì q_1 = 0 < p_1, nhận {got}.\nGợi ý: trả f64::INFINITY."
        ));
    }
    let got = f(&[1.0, 0.0], &[0.5, 0.5]);
    if !close(got, std::f64::consts::LN_2, 1e-12) {
        return Err(format!("KL((1, 0) ‖ (0.5, 0.5)) = ln 2, nhận {got}"));
    }
    Ok(())
}

fn check_entropy_bits(f: fn(&[f64]) -> f64) -> Result<(), String> {
    for k in 0..6 {
        let n = 1usize << k;
        let got = f(&vec![1.0 / n as f64; n]);
        if !close(got, f64::from(k), 1e-12) {
            return Err(format!(
                "phân phối đều trên {n} giá trị có entropy {k} bit, nhận {got}.\nGợi ý: dùng log2, không phải ln."
            ));
        }
    }
    let got = f(&[1.0, 0.0, 0.0]);
    if got != 0.0 {
        return Err(format!(
            "p = (1, 0, 0) có entropy 0, nhận {got}.\nGợi ý: bỏ qua p_i = 0 (0·log 0 = 0)."
        ));
    }
    let a = 0.2_f64;
    let want = -(a * a.log2() + (1.0 - a) * (1.0 - a).log2());
    let got = f(&[a, 1.0 - a]);
    if !close(got, want, 1e-12) {
        return Err(format!("Bernoulli(0.2): cần {want} bit, nhận {got}"));
    }
    Ok(())
}
