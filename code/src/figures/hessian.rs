//! Hình chương 5: lát cắt một chiều của ví dụ không lồi; phổ trị riêng của H xen kẽ với các xác suất.

use super::style::{self, Axes, Series};
use super::Figure;
use crate::error::Result;
use crate::hessian::{saddle_loss, softmax_hessian, symmetric_eigenvalues};
use crate::softmax::softmax;

/// Các hình của chương 5.
pub const FIGURES: &[Figure] = &[
    Figure {
        name: "nonconvex_slice",
        caption: "Lát cắt một chiều của L(h, a, b) = log(1 + exp(h(b − a))) (5.6) qua gốc θ = 0. Dọc vector riêng của trị riêng âm, v_{−} = (√½, ½, −½), L đạt cực đại tại t = 0 rồi giảm về cả hai phía: không lồi. Dọc vector riêng của trị riêng dương, v_{+} = (√½, −½, ½), L là cực tiểu tại 0. Gốc là một điểm yên ngựa.",
        render: nonconvex_slice,
    },
    Figure {
        name: "hessian_spectrum",
        caption: "Phổ của ℋ = diag(P) − PPᵀ (5.1) cho logit z = (2,5; 2; 1,2; 0,5; 0; −0,4; −1; −2): các trị riêng λ_{k} (giảm dần) nằm xen giữa các xác suất đã sắp P_{(k)} ≥ λ_{k} ≥ P_{(k+1)} (5.5); trị riêng cuối bằng 0 ứng với hướng 1 (5.3).",
        render: hessian_spectrum,
    },
];

/// Vector riêng (chuẩn hoá) của trị riêng −1/√2 và +1/√2 của Hessian (5.6) tại gốc.
const DOWN: [f64; 3] = [std::f64::consts::FRAC_1_SQRT_2, 0.5, -0.5];
const UP: [f64; 3] = [std::f64::consts::FRAC_1_SQRT_2, -0.5, 0.5];

fn nonconvex_slice() -> Result<String> {
    let mut series = Vec::new();
    for (label, v) in [
        ("dọc 𝐯_{−} (trị riêng −1∕√2)", DOWN),
        ("dọc 𝐯_{+} (trị riêng +1∕√2)", UP),
    ] {
        let mut points = Vec::new();
        for k in -100..=100 {
            let t = f64::from(k) / 40.0;
            let theta: Vec<f64> = v.iter().map(|x| t * x).collect();
            points.push((t, saddle_loss(&theta)?));
        }
        series.push(Series {
            label: label.into(),
            points,
        });
    }
    style::line_chart(
        &Axes {
            title: "Lát cắt ℒ(𝑡𝐯) qua điểm yên ngựa 𝛉 = 0",
            x_label: "𝑡",
            y_label: "ℒ (nat)",
            x_range: -2.5..2.5,
            y_range: 0.0..4.6,
        },
        &series,
    )
}

/// Logit của hình phổ.
const SPECTRUM_LOGITS: [f64; 8] = [2.5, 2.0, 1.2, 0.5, 0.0, -0.4, -1.0, -2.0];

fn hessian_spectrum() -> Result<String> {
    let mut p = softmax(&SPECTRUM_LOGITS)?;
    p.sort_by(|a, b| b.total_cmp(a));
    let eig = symmetric_eigenvalues(&softmax_hessian(&SPECTRUM_LOGITS)?)?;
    let as_points = |v: &[f64]| -> Vec<(f64, f64)> {
        v.iter()
            .enumerate()
            .map(|(k, &x)| (k as f64 + 1.0, x))
            .collect()
    };
    style::line_chart(
        &Axes {
            title: "Trị riêng của ℋ xen kẽ với xác suất",
            x_label: "chỉ số 𝑘 (giảm dần)",
            y_label: "giá trị",
            x_range: 0.8..8.2,
            y_range: 0.0..0.5,
        },
        &[
            Series {
                label: "𝑃_{(𝑘)} (xác suất đã sắp)".into(),
                points: as_points(&p),
            },
            Series {
                label: "λ_{𝑘} (trị riêng của ℋ)".into(),
                points: as_points(&eig),
            },
        ],
    )
}
