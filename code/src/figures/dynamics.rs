//! Hình chương 8: chuẩn theo tần suất ở các mốc huấn luyện; tương quan hạng theo thời gian và độ dời
//! tương đối mỗi bước theo nhóm tần suất — cả hai biến thể (chia sẻ / không chia sẻ).

use plotters::prelude::*;

use super::style::{self, plot_err, Series, FONT};
use super::Figure;
use crate::dynamics::{row_norms, Tying};
use crate::error::Result;
use crate::experiments::{norm_frequency_spearman, relative_step, run_zipf, Run, BOOK_ZIPF};

/// Các hình của chương 8.
pub const FIGURES: &[Figure] = &[
    Figure {
        name: "norm_vs_frequency",
        caption: "Chuẩn ‖e_w‖ theo tần suất (trục log) của 120 token trên dòng Zipf (s = 1), ở bốn mốc huấn luyện. Trái: chia sẻ trọng số — chuẩn tăng theo tần suất và giữ nguyên thứ tự đó. Phải: không chia sẻ — token thường gặp lớn lên trước, rồi token hiếm đuổi kịp.",
        render: norm_vs_frequency,
    },
    Figure {
        name: "relative_movement",
        caption: "Trái: tương quan hạng Spearman giữa tần suất và chuẩn ‖e_w‖ trong quá trình huấn luyện — gần 1 và bền khi chia sẻ trọng số, nhất thời khi không chia sẻ. Giữa và phải: độ dời tương đối mỗi bước ‖Δe_w‖/‖e_w‖ (trung bình trên từng khoảng 100 bước, trục log) theo nhóm tần suất — ở khoảng đầu nhóm thường gặp di chuyển nhanh nhất, về sau các nhóm xích lại gần nhau.",
        render: relative_movement,
    },
];

const MARKS: [usize; 4] = [0, 200, 600, BOOK_ZIPF.train.steps];

fn runs(checkpoints: &[usize]) -> Result<[(Tying, &'static str, Run); 2]> {
    Ok([
        (
            Tying::Tied,
            "chia sẻ trọng số (U = E)",
            run_zipf(&BOOK_ZIPF, Tying::Tied, checkpoints)?,
        ),
        (
            Tying::Untied,
            "không chia sẻ (U riêng)",
            run_zipf(&BOOK_ZIPF, Tying::Untied, checkpoints)?,
        ),
    ])
}

/// Một khung hình: tiêu đề, nhãn trục, miền, các chuỗi; `points = true` vẽ chấm, ngược lại vẽ đường.
pub(super) struct Panel<'a> {
    pub title: &'a str,
    pub labels: (&'a str, &'a str),
    pub ranges: (std::ops::Range<f64>, std::ops::Range<f64>),
    pub series: Vec<Series>,
    pub points: bool,
    pub legend: SeriesLabelPosition,
}

/// Vẽ các khung cạnh nhau trên một hình rộng `width`.
pub(super) fn panels(width: u32, list: Vec<Panel<'_>>) -> Result<String> {
    style::svg((width, 440), |root| {
        let areas = root.split_evenly((1, list.len()));
        for (area, p) in areas.iter().zip(list) {
            let mut chart = ChartBuilder::on(area)
                .caption(p.title, (FONT, 19))
                .margin(14)
                .x_label_area_size(42)
                .y_label_area_size(54)
                .build_cartesian_2d(p.ranges.0.clone(), p.ranges.1.clone())
                .map_err(plot_err)?;
            chart
                .configure_mesh()
                .x_desc(p.labels.0)
                .y_desc(p.labels.1)
                .x_labels(6)
                .x_label_formatter(&|x| format!("{}", (x * 1000.0).round() / 1000.0))
                .label_style((FONT, 14))
                .light_line_style(RGBColor(235, 235, 235))
                .draw()
                .map_err(plot_err)?;
            for (i, s) in p.series.iter().enumerate() {
                let c = style::color(i);
                if p.points {
                    chart
                        .draw_series(
                            s.points
                                .iter()
                                .map(|&q| Circle::new(q, 3, c.mix(0.75).filled())),
                        )
                        .map_err(plot_err)?
                        .label(s.label.as_str())
                        .legend(move |(x, y)| Circle::new((x + 8, y), 5, c.filled()));
                } else {
                    chart
                        .draw_series(LineSeries::new(s.points.iter().copied(), c.stroke_width(3)))
                        .map_err(plot_err)?
                        .label(s.label.as_str())
                        .legend(move |(x, y)| {
                            PathElement::new(vec![(x, y), (x + 22, y)], c.stroke_width(3))
                        });
                }
            }
            style::legend(&mut chart, 14, p.legend)?;
        }
        Ok(())
    })
}

