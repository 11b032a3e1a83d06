//! Hình chương 4: log σ và đạo hàm; phân phối nhiễu; xác suất giữ khi lấy mẫu con;
//! SGNS hội tụ về PMI − log K; chi phí một bước huấn luyện (đo, từ CSV).

use plotters::prelude::*;

use super::style::{self, legend_inside, plot_err, tick, Axes, Entry, Glyph, Path, Series, FONT};
use super::Figure;
use crate::error::Result;
use crate::experiments::cost::cost_table;
use crate::experiments::shifted_pmi::book_pmi;
use crate::negative_sampling::{
    keep_probability, log_sigmoid, noise_distribution, sigmoid, zipf_counts,
};
use crate::numfmt::vi;

/// Các hình của chương 4.
pub const FIGURES: &[Figure] = &[
    Figure {
        name: "log_sigmoid",
        caption: "log σ(x) (âm, tiến về 0 khi x → +∞, gần như đường thẳng x khi x → −∞) và đạo hàm của nó 1 − σ(x) = σ(−x): gradient lớn nhất khi cặp đang bị xếp sai (x âm), tắt dần khi cặp đã được phân loại đúng.",
        render: log_sigmoid_figure,
    },
    Figure {
        name: "noise_distribution",
        caption: "Phân phối nhiễu P_{n}(w) ∝ count(w)ᵅ trên 50 từ có tần số kiểu Zipf, thang log: α = 1 (unigram) dồn xác suất cho vài từ đầu, α = 0 (đều) bỏ qua tần số; α = ¾ của word2vec nằm giữa, nâng từ hiếm lên.",
        render: noise_figure,
    },
    Figure {
        name: "subsampling_keep",
        caption: "Xác suất giữ một lần xuất hiện của từ theo tần suất f (ngưỡng t = 10⁻⁴): công thức trong mã C của word2vec √(t ∕ f) + t ∕ f so với √(t ∕ f) của bài báo; mã C giữ nguyên mọi từ có f ≤ φ²t ≈ 2,618t.",
        render: subsampling_figure,
    },
    Figure {
        name: "pmi_scatter",
        caption: "Mỗi điểm là một ô (w, c) của bảng đồng xuất hiện tổng hợp 6 × 6: trục ngang PMI(w, c) − log K tính từ số đếm, trục dọc u_{c}ᵀv_{w} sau khi leo gradient trên mục tiêu SGNS kỳ vọng (K = 5, d = 6). Bảng đối xứng (cửa sổ hai phía) nên ô (w, c) và (c, w) trùng điểm. Mọi điểm nằm trên đường chéo (định lý Levy–Goldberg).",
        render: pmi_figure,
    },
    Figure {
        name: "cost_benchmark",
        caption: "Thời gian một bước huấn luyện (một cặp (w, c), d = 100, một luồng) theo kích thước từ vựng V, thang log–log, kèm độ dốc khớp bình phương tối thiểu: softmax đầy đủ tăng gần tuyến tính theo V; lấy mẫu âm với K = 5 và K = 15, softmax phân cấp và softmax lấy mẫu (S = 64) gần như phẳng. Số liệu đọc từ code/data/cost_benchmark.csv (lần đo gần nhất, máy ghi trong tệp).",
        render: cost_figure,
    },
];

fn log_sigmoid_figure() -> Result<String> {
    let xs: Vec<f64> = (0..=240).map(|i| -6.0 + i as f64 * 0.05).collect();
    style::line_chart(
        &Axes {
            title: "log σ(𝑥) và đạo hàm 1 − σ(𝑥)",
            x_label: "𝑥 = 𝐮ᵀ𝐯",
            y_label: "giá trị",
            x_range: -6.0..6.0,
            y_range: -6.2..1.2,
        },
        &[
            Series {
                label: "log σ(𝑥)".into(),
                points: xs.iter().map(|&x| (x, log_sigmoid(x))).collect(),
            },
            Series {
                label: "đạo hàm 1 − σ(𝑥) = σ(−𝑥)".into(),
                points: xs.iter().map(|&x| (x, 1.0 - sigmoid(x))).collect(),
            },
        ],
    )
}

