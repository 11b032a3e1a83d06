//! Bộ kiểm bài tập chương 4. Tham chiếu: công thức ngây thơ ở miền an toàn và khai triển tiệm cận
//! cho log σ; sai phân trung tâm của mất mát tính ngây thơ cho gradient; biểu thức nguyên văn
//! `(√(f/t) + 1)·t/f` của mã C word2vec cho xác suất giữ.

use super::{all_close, central_gradient, close};
use crate::{solutions, stubs, Exercise};

/// Các bài tập chương 4.
pub const EXERCISES: &[Exercise] = &[
    Exercise {
        id: "4.1",
        function: "log_sigmoid",
        stub_source: include_str!("../stubs/negative_sampling.rs"),
        check_stub: || check_log_sigmoid(stubs::negative_sampling::log_sigmoid),
        check_solution: || check_log_sigmoid(solutions::negative_sampling::log_sigmoid),
    },
    Exercise {
        id: "4.2",
        function: "sgns_loss_and_grad",
        stub_source: include_str!("../stubs/negative_sampling.rs"),
        check_stub: || check_sgns(stubs::negative_sampling::sgns_loss_and_grad),
        check_solution: || check_sgns(solutions::negative_sampling::sgns_loss_and_grad),
    },
    Exercise {
        id: "4.3",
        function: "keep_probability",
        stub_source: include_str!("../stubs/negative_sampling.rs"),
        check_stub: || check_keep(stubs::negative_sampling::keep_probability),
        check_solution: || check_keep(solutions::negative_sampling::keep_probability),
    },
    Exercise {
        id: "4.4",
        function: "sgns_optimum",
        stub_source: include_str!("../stubs/negative_sampling.rs"),
        check_stub: || check_sgns_optimum(stubs::negative_sampling::sgns_optimum),
        check_solution: || check_sgns_optimum(solutions::negative_sampling::sgns_optimum),
    },
];

fn check_log_sigmoid(f: fn(f64) -> f64) -> Result<(), String> {
    for x in [-30.0_f64, -3.0, -0.5, 0.0, 0.5, 3.0, 30.0] {
        let want = -(1.0 + (-x).exp()).ln();
        if !close(f(x), want, 1e-12) {
            return Err(format!("log σ({x}) = {}, cần {want}", f(x)));
        }
    }
    for (x, want) in [(-1000.0, -1000.0), (-800.0, -800.0), (1000.0, 0.0)] {
        if !close(f(x), want, 1e-12) {
            return Err(format!(
                "log σ({x}) = {}, cần {want}.\nGợi ý: e^{{1000}} tràn số; với x âm viết log σ(x) = x − ln(1 + e^x).",
                f(x)
            ));
        }
    }
    let x = 40.0_f64;
    if (f(x) + (-x).exp()).abs() > 1e-12 * (-x).exp() {
        return Err(format!(
            "log σ(40) = {:e}, cần ≈ −e^{{−40}} = {:e}.\nGợi ý: ln(1 + ε) mất chính xác khi ε nhỏ; dùng ln_1p.",
            f(x),
            -(-x).exp()
        ));
    }
    Ok(())
}

/// Mất mát SGNS tính ngây thơ (chỉ dùng ở miền an toàn), làm tham chiếu độc lập.
fn naive_loss(v: &[f64], u_c: &[f64], negs: &[Vec<f64>]) -> f64 {
    let dot = |a: &[f64]| a.iter().zip(v).map(|(x, y)| x * y).sum::<f64>();
    let sig = |s: f64| 1.0 / (1.0 + (-s).exp());
    -sig(dot(u_c)).ln() - negs.iter().map(|n| (1.0 - sig(dot(n))).ln()).sum::<f64>()
}

type SgnsFn = fn(&[f64], &[f64], &[Vec<f64>]) -> (f64, Vec<f64>);

