//! Bộ kiểm bài tập chương 2. Tham chiếu: dạng đóng cho hai logit, `σ(a) = 1/(1+e^{−a})` và
//! `log(1+e^{a})` tính bằng `ln_1p`, độc lập với cách cài đặt của bạn đọc.

use super::{all_close, close};
use crate::{solutions, stubs, Exercise};

/// Các bài tập chương 2.
pub const EXERCISES: &[Exercise] = &[
    Exercise {
        id: "2.1",
        function: "softmax",
        stub_source: include_str!("../stubs/softmax.rs"),
        check_stub: || check_softmax(stubs::softmax::softmax),
        check_solution: || check_softmax(solutions::softmax::softmax),
    },
    Exercise {
        id: "2.2",
        function: "cross_entropy",
        stub_source: include_str!("../stubs/softmax.rs"),
        check_stub: || check_cross_entropy(stubs::softmax::cross_entropy),
        check_solution: || check_cross_entropy(solutions::softmax::cross_entropy),
    },
    Exercise {
        id: "2.3",
        function: "perplexity",
        stub_source: include_str!("../stubs/softmax.rs"),
        check_stub: || check_perplexity(stubs::softmax::perplexity),
        check_solution: || check_perplexity(solutions::softmax::perplexity),
    },
];

/// `log(1 + e^a)` ổn định: dạng đóng độc lập dùng làm tham chiếu.
fn softplus(a: f64) -> f64 {
    a.max(0.0) + (-a.abs()).exp().ln_1p()
}

fn check_softmax(f: fn(&[f64]) -> Vec<f64>) -> Result<(), String> {
    for a in [0.0, 1.0, -3.0, 30.0, 1000.0, -1000.0] {
        for base in [0.0, 1000.0, -1000.0] {
            let z = [base + a, base];
            let p = f(&z);
            let want = [1.0 / (1.0 + (-a).exp()), 1.0 / (1.0 + a.exp())];
            if !all_close(&p, &want, 1e-12) {
                return Err(format!(
                    "softmax({z:?}) = {p:?}, cần {want:?}.\nGợi ý: với logit cỡ 1000, exp tràn số; hãy trừ max(z) trước khi lấy exp."
                ));
            }
        }
    }
    let uniform = f(&[7.0; 4]);
    if !all_close(&uniform, &[0.25; 4], 1e-15) {
        return Err(format!(
            "logit bằng nhau phải cho phân phối đều 1/4, nhận {uniform:?}"
        ));
    }
    Ok(())
}

fn check_cross_entropy(f: fn(&[f64], usize) -> f64) -> Result<(), String> {
    for a in [0.0, 2.0, -2.0, 40.0, 800.0, -800.0] {
        let z = [0.0, a];
        let got = f(&z, 0);
        let want = softplus(a); // −log σ(−a) = log(1 + e^a)
        if !close(got, want, 1e-12) {
            return Err(format!(
                "cross_entropy({z:?}, 0) = {got}, cần log(1 + e^{a}) = {want}.\nGợi ý: đừng tính log(softmax): với a = 800, P(0) = e^-800 tràn số dưới về 0 và log cho −∞. Dùng log Σ exp(z_j) − z_y."
            ));
        }
    }
    let z = [1.0, 2.0, 3.0];
    let y_losses: Vec<f64> = (0..3).map(|y| f(&z, y)).collect();
    let total_prob: f64 = y_losses.iter().map(|l| (-l).exp()).sum();
    if !close(total_prob, 1.0, 1e-12) {
        return Err(format!(
            "Σ_y exp(−L(y)) phải bằng 1 (các xác suất cộng lại), nhận {total_prob}"
        ));
    }
    Ok(())
}

fn check_perplexity(f: fn(&[f64]) -> f64) -> Result<(), String> {
    let v = 50_257.0_f64;
    let uniform = f(&[v.ln(); 5]);
    if !close(uniform, v, 1e-12) {
        return Err(format!(
            "mô hình đoán đều trên V = {v} token có perplexity đúng bằng V, nhận {uniform}"
        ));
    }
    let got = f(&[0.0, 2.0_f64.ln() * 2.0]);
    if !close(got, 2.0, 1e-12) {
        return Err(format!(
            "perplexity([0, 2 ln 2]) = exp(ln 2) = 2, nhận {got}.\nGợi ý: lấy exp của trung bình, không phải trung bình của exp."
        ));
    }
    Ok(())
}
