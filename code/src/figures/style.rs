//! Kiểu dáng chung của các hình: kích thước, phông, cỡ chữ, bảng màu, nhãn vạch chia theo quy ước số của sách,
//! chú giải đặt ngoài dữ liệu, chỉ số dưới, và hàm vẽ đồ thị đường / lưới nhiều ô.
//!
//! Cỡ chữ tính theo đơn vị của plotters (SVG ghi cỡ ÷ 1,24). Hình rộng 760 px co còn ~750 px ở 1280 px và 600 px trên
//! điện thoại, nên [`LABEL`] (12,1 px SVG) hiển thị ≥ 11 px và ≥ 9 px — quy tắc «Hình đọc được» của STYLE.md.

use plotters::coord::Shift;
use plotters::prelude::*;

pub use super::legend::{legend_inside, legend_row, legend_row_height, Entry, Glyph, Path};
use crate::error::{Error, Result};
use crate::numfmt::vi;

/// Kích thước mặc định của một hình (điểm ảnh).
pub const SIZE: (u32, u32) = (760, 440);
/// Phông chữ chung.
pub const FONT: &str = "sans-serif";
/// Cỡ chữ tiêu đề hình.
pub const TITLE: u32 = 22;
/// Cỡ chữ tiêu đề một ô của hình nhiều ô.
pub const PANEL_TITLE: u32 = 19;
/// Cỡ chữ nhãn trục và vạch chia.
pub const LABEL: u32 = 15;
/// Cỡ chữ chú giải và chữ ghi trong vùng vẽ.
pub const NOTE: u32 = 17;

/// Bảng màu dễ phân biệt (kể cả với người mù màu đỏ–lục), theo thứ tự dùng cho các chuỗi dữ liệu.
pub const PALETTE: [RGBColor; 6] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
];

/// Màu thứ `i` của bảng màu (quay vòng).
pub fn color(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Chuyển lỗi của plotters thành lỗi của crate.
pub fn plot_err<E: std::fmt::Debug>(e: E) -> Error {
    Error::Plot(format!("{e:?}"))
}

/// Nhãn vạch chia theo quy ước số của sách ([`vi`]), với ít chữ số thập phân nhất đủ viết đúng giá trị:
/// `0.5` → «0,5», `-2.0` → «−2», `10000.0` → «10.000».
pub fn tick(x: &f64) -> String {
    let decimals = (0..6)
        .find(|&d| {
            let s = 10f64.powi(d);
            ((x * s).round() - x * s).abs() < 1e-6 * s.max(x.abs())
        })
        .unwrap_or(6);
    vi(*x, decimals as usize)
}

/// Chỉ số dưới trong chữ của hình: `u_{c}` thành `u` + `<tspan>` hạ thấp chứa `c` (Unicode không có chữ c, w… chỉ
/// số dưới). Cỡ chữ chỉ số = 80 % cỡ của dòng, không dưới 12,1 px SVG (quy tắc đọc được).
fn subscripts(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() + 256);
    let mut size = 12.1_f64;
    for line in svg.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("<text") {
            size = rest
                .split("font-size=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .and_then(|s| s.parse().ok())
                .unwrap_or(size);
        }
        if !line.contains("_{") || line.starts_with('<') {
            out.push_str(line);
            continue;
        }
        let (sub, dy) = ((0.8 * size).max(12.1), (0.3 * size).round());
        let mut parts = line.split("_{");
        out.push_str(parts.next().unwrap_or_default());
        for part in parts {
            let (low, rest) = part.split_once('}').unwrap_or((part, ""));
            out.push_str(&format!(
                "<tspan dy=\"{dy}\" font-size=\"{sub:.1}\">{low}</tspan>"
            ));
            let text = rest.trim_end_matches('\n');
            if !text.is_empty() {
                out.push_str(&format!("<tspan dy=\"-{dy}\">{text}</tspan>"));
            }
            if rest.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    out
}

/// Vẽ vào một chuỗi SVG kích thước `size` trên nền trắng đục; `draw` nhận vùng vẽ. Chỉ số dưới `x_{i}` trong chữ
/// được dựng thành `<tspan>`.
pub fn svg<F>(size: (u32, u32), draw: F) -> Result<String>
where
    F: FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<()>,
{
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        root.fill(&WHITE).map_err(plot_err)?;
        draw(&root)?;
        root.present().map_err(plot_err)?;
    }
    Ok(subscripts(&out))
}

/// Một chuỗi dữ liệu: nhãn chú giải và các điểm (x, y).
pub struct Series {
    /// Nhãn chú giải.
    pub label: String,
    /// Các điểm.
    pub points: Vec<(f64, f64)>,
}

/// Các trục và tiêu đề của [`line_chart`].
pub struct Axes<'a> {
    /// Tiêu đề hình.
    pub title: &'a str,
    /// Nhãn trục x.
    pub x_label: &'a str,
    /// Nhãn trục y.
    pub y_label: &'a str,
    /// Miền x.
    pub x_range: std::ops::Range<f64>,
    /// Miền y.
    pub y_range: std::ops::Range<f64>,
}

/// Đồ thị đường chuẩn của sách: nhiều chuỗi, chú giải ở một góc trống của vùng vẽ.
pub fn line_chart(axes: &Axes<'_>, series: &[Series]) -> Result<String> {
    let panel = Panel {
        title: axes.title,
        labels: (axes.x_label, axes.y_label),
        ranges: (axes.x_range.clone(), axes.y_range.clone()),
        series: series
            .iter()
            .map(|s| Series {
                label: s.label.clone(),
                points: s.points.clone(),
            })
            .collect(),
        points: false,
    };
    grid(
        SIZE.0,
        vec![Row {
            height: SIZE.1,
            panels: vec![panel],
            shared_legend: false,
        }],
    )
}

