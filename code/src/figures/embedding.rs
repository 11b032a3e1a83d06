//! Hình chương 1: tỉ lệ tham số nằm trong ma trận embedding ở các cỡ GPT-2.

use plotters::prelude::*;

use super::style::{self, plot_err, FONT};
use super::Figure;
use crate::embedding::{gpt2_parameters, parameter_bytes, GPT2_SIZES, GPT2_VOCAB};
use crate::error::Result;
use crate::numfmt::vi;

/// Các hình của chương 1.
pub const FIGURES: &[Figure] = &[Figure {
    name: "embedding_share",
    caption: "Tỉ lệ tham số của GPT-2 nằm trong ma trận embedding E (V = 50.257): lớn ở mô hình nhỏ, giảm dần khi d và số tầng tăng.",
    render: embedding_share,
}];

fn embedding_share() -> Result<String> {
    let shares: Vec<(&str, f64)> = GPT2_SIZES
        .iter()
        .map(|&(name, layers, d)| {
            let (params, _) = parameter_bytes(GPT2_VOCAB, d, 4)?;
            Ok((
                name,
                100.0 * params as f64 / gpt2_parameters(layers, d)? as f64,
            ))
        })
        .collect::<Result<_>>()?;
    style::svg(style::SIZE, |root| {
        let mut chart = ChartBuilder::on(root)
            .caption("Phần tham số nằm trong E ở GPT-2", (FONT, 22))
            .margin(14)
            .x_label_area_size(44)
            .y_label_area_size(60)
            .build_cartesian_2d(-0.5f64..3.5f64, 0f64..40f64)
            .map_err(plot_err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(4)
            .x_label_formatter(&|x| {
                let i = x.round() as usize;
                GPT2_SIZES
                    .get(i)
                    .map_or(String::new(), |s| format!("GPT-2 {}", s.0))
            })
            .y_desc("% tham số")
            .y_label_formatter(&style::tick)
            .label_style((FONT, 15))
            .draw()
            .map_err(plot_err)?;
        chart
            .draw_series(shares.iter().enumerate().map(|(i, &(_, s))| {
                let x = i as f64;
                Rectangle::new([(x - 0.3, 0.0), (x + 0.3, s)], style::color(0).filled())
            }))
            .map_err(plot_err)?;
        chart
            .draw_series(shares.iter().enumerate().map(|(i, &(_, s))| {
                Text::new(
                    format!("{}%", vi(s, 1)),
                    (i as f64 - 0.15, s + 2.2),
                    (FONT, 16),
                )
            }))
            .map_err(plot_err)?;
        Ok(())
    })
}
