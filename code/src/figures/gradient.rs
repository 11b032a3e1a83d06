//! Hình chương 3: một bước hạ gradient trên W trong 2-D; các thành phần của gradient P − y.

use ndarray::Array2;
use plotters::prelude::*;

use super::style::{self, plot_err, FONT};
use super::Figure;
use crate::error::Result;
use crate::gradient::{
    logit_gradient, output_logits, sgd_step_output, EXAMPLE_H, EXAMPLE_LR, EXAMPLE_TARGET,
    EXAMPLE_W,
};
use crate::numfmt::vi;

/// Các hình của chương 3.
pub const FIGURES: &[Figure] = &[
    Figure {
        name: "gradient_step_2d",
        caption: "Một bước hạ gradient (3.8) trên các hàng của U (V = 4, d = 2, η = 0,5, token đúng là w_{0}). Mũi tên xuất phát từ gốc toạ độ (nhãn h): vector ẩn h. Hàng đúng w_{0} được kéo về phía h một đoạn η(1 − P_{0})h; mỗi hàng khác bị đẩy ngược chiều h một đoạn ηP_{i}h — hàng có xác suất lớn (w_{1}) bị đẩy xa nhất, hàng gần như không được chọn (w_{3}) hầu như đứng yên.",
        render: gradient_step_2d,
    },
    Figure {
        name: "gradient_bars",
        caption: "Gradient theo logit ∂L ∕ ∂z = P − y (3.2) của ví dụ 2-D: thành phần của token đúng âm (bằng P_{0} − 1), các thành phần khác dương và bằng đúng xác suất P_{i}; tổng bằng 0.",
        render: gradient_bars,
    },
];

fn example_w() -> Array2<f64> {
    Array2::from_shape_fn((4, 2), |(i, k)| EXAMPLE_W[i][k])
}

fn arrow(from: (f64, f64), to: (f64, f64), color: RGBColor) -> PathElement<(f64, f64)> {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-12);
    let (ux, uy) = (dx / len, dy / len);
    let head = 0.12_f64.min(len / 2.0);
    let left = (to.0 - head * (ux + 0.5 * uy), to.1 - head * (uy - 0.5 * ux));
    let right = (to.0 - head * (ux - 0.5 * uy), to.1 - head * (uy + 0.5 * ux));
    PathElement::new(vec![from, to, left, to, right], color.stroke_width(3))
}

fn gradient_step_2d() -> Result<String> {
    let w = example_w();
    let w1 = sgd_step_output(w.view(), &EXAMPLE_H, EXAMPLE_TARGET, EXAMPLE_LR)?;
    style::svg((620, 560), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption("Một bước gradient: kéo hàng đúng, đẩy hàng sai", (FONT, 20))
            .margin(14)
            .x_label_area_size(36)
            .y_label_area_size(44)
            .build_cartesian_2d(-2.0f64..2.0f64, -1.8f64..1.8f64)
            .map_err(plot_err)?;
        chart
            .configure_mesh()
            .light_line_style(RGBColor(235, 235, 235))
            .x_label_formatter(&style::tick)
            .y_label_formatter(&style::tick)
            .label_style((FONT, style::LABEL))
            .draw()
            .map_err(plot_err)?;
        chart
            .draw_series([arrow((0.0, 0.0), (EXAMPLE_H[0], EXAMPLE_H[1]), BLACK)])
            .map_err(plot_err)?;
        chart
            .draw_series([Text::new(
                "𝐡",
                (EXAMPLE_H[0] + 0.05, EXAMPLE_H[1] + 0.05),
                (FONT, 20),
            )])
            .map_err(plot_err)?;
        for i in 0..4 {
            let c = style::color(if i == EXAMPLE_TARGET { 2 } else { 1 });
            let (a, b) = ((w[[i, 0]], w[[i, 1]]), (w1[[i, 0]], w1[[i, 1]]));
            chart
                .draw_series([Circle::new(a, 6, c.stroke_width(2))])
                .map_err(plot_err)?;
            chart
                .draw_series([Circle::new(b, 6, c.filled())])
                .map_err(plot_err)?;
            chart.draw_series([arrow(a, b, c)]).map_err(plot_err)?;
            let name = if i == EXAMPLE_TARGET {
                format!("𝑤_{{{i}}} (đúng)")
            } else {
                format!("𝑤_{{{i}}}")
            };
            chart
                .draw_series([Text::new(name, (a.0 - 0.25, a.1 - 0.12), (FONT, 17))])
                .map_err(plot_err)?;
        }
        chart
            .draw_series([Text::new(
                "○ trước bước   ● sau bước",
                (-1.95, 1.65),
                (FONT, 15),
            )])
            .map_err(plot_err)?;
        Ok(())
    })
}

fn gradient_bars() -> Result<String> {
    let z = output_logits(example_w().view(), &EXAMPLE_H)?;
    let g = logit_gradient(&z, EXAMPLE_TARGET)?;
    style::svg(style::SIZE, |root| {
        let mut chart = ChartBuilder::on(root)
            .caption("∂ℒ∕∂𝑧_{𝑖} = 𝑃_{𝑖} − 𝑦_{𝑖}", (FONT, style::TITLE))
            .margin(14)
            .x_label_area_size(44)
            .y_label_area_size(60)
            .build_cartesian_2d(-0.5f64..3.5f64, -1.0f64..1.0f64)
            .map_err(plot_err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(4)
            .x_label_formatter(&|x| format!("𝑧_{{{}}}", x.round() as usize))
            .y_label_formatter(&style::tick)
            .y_desc("𝑃_{𝑖} − 𝑦_{𝑖}")
            .x_desc("logit")
            .label_style((FONT, 15))
            .draw()
            .map_err(plot_err)?;
        chart
            .draw_series(g.iter().enumerate().map(|(i, &v)| {
                let x = i as f64;
                let c = style::color(if i == EXAMPLE_TARGET { 2 } else { 1 });
                Rectangle::new([(x - 0.3, 0.0), (x + 0.3, v)], c.filled())
            }))
            .map_err(plot_err)?;
        chart
            .draw_series(g.iter().enumerate().map(|(i, &v)| {
                let y = if v >= 0.0 { v + 0.11 } else { v - 0.02 };
                Text::new(
                    format!("{}{}", if v > 0.0 { "+" } else { "" }, vi(v, 3)),
                    (i as f64 - 0.18, y),
                    (FONT, 16),
                )
            }))
            .map_err(plot_err)?;
        chart
            .draw_series([PathElement::new(vec![(-0.5, 0.0), (3.5, 0.0)], BLACK)])
            .map_err(plot_err)?;
        Ok(())
    })
}
