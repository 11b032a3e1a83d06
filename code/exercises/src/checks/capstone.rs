//! Bộ kiểm bài tổng hợp chương 10. Tham chiếu độc lập: mất mát tính lại từ định nghĩa, và gradient bằng
//! sai phân hữu hạn trung tâm của mất mát đó — không dùng công thức gradient nào.

use super::close;
use crate::{solutions, stubs, Exercise};

/// Bài tập chương 10.
pub const EXERCISES: &[Exercise] = &[Exercise {
    id: "10.1",
    function: "tied_bigram_step",
    stub_source: include_str!("../stubs/capstone.rs"),
    check_stub: || check_tied_bigram_step(stubs::capstone::tied_bigram_step),
    check_solution: || check_tied_bigram_step(solutions::capstone::tied_bigram_step),
}];

type Step = fn(&mut [Vec<f64>], &[(usize, usize)], f64) -> f64;

/// Mất mát trung bình theo định nghĩa: `−log softmax(E e_x)_y`, log-sum-exp ổn định.
fn reference_loss(e: &[Vec<f64>], pairs: &[(usize, usize)]) -> f64 {
    let mut total = 0.0;
    for &(x, y) in pairs {
        let z: Vec<f64> = e
            .iter()
            .map(|r| r.iter().zip(&e[x]).map(|(a, b)| a * b).sum())
            .collect();
        let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        total += m + z.iter().map(|zi| (zi - m).exp()).sum::<f64>().ln() - z[y];
    }
    total / pairs.len() as f64
}

fn check_tied_bigram_step(f: Step) -> Result<(), String> {
    let start: Vec<Vec<f64>> = (0..5)
        .map(|i| {
            (0..3)
                .map(|k| ((i * 3 + k) as f64 * 0.7).sin() * 0.8)
                .collect()
        })
        .collect();
    let pairs = [(0, 1), (1, 2), (2, 0), (3, 3), (4, 1), (0, 1)];
    let lr = 1e-3;
    let mut e = start.clone();
    let got_loss = f(&mut e, &pairs, lr);
    let want_loss = reference_loss(&start, &pairs);
    if !close(got_loss, want_loss, 1e-10) {
        return Err(format!(
            "mất mát trả về {got_loss}, cần {want_loss} (mất mát trung bình *trước* khi cập nhật)"
        ));
    }
    let h = 1e-6;
    for i in 0..start.len() {
        for k in 0..start[0].len() {
            let mut plus = start.clone();
            plus[i][k] += h;
            let mut minus = start.clone();
            minus[i][k] -= h;
            let g = (reference_loss(&plus, &pairs) - reference_loss(&minus, &pairs)) / (2.0 * h);
            let want = start[i][k] - lr * g;
            if (e[i][k] - want).abs() > 1e-9 {
                let hint = if pairs.iter().any(|&(x, _)| x == i) {
                    "hàng này là embedding đầu vào của một cặp: bạn đã cộng nhánh vào Σ_i (P_i − y_i) e_i chưa?"
                } else {
                    "hàng này chỉ nhận gradient nhánh ra (P_i − y_i) e_x: kiểm dấu và phép chia cho số cặp"
                };
                return Err(format!(
                    "E[{i}][{k}] sau bước = {}, cần {want} (gradient sai phân hữu hạn {g}).\nGợi ý: {hint}",
                    e[i][k]
                ));
            }
        }
    }
    Ok(())
}