fn noise_figure() -> Result<String> {
    let counts = zipf_counts(50)?;
    let mut series = Vec::new();
    for (alpha, label) in [
        (1.0, "α = 1 (unigram)"),
        (0.75, "α = ¾ (word2vec)"),
        (0.0, "α = 0 (đều)"),
    ] {
        let p = noise_distribution(&counts, alpha)?;
        series.push(Series {
            label: label.into(),
            points: p
                .iter()
                .enumerate()
                .map(|(r, &q)| ((r + 1) as f64, q.log10()))
                .collect(),
        });
    }
    style::line_chart(
        &Axes {
            title: "Phân phối nhiễu 𝑃_{𝑛}(𝑤) ∝ count(𝑤)ᵅ",
            x_label: "hạng tần số 𝑟 của từ (count ∝ 𝑟⁻¹)",
            y_label: "log_{10} 𝑃_{𝑛}(𝑤)",
            x_range: 1.0..50.0,
            y_range: -2.6..-0.4,
        },
        &series,
    )
}

fn subsampling_figure() -> Result<String> {
    let t = 1e-4;
    let grid: Vec<f64> = (0..=200).map(|i| -6.0 + i as f64 * 0.025).collect(); // log10 f
    let c_code = grid
        .iter()
        .map(|&l| Ok((l, keep_probability(10f64.powf(l), t)?)))
        .collect::<Result<Vec<_>>>()?;
    let paper = grid
        .iter()
        .map(|&l| (l, (t / 10f64.powf(l)).sqrt().min(1.0)))
        .collect();
    style::line_chart(
        &Axes {
            title: "Lấy mẫu con từ phổ biến (𝑡 = 10⁻⁴)",
            x_label: "log_{10} 𝑓 (tần suất tương đối của từ)",
            y_label: "xác suất giữ",
            x_range: -6.0..-1.0,
            y_range: 0.0..1.1,
        },
        &[
            Series {
                label: "mã C word2vec: √(𝑡∕𝑓) + 𝑡∕𝑓".into(),
                points: c_code,
            },
            Series {
                label: "bài báo: √(𝑡∕𝑓)".into(),
                points: paper,
            },
        ],
    )
}

/// Miền trục dọc (thang log) bao mọi điểm của `series`: từ nửa giá trị nhỏ nhất tới `headroom` lần giá trị lớn
/// nhất — chỗ trống phía trên dành cho chú giải.
pub(super) fn log_y_range(series: &[Series], headroom: f64) -> std::ops::Range<f64> {
    let (lo, hi) = series
        .iter()
        .flat_map(|s| s.points.iter())
        .fold((f64::INFINITY, 0.0_f64), |(a, b), p| {
            (a.min(p.1), b.max(p.1))
        });
    lo / 2.0..hi * headroom
}

