//! Các hình của sách, vẽ bằng plotters thành SVG ở thời điểm dựng sách.
//!
//! Mỗi module khái niệm khai báo một mảng `FIGURES`; [`all`] gộp chúng. Hình phải tất định
//! (cùng đầu vào ⇒ cùng từng byte): mọi ngẫu nhiên dùng RNG có hạt giống cố định.
//! Nền trắng đục để hình đọc được trên mọi chủ đề (theme) của mdBook, kể cả chủ đề tối.

mod cross_entropy;
mod dynamics;
mod embedding;
mod geometry;
mod gradient;
mod hessian;
mod information;
mod legend;
mod negative_sampling;
mod normalised;
mod stability;
pub mod style;
mod transformer;

use crate::error::Result;

/// Một hình của sách.
#[derive(Clone, Copy)]
pub struct Figure {
    /// Tên duy nhất, dùng trong chỉ thị `{{#figure tên}}` và làm tên tệp `tên.svg`.
    pub name: &'static str,
    /// Chú thích (tiếng Việt) hiện dưới hình và làm văn bản thay thế (alt).
    pub caption: &'static str,
    /// Hàm vẽ: trả về nội dung SVG.
    pub render: fn() -> Result<String>,
}

/// Tất cả các hình, theo thứ tự chương.
pub fn all() -> Vec<Figure> {
    [
        embedding::FIGURES,
        cross_entropy::FIGURES,
        gradient::FIGURES,
        negative_sampling::FIGURES,
        normalised::FIGURES,
        hessian::FIGURES,
        stability::FIGURES,
        information::FIGURES,
        transformer::FIGURES,
        dynamics::FIGURES,
        geometry::FIGURES,
    ]
    .concat()
}

/// Tìm hình theo tên.
pub fn find(name: &str) -> Option<Figure> {
    all().into_iter().find(|f| f.name == name)
}
