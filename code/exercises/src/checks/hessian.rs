//! Bộ kiểm bài tập chương 5. Tham chiếu: sai phân trung tâm của gradient P − y (bộ kiểm tự tính), tính chất
//! H·1 = 0, và phương sai của phần lệch đã biết (bất biến khi dời mọi v_i cùng một hằng số).

use super::{all_close, central_gradient, close, pseudo_random, softmax_ref};
use crate::{solutions, stubs, Exercise};

/// Các bài tập chương 5.
pub const EXERCISES: &[Exercise] = &[
    Exercise {
        id: "5.1",
        function: "hessian",
        stub_source: include_str!("../stubs/hessian.rs"),
        check_stub: || check_hessian(stubs::hessian::hessian),
        check_solution: || check_hessian(solutions::hessian::hessian),
    },
    Exercise {
        id: "5.2",
        function: "variance",
        stub_source: include_str!("../stubs/hessian.rs"),
        check_stub: || check_variance(stubs::hessian::variance),
        check_solution: || check_variance(solutions::hessian::variance),
    },
    Exercise {
        id: "5.3",
        function: "z_loss",
        stub_source: include_str!("../stubs/hessian.rs"),
        check_stub: || check_z_loss(stubs::hessian::z_loss),
        check_solution: || check_z_loss(solutions::hessian::z_loss),
    },
];

fn check_hessian(f: fn(&[f64]) -> Vec<Vec<f64>>) -> Result<(), String> {
    let step = 1e-6;
    for z in [
        vec![0.0, 0.0],
        vec![1.0, -2.0, 0.5],
        vec![2.0, 1.0, 0.0, -1.0],
    ] {
        let h = f(&z);
        if h.len() != z.len() {
            return Err(format!("H phải có {} hàng, nhận {}", z.len(), h.len()));
        }
        for j in 0..z.len() {
            let (mut plus, mut minus) = (z.clone(), z.clone());
            plus[j] += step;
            minus[j] -= step;
            let (pp, pm) = (softmax_ref(&plus), softmax_ref(&minus));
            // Cột j của H = ∂(P − y)/∂z_j (y không phụ thuộc z).
            let numeric: Vec<f64> = pp
                .iter()
                .zip(&pm)
                .map(|(a, b)| (a - b) / (2.0 * step))
                .collect();
            let column: Vec<f64> = h.iter().map(|row| row[j]).collect();
            if !all_close(&column, &numeric, 1e-6) {
                return Err(format!(
                    "z = {z:?}: cột {j} của H = {column:?}, sai phân của P − y cho {numeric:?}.\nGợi ý: H_ii = P_i(1 − P_i), H_ij = −P_i P_j."
                ));
            }
        }
    }
    let h = f(&[0.0, 40.0]);
    for (i, row) in h.iter().enumerate() {
        let sum: f64 = row.iter().sum();
        if sum.abs() > 1e-3 * row[i].abs().max(f64::MIN_POSITIVE) {
            return Err(format!(
                "z = (0, 40): hàng {i} của H = {row:?} có tổng {sum:e}, cần 0 (H·1 = 0).\nGợi ý: P_1 làm tròn thành đúng 1 nên 1 − P_1 = 0; dùng P_i(1 − P_i) = P_i Σ_{{j≠i}} P_j."
            ));
        }
    }
    Ok(())
}

fn check_variance(f: fn(&[f64], &[f64]) -> f64) -> Result<(), String> {
    let p = [0.1, 0.2, 0.3, 0.4];
    let u = [1.0, -2.0, 0.5, 3.0];
    // Phương sai của u theo P, tính bằng định nghĩa với số hữu tỉ đơn giản.
    let mean = 0.1 * 1.0 + 0.2 * -2.0 + 0.3 * 0.5 + 0.4 * 3.0;
    let want: f64 = p
        .iter()
        .zip(u)
        .map(|(pi, ui)| pi * (ui - mean) * (ui - mean))
        .sum();
    let got = f(&p, &u);
    if !close(got, want, 1e-12) {
        return Err(format!(
            "Var_P(u) với P = {p:?}, u = {u:?}: cần {want}, nhận {got}"
        ));
    }
    if f(&p, &[7.0; 4]).abs() > 1e-12 {
        return Err("vector hằng có phương sai 0 (đó là H·1 = 0)".into());
    }
    let shifted: Vec<f64> = u.iter().map(|x| x + 1e8).collect();
    let got = f(&p, &shifted);
    if !close(got, want, 1e-6) {
        return Err(format!(
            "dời mọi v_i thêm 1e8 không được đổi phương sai: cần {want}, nhận {got}.\nGợi ý: E[v²] − E[v]² triệt tiêu chữ số khi v lớn; hãy tính trung bình trước rồi cộng P_i (v_i − m)²."
        ));
    }
    Ok(())
}

/// z-loss tính thẳng theo định nghĩa: tham chiếu cho sai phân trung tâm.
fn z_loss_reference(z: &[f64], y: usize, alpha: f64) -> f64 {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let log_z = m + z.iter().map(|&v| (v - m).exp()).sum::<f64>().ln();
    log_z - z[y] + alpha * log_z * log_z
}

type ZLoss = fn(&[f64], usize, f64) -> (f64, Vec<f64>);

fn check_z_loss(f: ZLoss) -> Result<(), String> {
    for (seed, alpha) in [(21, 1e-2), (22, 0.0), (23, 0.5)] {
        let z: Vec<f64> = pseudo_random(seed, 5).iter().map(|v| 5.0 * v).collect();
        let (loss, grad) = f(&z, 1, alpha);
        let want = z_loss_reference(&z, 1, alpha);
        if !close(loss, want, 1e-10) {
            return Err(format!("α = {alpha}: mất mát {loss}, cần {want}.\nGợi ý: L = log Z − z_y + α (log Z)², log Z tính bằng log-sum-exp."));
        }
        let fd = central_gradient(&|x| z_loss_reference(x, 1, alpha), &z);
        if !all_close(&grad, &fd, 1e-6) {
            return Err(format!("α = {alpha}: gradient {grad:?} lệch sai phân trung tâm {fd:?}.\nGợi ý: ∂ log Z/∂z_i = P_i."));
        }
    }
    // Cộng cùng một hằng số vào mọi logit: entropy chéo không đổi, nhưng z-loss thì đổi — nó kéo log Z về 0.
    let (a, _) = f(&[1.0, 2.0, 3.0], 0, 0.1);
    let (b, _) = f(&[101.0, 102.0, 103.0], 0, 0.1);
    if b <= a {
        return Err(format!(
            "dịch mọi logit lên 100 phải làm z-loss tăng ({a} → {b})."
        ));
    }
    let (big, g) = f(&[1000.0, -1000.0, 0.0], 1, 1e-4);
    if !big.is_finite() || g.iter().any(|v| !v.is_finite()) {
        return Err(format!("logit ±1000 cho {big}, {g:?}: cần hữu hạn."));
    }
    Ok(())
}
