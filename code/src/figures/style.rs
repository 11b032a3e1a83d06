//! Kiểu dáng chung của các hình: kích thước, phông, bảng màu, và hàm tiện ích vẽ đồ thị đường.

use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;

use crate::error::{Error, Result};

/// Kích thước mặc định của một hình (điểm ảnh).
pub const SIZE: (u32, u32) = (760, 440);
/// Phông chữ chung.
pub const FONT: &str = "sans-serif";

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

/// Khung chú giải chuẩn của sách: nền trắng hơi trong, viền xám, phông `size` điểm, đặt ở `position`.
pub fn legend<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    size: u32,
    position: SeriesLabelPosition,
) -> Result<()>
where
    DB: DrawingBackend + 'a,
    CT: CoordTranslate,
{
    chart
        .configure_series_labels()
        .label_font((FONT, size))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.4))
        .position(position)
        .draw()
        .map_err(plot_err)
}

/// Vẽ vào một chuỗi SVG kích thước `size` trên nền trắng đục; `draw` nhận vùng vẽ.
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
    Ok(out)
}

/// Một chuỗi dữ liệu cho [`line_chart`]: nhãn chú giải và các điểm (x, y).
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

/// Đồ thị đường chuẩn của sách: nhiều chuỗi, có chú giải.
pub fn line_chart(axes: &Axes<'_>, series: &[Series]) -> Result<String> {
    svg(SIZE, |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(axes.title, (FONT, 22))
            .margin(14)
            .x_label_area_size(44)
            .y_label_area_size(60)
            .build_cartesian_2d(axes.x_range.clone(), axes.y_range.clone())
            .map_err(plot_err)?;
        chart
            .configure_mesh()
            .x_desc(axes.x_label)
            .y_desc(axes.y_label)
            .label_style((FONT, 15))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(plot_err)?;
        for (i, s) in series.iter().enumerate() {
            let c = color(i);
            chart
                .draw_series(LineSeries::new(s.points.iter().copied(), c.stroke_width(3)))
                .map_err(plot_err)?
                .label(s.label.as_str())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 22, y)], c.stroke_width(3))
                });
        }
        if series.iter().any(|s| !s.label.is_empty()) {
            legend(&mut chart, 15, SeriesLabelPosition::UpperRight)?;
        }
        Ok(())
    })
}

/// Một khung hình: tiêu đề, nhãn trục, miền, các chuỗi; `points = true` vẽ chấm, ngược lại vẽ đường.
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
    /// Vị trí khung chú giải.
    pub legend: SeriesLabelPosition,
}

/// Vẽ các khung cạnh nhau trên một hình rộng `width`.
pub fn panels(width: u32, list: Vec<Panel<'_>>) -> Result<String> {
    svg((width, 440), |root| {
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
                let c = color(i);
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
            legend(&mut chart, 14, p.legend)?;
        }
        Ok(())
    })
}
