//! Bộ kiểm bài tập chương 5. Tham chiếu: sai phân trung tâm của gradient P − y (bộ kiểm tự tính), tính chất
//! H·1 = 0, và phương sai của phần lệch đã biết (bất biến khi dời mọi v_i cùng một hằng số).

use super::{all_close, close, softmax_ref};
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