/// Một ô của hình: tiêu đề, nhãn trục, miền, các chuỗi; `points = true` vẽ chấm, ngược lại vẽ đường.
pub struct Panel<'a> {
    /// Tiêu đề.
    pub title: &'a str,
    /// Nhãn trục (x, y).
    pub labels: (&'a str, &'a str),
    /// Miền (x, y).
    pub ranges: (std::ops::Range<f64>, std::ops::Range<f64>),
    /// Các chuỗi.
    pub series: Vec<Series>,
    /// `true`: vẽ chấm; `false`: vẽ đường.
    pub points: bool,
}

/// Một hàng của [`grid`]: các ô chia đều bề rộng, cao `height` px. `shared_legend`: một chú giải chung (nhãn của ô
/// đầu) nằm trên hàng, ngoài mọi vùng vẽ; ngược lại mỗi ô đặt chú giải của nó ở một góc trống.
pub struct Row<'a> {
    /// Chiều cao (px), không kể chú giải chung.
    pub height: u32,
    /// Các ô, trái sang phải.
    pub panels: Vec<Panel<'a>>,
    /// Chú giải chung phía trên hàng.
    pub shared_legend: bool,
}

impl<'a> Row<'a> {
    /// Hàng hai ô cao 420 px cùng nhãn trục, miền và kiểu vẽ, chú giải chung ở trên: `(tiêu đề, chuỗi)` trái, phải.
    pub fn pair(
        labels: (&'a str, &'a str),
        ranges: (std::ops::Range<f64>, std::ops::Range<f64>),
        points: bool,
        halves: [(&'a str, Vec<Series>); 2],
    ) -> Self {
        Row {
            height: 420,
            shared_legend: true,
            panels: halves
                .into_iter()
                .map(|(title, series)| Panel {
                    title,
                    labels,
                    ranges: ranges.clone(),
                    series,
                    points,
                })
                .collect(),
        }
    }
}

fn entries(p: &Panel<'_>) -> Vec<Entry> {
    p.series
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.label.is_empty())
        .map(|(i, s)| Entry {
            label: s.label.clone(),
            color: color(i),
            glyph: if p.points { Glyph::Dot } else { Glyph::Line },
        })
        .collect()
}

/// Hình nhiều ô xếp thành các hàng (STYLE.md: mỗi ô ≥ 380 px, lưới hai cột hoặc chồng dọc).
pub fn grid(width: u32, rows: Vec<Row<'_>>) -> Result<String> {
    let legend_heights: Vec<u32> = rows
        .iter()
        .map(|r| match (r.shared_legend, r.panels.first()) {
            (true, Some(p)) => legend_row_height(&entries(p), width),
            _ => 0,
        })
        .collect();
    let height = rows.iter().map(|r| r.height).sum::<u32>() + legend_heights.iter().sum::<u32>();
    let single = rows.len() == 1 && rows[0].panels.len() == 1;
    svg((width, height), |root| {
        let mut top = 0;
        for (row, legend_h) in rows.into_iter().zip(legend_heights) {
            if legend_h > 0 {
                let strip = root.clone().shrink((0, top), (width, legend_h));
                legend_row(&strip, &entries(&row.panels[0]))?;
            }
            top += legend_h;
            let area = root.clone().shrink((0, top), (width, row.height));
            top += row.height;
            let cells = area.split_evenly((1, row.panels.len()));
            for (cell, p) in cells.iter().zip(&row.panels) {
                draw_panel(root, cell, p, single, !row.shared_legend)?;
            }
        }
        Ok(())
    })
}

fn draw_panel(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    p: &Panel<'_>,
    single: bool,
    legend: bool,
) -> Result<()> {
    let mut chart = ChartBuilder::on(area)
        .caption(p.title, (FONT, if single { TITLE } else { PANEL_TITLE }))
        .margin(14)
        .x_label_area_size(46)
        .y_label_area_size(if single { 64 } else { 60 })
        .build_cartesian_2d(p.ranges.0.clone(), p.ranges.1.clone())
        .map_err(plot_err)?;
    chart
        .configure_mesh()
        .x_desc(p.labels.0)
        .y_desc(p.labels.1)
        .x_labels(if single { 10 } else { 6 })
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .label_style((FONT, LABEL))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()
        .map_err(plot_err)?;
    let mut paths = Vec::new();
    for (i, s) in p.series.iter().enumerate() {
        let c = color(i);
        if p.points {
            chart
                .draw_series(
                    s.points
                        .iter()
                        .map(|&q| Circle::new(q, 3, c.mix(0.75).filled())),
                )
                .map_err(plot_err)?;
            paths.extend(s.points.iter().map(|q| Path {
                points: vec![chart.backend_coord(q)],
                reach: 3,
            }));
        } else {
            chart
                .draw_series(LineSeries::new(s.points.iter().copied(), c.stroke_width(3)))
                .map_err(plot_err)?;
            paths.push(Path {
                points: s.points.iter().map(|q| chart.backend_coord(q)).collect(),
                reach: 2,
            });
        }
    }
    let list = entries(p);
    if legend && !list.is_empty() {
        legend_inside(root, chart.plotting_area().get_pixel_range(), &paths, &list)?;
    }
    Ok(())
}
