//! Bộ kiểm bài tập chương 9. Tham chiếu: công thức Pearson một lượt, các cấu hình điểm trên đường
//! tròn có đáp án tính tay, và các trường hợp trực giao / cùng hướng / ngược hướng.

use super::close;
use crate::{solutions, stubs, Exercise};

/// Các bài tập chương 9.
pub const EXERCISES: &[Exercise] = &[
    Exercise {
        id: "9.1",
        function: "correlation",
        stub_source: include_str!("../stubs/geometry.rs"),
        check_stub: || check_correlation(stubs::geometry::correlation),
        check_solution: || check_correlation(solutions::geometry::correlation),
    },
    Exercise {
        id: "9.2",
        function: "neighbour_purity",
        stub_source: include_str!("../stubs/geometry.rs"),
        check_stub: || check_purity(stubs::geometry::neighbour_purity),
        check_solution: || check_purity(solutions::geometry::neighbour_purity),
    },
    Exercise {
        id: "9.3",
        function: "anisotropy",
        stub_source: include_str!("../stubs/geometry.rs"),
        check_stub: || check_anisotropy(stubs::geometry::anisotropy),
        check_solution: || check_anisotropy(solutions::geometry::anisotropy),
    },
];

fn check_correlation(f: fn(&[f64], &[f64]) -> f64) -> Result<(), String> {
    let a = [3.0, 4.0, 5.0, 6.0, 1.0];
    let b = [13.0, 12.0, 15.0, 14.0, 9.0];
    let n = a.len() as f64;
    let (sx, sy) = (a.iter().sum::<f64>(), b.iter().sum::<f64>());
    let sxy: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
    let sxx: f64 = a.iter().map(|x| x * x).sum();
    let syy: f64 = b.iter().map(|y| y * y).sum();
    let want = (n * sxy - sx * sy) / ((n * sxx - sx * sx) * (n * syy - sy * sy)).sqrt();
    let got = f(&a, &b);
    if !close(got, want, 1e-12) {
        return Err(format!(
            "correlation = {got}, công thức Pearson cho {want}.\nGợi ý: mỗi dãy trừ trung bình của chính nó trước khi tính cosine."
        ));
    }
    let shifted: Vec<f64> = b.iter().map(|y| 3.0 * y + 100.0).collect();
    if !close(f(&a, &shifted), want, 1e-12) {
        return Err("tương quan không đổi khi một dãy bị co giãn (×3) và tịnh tiến (+100).".into());
    }
    Ok(())
}

fn ring(angles_deg: &[f64]) -> Vec<Vec<f64>> {
    angles_deg
        .iter()
        .map(|d| vec![d.to_radians().cos(), d.to_radians().sin()])
        .collect()
}

fn check_purity(f: fn(&[Vec<f64>], &[usize], usize) -> f64) -> Result<(), String> {
    // tám điểm đều trên đường tròn, nhãn xen kẽ: hai láng giềng gần nhất luôn khác nhãn
    let alternating = ring(&[0.0, 45.0, 90.0, 135.0, 180.0, 225.0, 270.0, 315.0]);
    let labels = [0, 1, 0, 1, 0, 1, 0, 1];
    let got = f(&alternating, &labels, 2);
    if !close(got, 0.0, 1e-12) {
        return Err(format!(
            "nhãn xen kẽ trên đường tròn: mọi láng giềng gần nhất khác nhãn, purity@2 = 0, nhận {got}"
        ));
    }
    // hai cặp: 0° và 10° (nhãn 0), 90° và 100° (nhãn 1); với k = 2 mỗi điểm có 1 láng giềng cùng nhãn
    let pairs = ring(&[0.0, 10.0, 90.0, 100.0]);
    let got = f(&pairs, &[0, 0, 1, 1], 2);
    if !close(got, 0.5, 1e-12) {
        return Err(format!(
            "bốn điểm ở 0°, 10°, 90°, 100°: purity@2 = 1/2, nhận {got}.\nGợi ý: không tính chính điểm i là láng giềng của nó."
        ));
    }
    let got = f(&pairs, &[0, 0, 1, 1], 1);
    if !close(got, 1.0, 1e-12) {
        return Err(format!("cùng bốn điểm, purity@1 = 1, nhận {got}"));
    }
    Ok(())
}

fn check_anisotropy(f: fn(&[Vec<f64>]) -> f64) -> Result<(), String> {
    let axes = vec![
        vec![1.0, 0.0, 0.0],
        vec![0.0, 2.0, 0.0],
        vec![0.0, 0.0, 3.0],
    ];
    if !close(f(&axes), 0.0, 1e-12) {
        return Err("các trục toạ độ trực giao: mọi cosine bằng 0, A = 0".into());
    }
    let same = vec![vec![1.0, 2.0], vec![2.0, 4.0], vec![0.5, 1.0]];
    if !close(f(&same), 1.0, 1e-12) {
        return Err("các vector cùng hướng (khác độ dài): A = 1.\nGợi ý: chuẩn hoá, cosine không phụ thuộc độ dài.".into());
    }
    let opposite = vec![vec![1.0, 1.0], vec![-2.0, -2.0]];
    let got = f(&opposite);
    if !close(got, -1.0, 1e-12) {
        return Err(format!(
            "hai vector ngược hướng: A = −1, nhận {got}.\nGợi ý: chia cho n(n − 1) cặp i ≠ j, không tính cặp i = j."
        ));
    }
    Ok(())
}