fn check_sgns(f: SgnsFn) -> Result<(), String> {
    let v = vec![0.5, -0.2, 0.1];
    let u_c = vec![0.4, 0.1, -0.3];
    let negs = vec![vec![-0.6, 0.3, 0.2], vec![0.7, -0.1, 0.5]];
    let (loss, grad) = f(&v, &u_c, &negs);
    let want = naive_loss(&v, &u_c, &negs);
    if !close(loss, want, 1e-12) {
        return Err(format!(
            "L = {loss}, cần {want}.\nGợi ý: L = −J là số dương; mẫu âm dùng log σ(−s_k), không phải log σ(s_k)."
        ));
    }
    let h = 1e-6;
    let numeric: Vec<f64> = (0..v.len())
        .map(|i| {
            let (mut p, mut m) = (v.clone(), v.clone());
            p[i] += h;
            m[i] -= h;
            (naive_loss(&p, &u_c, &negs) - naive_loss(&m, &u_c, &negs)) / (2.0 * h)
        })
        .collect();
    if !all_close(&grad, &numeric, 1e-6) {
        return Err(format!(
            "∂L/∂v_w = {grad:?}, sai phân trung tâm cho {numeric:?}.\nGợi ý: gradient của mất mát (không phải của J): (σ(s_c) − 1)·u_c + Σ σ(s_k)·u_n."
        ));
    }
    Ok(())
}

fn check_keep(f: fn(u64, u64, f64) -> f64) -> Result<(), String> {
    let (total, t) = (1_000_000u64, 1e-4);
    for count in [100_000u64, 10_000, 1_000, 300, 200, 100, 1] {
        let freq = count as f64 / total as f64;
        let want = (((freq / t).sqrt() + 1.0) * t / freq).min(1.0);
        let got = f(count, total, t);
        if !close(got, want, 1e-12) {
            let paper = (t / freq).sqrt().min(1.0);
            let hint = if close(got, paper, 1e-12) {
                "bạn dùng √(t/f) của bài báo; mã C của word2vec dùng √(t/f) + t/f"
            } else {
                "xác suất giữ = min(1, √(t/f) + t/f), với f = count/total"
            };
            return Err(format!(
                "keep_probability({count}, {total}, {t}) = {got}, cần {want}.\nGợi ý: {hint}."
            ));
        }
    }
    Ok(())
}

/// Mục tiêu kỳ vọng (4.9) của một ô: `#(w,c) log σ(x) + K #(w) P_n(c) log σ(−x)`, tính thẳng.
fn cell_objective(n_wc: f64, neg_weight: f64, x: f64) -> f64 {
    let log_sigmoid = |t: f64| t.min(0.0) - (-t.abs()).exp().ln_1p();
    n_wc * log_sigmoid(x) + neg_weight * log_sigmoid(-x)
}

type SgnsOptimum = fn(&[Vec<f64>], f64, &[f64]) -> Vec<Vec<f64>>;

fn check_sgns_optimum(f: SgnsOptimum) -> Result<(), String> {
    let counts = vec![
        vec![8.0, 1.0, 3.0],
        vec![2.0, 6.0, 1.0],
        vec![1.0, 1.0, 9.0],
    ];
    // Nhiễu tuỳ ý (không phải unigram): định lý vẫn cho nghiệm theo từng ô.
    let noise = [0.5, 0.2, 0.3];
    let k = 5.0;
    let x = f(&counts, k, &noise);
    for (w, row) in counts.iter().enumerate() {
        let total: f64 = row.iter().sum();
        for (c, &n_wc) in row.iter().enumerate() {
            let neg = k * total * noise[c];
            let xs = x.get(w).and_then(|r| r.get(c)).copied().unwrap_or(f64::NAN);
            let slope = central_gradient(&|t: &[f64]| cell_objective(n_wc, neg, t[0]), &[xs])[0];
            let better = [xs - 0.1, xs + 0.1]
                .iter()
                .any(|&t| cell_objective(n_wc, neg, t) > cell_objective(n_wc, neg, xs));
            if !xs.is_finite() || slope.abs() > 1e-6 * (n_wc + neg) || better {
                return Err(format!(
                    "ô ({w}, {c}): x* = {xs}, nhưng đạo hàm của mục tiêu (4.9) ở đó là {slope} (sai phân trung tâm).\nGợi ý: mục tiêu là tổng các hàm một biến; đặt đạo hàm theo x_wc bằng 0, dùng σ'(x) = σ(x)σ(−x)."
                ));
            }
        }
    }
    Ok(())
}
