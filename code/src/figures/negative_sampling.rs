//! Hình chương 4: log σ và đạo hàm; phân phối nhiễu; xác suất giữ khi lấy mẫu con;
//! SGNS hội tụ về PMI − log K; chi phí một bước huấn luyện (đo, từ CSV).

use plotters::prelude::*;

use super::style::{self, plot_err, Axes, Series, FONT};
use super::Figure;
use crate::error::Result;
use crate::experiments::cost::cost_table;
use crate::experiments::shifted_pmi::book_pmi;
use crate::negative_sampling::{
    keep_probability, log_sigmoid, noise_distribution, sigmoid, zipf_counts,
};

/// Các hình của chương 4.
pub const FIGURES: &[Figure] = &[
    Figure {
        name: "log_sigmoid",
        caption: "log σ(x) (âm, tiến về 0 khi x → +∞, gần như đường thẳng x khi x → −∞) và đạo hàm của nó 1 − σ(x) = σ(−x): gradient lớn nhất khi cặp đang bị xếp sai (x âm), tắt dần khi cặp đã được phân loại đúng.",
        render: log_sigmoid_figure,
    },
    Figure {
        name: "noise_distribution",
        caption: "Phân phối nhiễu P_n(w) ∝ count(w)^α trên 50 từ có tần số kiểu Zipf, thang log: α = 1 (unigram) dồn xác suất cho vài từ đầu, α = 0 (đều) bỏ qua tần số; α = 3/4 của word2vec nằm giữa, nâng từ hiếm lên.",
        render: noise_figure,
    },
    Figure {
        name: "subsampling_keep",
        caption: "Xác suất giữ một lần xuất hiện của từ theo tần suất f (ngưỡng t = 1e-4): công thức trong mã C của word2vec √(t/f) + t/f so với √(t/f) của bài báo; mã C giữ nguyên mọi từ có f ≤ φ²t ≈ 2.618t.",
        render: subsampling_figure,
    },
    Figure {
        name: "pmi_scatter",
        caption: "Mỗi điểm là một ô (w, c) của bảng đồng xuất hiện tổng hợp 6 × 6: trục ngang PMI(w, c) − log K tính từ số đếm, trục dọc u_cᵀv_w sau khi leo gradient trên mục tiêu SGNS kỳ vọng (K = 5, d = 6). Bảng đối xứng (cửa sổ hai phía) nên ô (w, c) và (c, w) trùng điểm. Mọi điểm nằm trên đường chéo (định lý Levy–Goldberg).",
        render: pmi_figure,
    },
    Figure {
        name: "cost_benchmark",
        caption: "Thời gian một bước huấn luyện (một cặp (w, c), d = 100, một luồng) theo kích thước từ vựng V, thang log–log, kèm độ dốc khớp bình phương tối thiểu: softmax đầy đủ tăng gần tuyến tính theo V, lấy mẫu âm với K = 5 và K = 15 gần như phẳng. Số liệu đọc từ code/data/cost_benchmark.csv (lần đo gần nhất, máy ghi trong tệp).",
        render: cost_figure,
    },
];