fn norm_vs_frequency() -> Result<String> {
    let [a, b] = runs(&MARKS)?;
    let panel = |run: &Run| -> Vec<Series> {
        run.snapshots
            .iter()
            .map(|(t, e, _)| {
                let norms = row_norms(e);
                Series {
                    label: format!("bước {t}"),
                    points: (0..run.counts.len())
                        .filter(|&w| run.counts[w] > 0)
                        .map(|w| ((run.counts[w] as f64).log10(), norms[w]))
                        .collect(),
                }
            })
            .collect()
    };
    let labels = ("log₁₀ (số lần xuất hiện)", "chuẩn ‖e_w‖");
    let ranges = (1.0..4.0, 0.0..3.2);
    panels(
        960,
        vec![
            Panel {
                title: a.1,
                labels,
                ranges: ranges.clone(),
                series: panel(&a.2),
                points: true,
                legend: SeriesLabelPosition::UpperLeft,
            },
            Panel {
                title: b.1,
                labels,
                ranges,
                series: panel(&b.2),
                points: true,
                legend: SeriesLabelPosition::UpperLeft,
            },
        ],
    )
}

fn relative_movement() -> Result<String> {
    let marks: Vec<usize> = (0..=BOOK_ZIPF.train.steps).step_by(100).collect();
    let seen = BOOK_ZIPF.seen;
    let bands: [(&str, Vec<usize>); 3] = [
        ("10 token thường gặp nhất", (0..10).collect()),
        ("token hạng 10–59", (10..60).collect()),
        ("60 token hiếm nhất", (60..seen).collect()),
    ];
    let [a, b] = runs(&marks)?;
    let rho = |label: &str, run: &Run| -> Result<Series> {
        let points = run
            .snapshots
            .iter()
            .map(|(t, e, _)| Ok((*t as f64, norm_frequency_spearman(&run.counts, e)?)))
            .collect::<Result<Vec<_>>>()?;
        Ok(Series {
            label: label.to_string(),
            points,
        })
    };
    let panel = |run: &Run| -> Result<Vec<Series>> {
        let mut out = Vec::new();
        for (label, group) in &bands {
            let mut points = Vec::new();
            for w in run.snapshots.windows(2) {
                let r = relative_step((w[0].0, &w[0].1), (w[1].0, &w[1].1), group)?;
                points.push(((w[0].0 + w[1].0) as f64 / 2.0, r.max(1e-9).log10()));
            }
            out.push(Series {
                label: label.to_string(),
                points,
            });
        }
        Ok(out)
    };
    let labels = ("bước SGD", "log₁₀ độ dời tương đối mỗi bước");
    let ranges = (0.0..BOOK_ZIPF.train.steps as f64, -3.6..-0.9);
    panels(
        1380,
        vec![
            Panel {
                title: "ρ Spearman (tần suất, ‖e_w‖)",
                labels: ("bước SGD", "ρ"),
                ranges: (0.0..BOOK_ZIPF.train.steps as f64, -0.2..1.1),
                series: vec![rho("chia sẻ", &a.2)?, rho("không chia sẻ", &b.2)?],
                points: false,
                legend: SeriesLabelPosition::LowerRight,
            },
            Panel {
                title: a.1,
                labels,
                ranges: ranges.clone(),
                series: panel(&a.2)?,
                points: false,
                legend: SeriesLabelPosition::UpperRight,
            },
            Panel {
                title: b.1,
                labels,
                ranges,
                series: panel(&b.2)?,
                points: false,
                legend: SeriesLabelPosition::UpperRight,
            },
        ],
    )
}
