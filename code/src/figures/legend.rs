//! Chú giải của hình, luôn ngoài dữ liệu (STYLE.md «Hình đọc được»): [`legend_inside`] đặt khung ở góc đầu tiên của
//! vùng vẽ mà không đường, chấm nào đi qua — không có góc nào như vậy là lỗi dựng, không bao giờ âm thầm đè;
//! [`legend_row`] xếp các mục thành hàng ngang trong một dải riêng, ngoài mọi vùng vẽ.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{plot_err, FONT, NOTE};
use crate::error::{Error, Result};

/// Hình mẫu của một mục chú giải.
#[derive(Clone, Copy)]
pub enum Glyph {
    /// Nét liền dày.
    Line,
    /// Chấm tròn.
    Dot,
}

/// Một mục chú giải.
pub struct Entry {
    /// Nhãn (có thể chứa chỉ số dưới `x_{i}`).
    pub label: String,
    /// Màu.
    pub color: RGBColor,
    /// Hình mẫu.
    pub glyph: Glyph,
}

/// Dữ liệu đã vẽ, theo toạ độ điểm ảnh: một đường gấp khúc (hoặc một chấm) và nửa bề dày / bán kính của nó.
pub struct Path {
    /// Các đỉnh (px).
    pub points: Vec<(i32, i32)>,
    /// Nửa bề dày nét hoặc bán kính chấm (px).
    pub reach: i32,
}

/// Cỡ chữ SVG của chú giải (plotters ghi cỡ ÷ 1,24).
fn font_px() -> f64 {
    f64::from(NOTE) / 1.24
}
const LINE: i32 = 22;
const PAD: i32 = 8;
const GLYPH: i32 = 26;

/// Bề rộng ước lượng (rộng tay: chữ sans-serif trung bình ~0,55 em) của một nhãn, bỏ cú pháp chỉ số dưới.
fn text_width(label: &str) -> i32 {
    let n = label.replace("_{", "").replace('}', "").chars().count();
    (n as f64 * 0.6 * font_px()).ceil() as i32
}

fn box_size(entries: &[Entry]) -> (i32, i32) {
    let text = entries
        .iter()
        .map(|e| text_width(&e.label))
        .max()
        .unwrap_or(0);
    (
        2 * PAD + GLYPH + 8 + text,
        LINE * entries.len() as i32 + 2 * PAD - 6,
    )
}

fn glyph<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    e: &Entry,
    (x, y): (i32, i32),
) -> Result<()> {
    match e.glyph {
        Glyph::Line => area
            .draw(&PathElement::new(
                vec![(x, y), (x + GLYPH, y)],
                e.color.stroke_width(3),
            ))
            .map_err(plot_err),
        Glyph::Dot => area
            .draw(&Circle::new((x + GLYPH / 2, y), 5, e.color.filled()))
            .map_err(plot_err),
    }
}

fn label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    e: &Entry,
    at: (i32, i32),
) -> Result<()> {
    let style = TextStyle::from((FONT, NOTE).into_font())
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    area.draw(&Text::new(e.label.as_str(), at, style))
        .map_err(plot_err)
}

/// Đoạn (a, b) có chạm hình chữ nhật `[x0, y0, x1, y1]` (đã nới) không? Kẹp đoạn vào từng cạnh (Liang–Barsky).
fn touches(a: (i32, i32), b: (i32, i32), r: [f64; 4]) -> bool {
    let (ax, ay) = (f64::from(a.0), f64::from(a.1));
    let (dx, dy) = (f64::from(b.0) - ax, f64::from(b.1) - ay);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, ax - r[0]),
        (dx, r[2] - ax),
        (-dy, ay - r[1]),
        (dy, r[3] - ay),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else if p < 0.0 {
            t0 = t0.max(q / p);
        } else {
            t1 = t1.min(q / p);
        }
    }
    t0 <= t1
}

