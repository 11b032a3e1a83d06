//! Bộ kiểm bài tập chương 1.

use crate::{solutions, stubs, Exercise};

/// Các bài tập chương 1.
pub const EXERCISES: &[Exercise] = &[
    Exercise {
        id: "1.1",
        function: "lookup",
        stub_source: include_str!("../stubs/embedding.rs"),
        check_stub: || check_lookup(stubs::embedding::lookup),
        check_solution: || check_lookup(solutions::embedding::lookup),
    },
    Exercise {
        id: "1.2",
        function: "one_hot_lookup",
        stub_source: include_str!("../stubs/embedding.rs"),
        check_stub: || check_one_hot_lookup(stubs::embedding::one_hot_lookup),
        check_solution: || check_one_hot_lookup(solutions::embedding::one_hot_lookup),
    },
];

type Lookup = fn(&[Vec<f64>], usize) -> Option<Vec<f64>>;

/// Ma trận thử 4×3 với các giá trị phân biệt `E[i][j] = 10 i + j + 0.5`.
fn sample_matrix() -> Vec<Vec<f64>> {
    (0..4)
        .map(|i| (0..3).map(|j| 10.0 * i as f64 + j as f64 + 0.5).collect())
        .collect()
}

fn check_lookup(f: Lookup) -> Result<(), String> {
    let e = sample_matrix();
    for (w, row) in e.iter().enumerate() {
        match f(&e, w) {
            Some(got) if &got == row => {}
            got => {
                return Err(format!(
                    "lookup(E, {w}) = {got:?}, cần đúng hàng {w} của E: {row:?}"
                ))
            }
        }
    }
    if f(&e, 4).is_some() {
        return Err("token 4 nằm ngoài từ vựng V = 4: cần trả None thay vì một hàng".into());
    }
    Ok(())
}

fn check_one_hot_lookup(f: Lookup) -> Result<(), String> {
    let e = sample_matrix();
    for (w, row) in e.iter().enumerate() {
        match f(&e, w) {
            Some(got) if super::all_close(&got, row, 1e-15) => {}
            got => {
                return Err(format!(
                    "x_{w}ᵀE = {got:?}, cần bằng hàng {w}: {row:?} (phép nhân với vector one-hot chọn đúng một hàng)"
                ))
            }
        }
    }
    if f(&e, 7).is_some() {
        return Err("token 7 ≥ V: cần trả None".into());
    }
    let ragged = vec![vec![1.0, 2.0], vec![3.0]];
    if f(&ragged, 0).is_some() {
        return Err("các hàng không cùng độ dài thì E không phải ma trận: cần trả None".into());
    }
    Ok(())
}
