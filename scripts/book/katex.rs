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
            Ok(html) => out.push_str(&protect_from_markdown(&html)),
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
        .output_type(katex::OutputType::Html)
        .throw_on_error(true)
        .trust(false)
        .build()?)
}

/// HTML của KaTeX được chèn vào Markdown *trước* khi mdBook chuyển Markdown thành HTML, nên các ký tự như
/// `~` (`\tilde`), `*`, `_`, `\\`, `$` trong đó có thể bị hiểu thành gạch ngang, nhấn mạnh, ký tự thoát
/// hay công thức. Đổi chúng thành thực thể HTML (trình duyệt hiển thị y hệt) và bỏ xuống dòng.
pub fn protect_from_markdown(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    for ch in html.chars() {
        match ch {
            '~' => out.push_str("&#126;"),
            '*' => out.push_str("&#42;"),
            '_' => out.push_str("&#95;"),
            '\\' => out.push_str("&#92;"),
            '$' => out.push_str("&#36;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
