//! Hình chương 7: đường cong mất mát, độ lớn gradient tới E theo nhánh, và ma trận chú ý đã học.

use plotters::prelude::*;

use super::style::{self, plot_err, Axes, Series, FONT};
use super::Figure;
use crate::error::Result;
use crate::experiments::gpt::{book_run, BOOK_RUN, SAMPLE};
use crate::transformer::model::forward;
use crate::transformer::train::{achievable_loss, StepRecord};

/// Các hình của chương 7.
pub const FIGURES: &[Figure] = &[
    Figure {
        name: "transformer_loss_curve",
        caption: "Mất mát trung bình mỗi token của GPT nhỏ (V = 9, d = 16, một khối Transformer: attention + MLP) theo bước Adam trên kho «lặp lại»: từ mốc đoán đều ln V xuống sát mức tối ưu ½ ln(V − 1) — mức chỉ đạt được khi attention nhìn lại nửa đầu chuỗi.",
        render: loss_curve,
    },
    Figure {
        name: "gradient_routes",
        caption: "Chuẩn Frobenius của gradient (trung bình mỗi token, trung bình trượt 10 bước) tới ma trận E theo từng nhánh, và tới ma trận embedding vị trí E_{pos}, trong cùng lần huấn luyện. E dùng chung nhận tổng của nhánh ra (unembedding) và nhánh vào (tra cứu); đường của E_{pos} gần như trùng đường của nhánh vào.",
        render: gradient_routes,
    },
    Figure {
        name: "attention_pattern",
        caption: "Trọng số chú ý A của mô hình đã huấn luyện trên chuỗi mẫu BOS 3 5 1 8 3 5 1 8 (hàng: vị trí đang dự đoán, cột: vị trí được đọc; ô càng xanh thì trọng số càng gần 1, ô cùng màu nền là gần 0, ô gạch chéo bị mặt nạ nhân quả che). Ở nửa sau, vị trí t đọc vị trí t − 3, nơi có token kế tiếp cần chép; ở nửa đầu không có gì để chép (token kế tiếp độc lập với quá khứ), nên nhìn vào đâu cũng như nhau.",
        render: attention_pattern,
    },
];

fn series(h: &[StepRecord], label: &str, f: fn(&StepRecord) -> f64) -> Series {
    Series {
        label: label.to_string(),
        points: h
            .iter()
            .enumerate()
            .map(|(i, r)| (i as f64, f(r)))
            .collect(),
    }
}

fn loss_curve() -> Result<String> {
    let h = &book_run()?.history;
    let steps = h.len() as f64;
    let uniform = (BOOK_RUN.model.vocab as f64).ln();
    let best = achievable_loss(BOOK_RUN.model.vocab)?;
    let flat = |label: &str, y: f64| Series {
        label: label.to_string(),
        points: vec![(0.0, y), (steps, y)],
    };
    style::line_chart(
        &Axes {
            title: "Huấn luyện GPT nhỏ trên kho «lặp lại»",
            x_label: "bước Adam",
            y_label: "mất mát mỗi token (nat)",
            x_range: 0.0..steps,
            y_range: 0.0..2.6,
        },
        &[
            series(h, "mất mát (batch 16 chuỗi)", |r| r.loss),
            flat("đoán đều ln 𝑉", uniform),
            flat("tối ưu ½ ln(𝑉 − 1)", best),
        ],
    )
}

/// Trung bình trượt `WINDOW` bước (cửa sổ lùi), để nhiễu của từng batch không che xu hướng.
const WINDOW: usize = 10;

fn smoothed(h: &[StepRecord], label: &str, f: fn(&StepRecord) -> f64) -> Series {
    let points = (0..h.len())
        .map(|i| {
            let w = &h[(i + 1).saturating_sub(WINDOW)..=i];
            (i as f64, w.iter().map(f).sum::<f64>() / w.len() as f64)
        })
        .collect();
    Series {
        label: label.to_string(),
        points,
    }
}

