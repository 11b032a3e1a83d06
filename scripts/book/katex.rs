//! Dựng công thức bằng KaTeX lúc dựng sách, và **thất bại** khi có lỗi LaTeX.
//!
//! mdbook-katex 0.10.0 chỉ cảnh báo rồi giữ nguyên công thức lỗi. Ở đây ta dùng bộ quét của nó
//! (`mdbook_katex::get_render_tasks`, qua [`crate::markdown::pieces`]: bỏ qua khối mã, xử lý ký tự thoát) và cùng bản KaTeX 0.16.4 mà nó
//! nhúng (crate `katex`), nhưng gom mọi lỗi lại và trả `Err`, để cả lệnh dựng lẫn kiểm thử đều thấy.

use crate::markdown::{pieces, Piece};
use anyhow::{bail, Result};

/// Dựng mọi công thức `$…$` và `$$…$$` trong `content`; lỗi nêu tên chương và công thức hỏng.
pub fn render_math(chapter: &str, content: &str) -> Result<String> {
    let inline = opts(false)?;
    let display = opts(true)?;
    let mut out = String::with_capacity(content.len() * 2);
    let mut errors = Vec::new();
    for piece in pieces(content) {
        let (item, o, left, right) = match piece {
            Piece::Text(t) => {
                out.push_str(t);
                continue;
            }
            Piece::Inline(item) => (item, &inline, "$", "$"),
            Piece::Display(item) => (item, &display, "$$", "$$"),
        };
        match katex::render_with_opts(item, o) {
            Ok(html) => out.push_str(&protect_from_markdown(&arrange(&html)?)),
            Err(e) => {
                errors.push(format!("  {left}{item}{right}\n    → {e}"));
                out.push_str(item);
            }
        }
    }
    if !errors.is_empty() {
        bail!("lỗi LaTeX trong chương «{chapter}»:\n{}", errors.join("\n"));
    }
    Ok(out)
}

fn opts(display: bool) -> Result<katex::Opts> {
    Ok(katex::Opts::builder()
        .display_mode(display)
        .output_type(katex::OutputType::HtmlAndMathml)
        .throw_on_error(true)
        .trust(false)
        .build()?)
}

/// Dấu vô hình quanh công thức cho ô tìm kiếm (`theme/tim-kiem.js`): chỉ mục của mdBook lấy mọi chữ trong trang,
/// nên chữ của phần HTML KaTeX («lo g 2») lẫn vào đoạn trích. Ta đánh dấu đầu công thức (U+2060, nối từ, trình
/// đọc màn hình bỏ qua), hai đầu mã TeX (ký tự dùng riêng, chỉ nằm trong `<annotation>`, không hiển thị, không được
/// đọc) và cuối công thức; ô tìm kiếm thay cả đoạn bằng dạng đọc được của mã TeX. KaTeX không dùng các ký tự này.
pub const SEARCH_START: char = '\u{2060}';
/// Đầu mã TeX trong `<annotation>`.
pub const SEARCH_TEX_START: char = '\u{E001}';
/// Cuối mã TeX trong `<annotation>`.
pub const SEARCH_TEX_END: char = '\u{E002}';
/// Cuối công thức (trong một `<span class="search-end">` ẩn, không chiếm chỗ).
pub const SEARCH_END: char = '\u{2060}';

/// Sắp lại HTML của KaTeX (MathML + HTML):
/// * công thức hiển thị: các `.base` được gói trong `<span class="eq-body">` (khung cuộn ngang riêng, CSS ở
///   `theme/book.css`), còn số công thức `.tag` đứng ngoài khung đó — không bao giờ đè lên hay cuộn theo công thức;
/// * dấu vô hình cho tìm kiếm (xem [`SEARCH_START`]).
pub fn arrange(html: &str) -> Result<String> {
    const MATHML: &str = "<span class=\"katex-mathml\">";
    const ANNOT: &str = "<annotation encoding=\"application/x-tex\">";
    const HTML: &str = "<span class=\"katex-html\" aria-hidden=\"true\">";
    let (Some(m), Some(a), Some(a_end), Some(h)) = (
        html.find(MATHML),
        html.find(ANNOT),
        html.find("</annotation>"),
        html.find(HTML),
    ) else {
        bail!("KaTeX trả về HTML không như mong đợi: {html}");
    };
    let display = html.starts_with("<span class=\"katex-display\">");
    let closing = if display {
        "</span></span></span>"
    } else {
        "</span></span>"
    };
    if [SEARCH_START, SEARCH_TEX_START, SEARCH_TEX_END]
        .iter()
        .any(|c| html.contains(*c))
        || !html.ends_with(closing)
    {
        bail!("KaTeX trả về HTML không như mong đợi: {html}");
    }
    let m = m + MATHML.len();
    let a = a + ANNOT.len();
    let h = h + HTML.len();
    let end = html.len() - closing.len();
    let mut out = String::with_capacity(html.len() + 160);
    out.push_str(&html[..m]);
    out.push(SEARCH_START);
    out.push_str(&html[m..a]);
    out.push(SEARCH_TEX_START);
    out.push_str(&html[a..a_end]);
    out.push(SEARCH_TEX_END);
    out.push_str(&html[a_end..h]);
    if display {
        let tag = html[h..end]
            .rfind("<span class=\"tag\">")
            .map_or(end, |t| h + t);
        out.push_str("<span class=\"eq-body\">");
        out.push_str(&html[h..tag]);
        out.push_str("</span>");
        out.push_str(&html[tag..end]);
    } else {
        out.push_str(&html[h..end]);
    }
    // Đóng .katex-html, rồi dấu cuối (ẩn như .katex-mathml), rồi đóng .katex (và .katex-display).
    out.push_str("</span>");
    out.push_str(&format!(
        "<span class=\"search-end\" aria-hidden=\"true\">{SEARCH_END}</span>"
    ));
    out.push_str(&closing["</span>".len()..]);
    Ok(out)
}

/// HTML của KaTeX được chèn vào Markdown *trước* khi mdBook chuyển Markdown thành HTML, nên các ký tự như
/// `~` (`\tilde`), `*`, `_`, `\\`, `$` trong đó có thể bị hiểu thành gạch ngang, nhấn mạnh, ký tự thoát
/// hay công thức, và `|` là ranh giới ô bảng. Đổi chúng thành thực thể HTML (trình duyệt hiển thị y hệt) và bỏ xuống dòng.
pub fn protect_from_markdown(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    for ch in html.chars() {
        match ch {
            '~' => out.push_str("&#126;"),
            '*' => out.push_str("&#42;"),
            '_' => out.push_str("&#95;"),
            '\\' => out.push_str("&#92;"),
            '$' => out.push_str("&#36;"),
            // `|` trong một ô bảng Markdown cắt ô làm đôi (ví dụ `\|` của KL trong mã TeX của <annotation>)
            '|' => out.push_str("&#124;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
