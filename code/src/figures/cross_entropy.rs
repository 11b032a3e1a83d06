//! Hình chương 2: softmax dưới các nhiệt độ; mất mát −log p theo p.

use super::style::{self, tick, Axes, Series};
use super::Figure;
use crate::error::Result;
use crate::softmax::softmax_with_temperature;

/// Các hình của chương 2.
pub const FIGURES: &[Figure] = &[
    Figure {
        name: "softmax_temperature",
        caption: "Softmax của cùng một vector logit z = (2; 1; 0,5; 0; −1; −2) ở ba nhiệt độ: τ nhỏ làm phân phối nhọn về logit lớn nhất, τ lớn làm nó phẳng dần về phân phối đều.",
        render: softmax_temperature,
    },
    Figure {
        name: "loss_vs_probability",
        caption: "Mất mát L = −log p theo xác suất p mà mô hình gán cho token đúng: bằng 0 khi p = 1, tăng không giới hạn khi p → 0, và dốc nhất ở vùng p nhỏ.",
        render: loss_vs_probability,
    },
];

const LOGITS: [f64; 6] = [2.0, 1.0, 0.5, 0.0, -1.0, -2.0];

fn softmax_temperature() -> Result<String> {
    let mut series = Vec::new();
    for t in [0.5, 1.0, 2.0] {
        let p = softmax_with_temperature(&LOGITS, t)?;
        series.push(Series {
            label: format!("τ = {}", tick(&t)),
            points: p
                .iter()
                .enumerate()
                .map(|(i, &v)| (i as f64 + 1.0, v))
                .collect(),
        });
    }
    style::line_chart(
        &Axes {
            title: "Softmax với nhiệt độ τ",
            x_label: "chỉ số token 𝑖 (logit giảm dần)",
            y_label: "xác suất 𝑃_{τ}(𝑖)",
            x_range: 0.8..6.2,
            y_range: 0.0..0.9,
        },
        &series,
    )
}

fn loss_vs_probability() -> Result<String> {
    let points: Vec<(f64, f64)> = (1..=400)
        .map(|k| {
            let p = k as f64 / 400.0;
            (p, -p.ln())
        })
        .collect();
    style::line_chart(
        &Axes {
            title: "Mất mát −log 𝑝",
            x_label: "𝑝 = 𝑃(token đúng)",
            y_label: "ℒ = −log 𝑝 (nat)",
            x_range: 0.0..1.0,
            y_range: 0.0..6.0,
        },
        &[Series {
            label: String::new(),
            points,
        }],
    )
}