fn gradient_routes() -> Result<String> {
    let h = &book_run()?.history;
    let all = [
        smoothed(h, "nhánh ra (unembedding)", |r| r.output),
        smoothed(h, "embedding vị trí E_{pos}", |r| r.position),
        smoothed(h, "nhánh vào (tra cứu)", |r| r.input),
        smoothed(h, "E dùng chung (tổng)", |r| r.tied),
    ];
    let top = all
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .fold(0.0, f64::max)
        * 1.05;
    style::line_chart(
        &Axes {
            title: "Gradient tới E theo từng nhánh",
            x_label: "bước Adam",
            y_label: "chuẩn Frobenius (trung bình trượt 10 bước)",
            x_range: 0.0..h.len() as f64,
            y_range: 0.0..top,
        },
        &all,
    )
}

fn attention_pattern() -> Result<String> {
    let run = book_run()?;
    let fwd = forward(&run.params, &SAMPLE)?;
    let att = fwd.attention().clone();
    let n = att.nrows();
    let labels: Vec<String> = SAMPLE[..n]
        .iter()
        .enumerate()
        .map(|(t, &x)| {
            if x == 0 {
                format!("{t}:BOS")
            } else {
                format!("{t}:{x}")
            }
        })
        .collect();
    // ô (i, j) có tâm tại (j, n − 1 − i): hàng 0 ở trên cùng
    let label = |v: f64, flip: bool| {
        let k = v.round();
        if (v - k).abs() > 1e-9 || k < 0.0 || k >= n as f64 {
            return String::new();
        }
        let idx = if flip { n - 1 - k as usize } else { k as usize };
        labels[idx].clone()
    };
    let edge = n as f64 - 0.5;
    style::svg((560, 520), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption("Trọng số chú ý sau huấn luyện", (FONT, 22))
            .margin(14)
            .x_label_area_size(50)
            .y_label_area_size(70)
            .build_cartesian_2d(-0.5..edge, -0.5..edge)
            .map_err(plot_err)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_desc("vị trí được đọc 𝑗")
            .y_desc("vị trí đọc 𝑖")
            .x_labels(n)
            .y_labels(n)
            .x_label_formatter(&|v| label(*v, false))
            .y_label_formatter(&|v| label(*v, true))
            .label_style((FONT, style::LABEL))
            .draw()
            .map_err(plot_err)?;
        let blue = style::color(0);
        let shade = |c: u8, a: f64| (255.0 - a * (255.0 - f64::from(c))).round() as u8;
        chart
            .draw_series(
                (0..n)
                    .flat_map(|i| (0..n).map(move |j| (i, j)))
                    .map(|(i, j)| {
                        let a = att[[i, j]];
                        let fill = if j > i {
                            WHITE // bị mặt nạ nhân quả che: gạch chéo bên dưới
                        } else {
                            RGBColor(shade(blue.0, a), shade(blue.1, a), shade(blue.2, a))
                        };
                        let (x, y) = (j as f64, (n - 1 - i) as f64);
                        Rectangle::new([(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)], fill.filled())
                    }),
            )
            .map_err(plot_err)?;
        // Ô bị mặt nạ che: ba nét gạch chéo — nhận ra được bằng hình dạng ở mọi chủ đề màu.
        chart
            .draw_series(
                (0..n)
                    .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
                    .flat_map(|(i, j)| {
                        let (x, y) = (j as f64, (n - 1 - i) as f64);
                        [-0.5, 0.0, 0.5].map(|c: f64| {
                            let (u0, v0) = (c.max(0.0), (-c).max(0.0));
                            let (u1, v1) = ((1.0 + c).min(1.0), (1.0 - c).min(1.0));
                            let (x0, y0) = (x - 0.5, y - 0.5);
                            PathElement::new(
                                vec![(x0 + u0, y0 + v0), (x0 + u1, y0 + v1)],
                                RGBColor(120, 120, 120).stroke_width(1),
                            )
                        })
                    }),
            )
            .map_err(plot_err)?;
        Ok(())
    })
}