fn log_sigmoid_figure() -> Result<String> {
    let xs: Vec<f64> = (0..=240).map(|i| -6.0 + i as f64 * 0.05).collect();
    style::line_chart(
        &Axes {
            title: "log σ(x) và đạo hàm 1 − σ(x)",
            x_label: "x = uᵀv",
            y_label: "giá trị",
            x_range: -6.0..6.0,
            y_range: -6.2..1.2,
        },
        &[
            Series {
                label: "log σ(x)".into(),
                points: xs.iter().map(|&x| (x, log_sigmoid(x))).collect(),
            },
            Series {
                label: "d/dx log σ(x) = 1 − σ(x)".into(),
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
        (0.75, "α = 3/4 (word2vec)"),
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
            title: "Phân phối nhiễu P_n(w) ∝ count(w)^α",
            x_label: "hạng tần số r của từ (count ∝ 1/r)",
            y_label: "log₁₀ P_n(w)",
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
            title: "Lấy mẫu con từ phổ biến (t = 1e-4)",
            x_label: "log₁₀ f (tần suất tương đối của từ)",
            y_label: "xác suất giữ",
            x_range: -6.0..-1.0,
            y_range: 0.0..1.1,
        },
        &[
            Series {
                label: "mã C word2vec: √(t/f) + t/f".into(),
                points: c_code,
            },
            Series {
                label: "bài báo: √(t/f)".into(),
                points: paper,
            },
        ],
    )
}

/// Nhãn vạch chia gọn: `1000` thay vì `1000.0`, `-1.2` giữ nguyên.
fn tick(v: &f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r == r.trunc() {
        format!("{r:.0}")
    } else {
        format!("{r}")
    }
}

/// Đồ thị tán xạ với đường tham chiếu; `log_axes` vẽ cả hai trục thang log.
pub(super) fn scatter(
    axes: &Axes<'_>,
    series: &[Series],
    reference: Option<(&str, Vec<(f64, f64)>)>,
    log_axes: bool,
) -> Result<String> {
    style::svg(style::SIZE, |root| {
        let mut builder = ChartBuilder::on(root);
        builder
            .caption(axes.title, (FONT, 22))
            .margin(14)
            .x_label_area_size(44)
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
                    .label_style((FONT, 15))
                    .light_line_style(RGBColor(235, 235, 235))
                    .draw()
                    .map_err(plot_err)?;
                if let Some((label, points)) = reference {
                    chart
                        .draw_series(LineSeries::new(points, BLACK.mix(0.5).stroke_width(1)))
                        .map_err(plot_err)?
                        .label(label)
                        .legend(|(x, y)| {
                            PathElement::new(vec![(x, y), (x + 22, y)], BLACK.mix(0.5))
                        });
                }
                for (i, s) in series.iter().enumerate() {
                    let c = style::color(i);
                    chart
                        .draw_series(s.points.iter().map(|&p| Circle::new(p, 4, c.filled())))
                        .map_err(plot_err)?
                        .label(s.label.as_str())
                        .legend(move |(x, y)| Circle::new((x + 11, y), 4, c.filled()));
                    if log_axes {
                        chart
                            .draw_series(LineSeries::new(
                                s.points.iter().copied(),
                                c.stroke_width(2),
                            ))
                            .map_err(plot_err)?;
                    }
                }
                style::legend(&mut chart, 15, SeriesLabelPosition::UpperLeft)?;
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
            title: "SGNS tối ưu: u_cᵀv_w = PMI(w, c) − log K",
            x_label: "PMI(w, c) − log K (từ số đếm)",
            y_label: "u_cᵀv_w (sau tối ưu)",
            x_range: lo..hi,
            y_range: lo..hi,
        },
        &[Series {
            label: "ô (w, c)".into(),
            points,
        }],
        Some(("y = x", vec![(lo, lo), (hi, hi)])),
        false,
    )
}

fn cost_figure() -> Result<String> {
    let table = cost_table()?;
    let series: Vec<Series> = table
        .methods
        .iter()
        .map(|m| Series {
            label: format!("{} (độ dốc {:.2})", m.label, m.slope),
            points: m.points.clone(),
        })
        .collect();
    let (ymin, ymax) = series
        .iter()
        .flat_map(|s| s.points.iter())
        .fold((f64::INFINITY, 0.0_f64), |(a, b), p| {
            (a.min(p.1), b.max(p.1))
        });
    scatter(
        &Axes {
            title: "Chi phí một bước: softmax đầy đủ O(V) và lấy mẫu âm O(K)",
            x_label: "kích thước từ vựng V",
            y_label: "thời gian một bước (µs)",
            x_range: 700.0..80_000.0,
            y_range: ymin / 2.0..ymax * 20.0,
        },
        &series,
        None,
        true,
    )
}