/// Đặt khung chú giải ở góc trống đầu tiên (phải trên, trái trên, phải dưới, trái dưới, giữa trên, giữa dưới) của
/// vùng vẽ `plot` (px, trên `root`) mà không phần nào của `paths` chạm vào; không có góc trống ⇒ `Err`.
pub fn legend_inside<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    plot: (std::ops::Range<i32>, std::ops::Range<i32>),
    paths: &[Path],
    entries: &[Entry],
) -> Result<()> {
    let (w, h) = box_size(entries);
    let (xs, ys) = plot;
    let inset = 8;
    let (left, right) = (xs.start + inset, xs.end - inset - w);
    let (top, bottom) = (ys.start + inset, ys.end - inset - h);
    let middle = (xs.start + xs.end - w) / 2;
    let free = |x: i32, y: i32| {
        paths.iter().all(|p| {
            let m = f64::from(p.reach + 3);
            let r = [
                f64::from(x) - m,
                f64::from(y) - m,
                f64::from(x + w) + m,
                f64::from(y + h) + m,
            ];
            let first = p.points.first().copied();
            !(p.points.windows(2).any(|s| touches(s[0], s[1], r))
                || p.points.len() == 1 && first.is_some_and(|q| touches(q, q, r)))
        })
    };
    let (x, y) = [
        (right, top),
        (left, top),
        (right, bottom),
        (left, bottom),
        (middle, top),
        (middle, bottom),
    ]
    .into_iter()
    .find(|&(x, y)| x >= xs.start && y >= ys.start && free(x, y))
    .ok_or_else(|| {
        Error::Plot(format!(
            "chú giải «{}» đè lên dữ liệu ở mọi góc: nới miền trục hoặc đặt chú giải ngoài vùng vẽ",
            entries.first().map_or("", |e| e.label.as_str())
        ))
    })?;
    root.draw(&Rectangle::new(
        [(x, y), (x + w, y + h)],
        WHITE.mix(0.9).filled(),
    ))
    .map_err(plot_err)?;
    root.draw(&Rectangle::new([(x, y), (x + w, y + h)], BLACK.mix(0.4)))
        .map_err(plot_err)?;
    for (k, e) in entries.iter().enumerate() {
        let yc = y + PAD - 3 + LINE * k as i32 + LINE / 2;
        glyph(root, e, (x + PAD, yc))?;
        label(root, e, (x + PAD + GLYPH + 8, yc))?;
    }
    Ok(())
}

/// Chia các mục thành dòng vừa bề rộng `width`: mỗi dòng là các chỉ số mục và bề rộng của dòng.
fn lines(entries: &[Entry], width: u32) -> Vec<(Vec<usize>, i32)> {
    let room = width as i32 - 40;
    let mut out: Vec<(Vec<usize>, i32)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let w = GLYPH + 8 + text_width(&e.label) + 24;
        match out.last_mut() {
            Some((items, used)) if *used + w <= room => {
                items.push(i);
                *used += w;
            }
            _ => out.push((vec![i], w)),
        }
    }
    out
}

/// Chiều cao (px) của dải chú giải ngang cho `entries` trên bề rộng `width`.
pub fn legend_row_height(entries: &[Entry], width: u32) -> u32 {
    (LINE as u32 + 4) * lines(entries, width).len() as u32 + 12
}

/// Vẽ chú giải ngang, căn giữa, trong dải `area` (cao [`legend_row_height`]) — ngoài mọi vùng vẽ.
pub fn legend_row<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
) -> Result<()> {
    let width = area.dim_in_pixel().0;
    for (n, (items, used)) in lines(entries, width).into_iter().enumerate() {
        let mut x = (width as i32 - used + 24) / 2;
        let y = 8 + (LINE + 4) * n as i32 + LINE / 2;
        for i in items {
            let e = &entries[i];
            glyph(area, e, (x, y))?;
            label(area, e, (x + GLYPH + 8, y))?;
            x += GLYPH + 8 + text_width(&e.label) + 24;
        }
    }
    Ok(())
}