/// Đồ thị tán xạ với đường tham chiếu; `log_axes` vẽ cả hai trục thang log (và nối các chấm của mỗi chuỗi).
pub(super) fn scatter(
    axes: &Axes<'_>,
    series: &[Series],
    reference: Option<(&str, Vec<(f64, f64)>)>,
    log_axes: bool,
) -> Result<String> {
    let grey = RGBColor(128, 128, 128);
    let mut entries = Vec::new();
    if let Some((label, _)) = &reference {
        entries.push(Entry {
            label: label.to_string(),
            color: grey,
            glyph: Glyph::Line,
        });
    }
    entries.extend(series.iter().enumerate().map(|(i, s)| Entry {
        label: s.label.clone(),
        color: style::color(i),
        glyph: Glyph::Dot,
    }));
    style::svg(style::SIZE, |root| {
        let mut builder = ChartBuilder::on(root);
        builder
            .caption(axes.title, (FONT, style::TITLE))
            .margin(14)
            .x_label_area_size(46)
            .y_label_area_size(70);
        macro_rules! draw {
            ($chart:expr) => {{
                let mut chart = $chart;
                chart
                    .configure_mesh()
                    .x_label_formatter(&tick)
                    .y_label_formatter(&tick)
                    .x_desc(axes.x_label)
                    .y_desc(axes.y_label)
                    .label_style((FONT, style::LABEL))
                    .light_line_style(RGBColor(235, 235, 235))
                    .draw()
                    .map_err(plot_err)?;
                let mut paths = Vec::new();
                if let Some((_, points)) = &reference {
                    chart
                        .draw_series(LineSeries::new(
                            points.iter().copied(),
                            grey.stroke_width(2),
                        ))
                        .map_err(plot_err)?;
                    paths.push(Path {
                        points: points.iter().map(|p| chart.backend_coord(p)).collect(),
                        reach: 1,
                    });
                }
                for (i, s) in series.iter().enumerate() {
                    let c = style::color(i);
                    chart
                        .draw_series(s.points.iter().map(|&p| Circle::new(p, 4, c.filled())))
                        .map_err(plot_err)?;
                    let pixels: Vec<(i32, i32)> =
                        s.points.iter().map(|p| chart.backend_coord(p)).collect();
                    if log_axes {
                        chart
                            .draw_series(LineSeries::new(
                                s.points.iter().copied(),
                                c.stroke_width(2),
                            ))
                            .map_err(plot_err)?;
                        paths.push(Path {
                            points: pixels,
                            reach: 4,
                        });
                    } else {
                        paths.extend(pixels.into_iter().map(|q| Path {
                            points: vec![q],
                            reach: 4,
                        }));
                    }
                }
                legend_inside(
                    root,
                    chart.plotting_area().get_pixel_range(),
                    &paths,
                    &entries,
                )?;
            }};
        }
        if log_axes {
            draw!(builder
                .build_cartesian_2d(
                    (axes.x_range.clone()).log_scale(),
                    (axes.y_range.clone()).log_scale()
                )
                .map_err(plot_err)?);
        } else {
            draw!(builder
                .build_cartesian_2d(axes.x_range.clone(), axes.y_range.clone())
                .map_err(plot_err)?);
        }
        Ok(())
    })
}

fn pmi_figure() -> Result<String> {
    let exp = book_pmi()?;
    let points: Vec<(f64, f64)> = exp
        .target
        .iter()
        .copied()
        .zip(exp.fit.dots.iter().copied())
        .collect();
    let lo = points.iter().fold(f64::INFINITY, |m, p| m.min(p.0)) - 0.3;
    let hi = points.iter().fold(f64::NEG_INFINITY, |m, p| m.max(p.0)) + 0.3;
    scatter(
        &Axes {
            title: "SGNS tối ưu: 𝑢_{𝑐}ᵀ𝑣_{𝑤} = PMI(𝑤, 𝑐) − log 𝐾",
            x_label: "PMI(𝑤, 𝑐) − log 𝐾 (từ số đếm)",
            y_label: "𝑢_{𝑐}ᵀ𝑣_{𝑤} (sau tối ưu)",
            x_range: lo..hi,
            y_range: lo..hi,
        },
        &[Series {
            label: "ô (𝑤, 𝑐)".into(),
            points,
        }],
        Some(("𝑦 = 𝑥", vec![(lo, lo), (hi, hi)])),
        false,
    )
}

fn cost_figure() -> Result<String> {
    let table = cost_table()?;
    let series: Vec<Series> = table
        .methods
        .iter()
        .map(|m| Series {
            label: format!("{} (độ dốc {})", m.label, vi(m.slope, 2)),
            points: m.points.clone(),
        })
        .collect();
    scatter(
        &Axes {
            title: "Chi phí một bước: softmax đầy đủ O(𝑉), lấy mẫu âm O(𝐾), hai cách chuẩn hoá",
            x_label: "kích thước từ vựng 𝑉",
            y_label: "thời gian một bước (µs)",
            x_range: 700.0..80_000.0,
            y_range: log_y_range(&series, 300.0),
        },
        &series,
        None,
        true,
    )
}
