//! Lớp Markdown duy nhất của trình dựng: vùng mã (bộ đọc pulldown-cmark của chính mdBook, cùng tuỳ chọn)
//! và vùng công thức (bộ quét của mdbook-katex, chính bộ quét quyết định cái gì được dựng). Bộ tiền xử lý,
//! phép truy vết công thức ↔ kiểm thử và kiểm thử chính tả đều hỏi ở đây, để «đâu là mã, đâu là công thức»
//! chỉ có một câu trả lời.

use std::ops::Range;

use mdbook_katex::cfg::KatexConfig;
use mdbook_katex::preprocess::{get_render_tasks, Render};
use mdbook_markdown::pulldown_cmark::{Event, Tag};
use mdbook_markdown::{new_cmark_parser, MarkdownOptions};

/// Các đoạn byte là mã: khối mã rào hoặc thụt lề (kể cả dòng rào) và mã nội dòng `` `…` ``.
pub fn code_ranges(text: &str) -> Vec<Range<usize>> {
    new_cmark_parser(text, &MarkdownOptions::default())
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Start(Tag::CodeBlock(_)) | Event::Code(_)))
        .map(|(_, range)| range)
        .collect()
}

/// Vị trí byte `pos` có nằm trong một đoạn của `ranges` không.
pub fn in_ranges(ranges: &[Range<usize>], pos: usize) -> bool {
    ranges.iter().any(|r| r.contains(&pos))
}

/// Một mẩu của chương khi tách theo công thức.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Văn bản thường (gồm cả mã).
    Text(&'a str),
    /// Công thức nội dòng `$…$` (không có dấu `$`).
    Inline(&'a str),
    /// Công thức hiển thị `$$…$$` (không có dấu `$$`).
    Display(&'a str),
}

/// Tách `text` thành văn bản và công thức, theo đúng bộ quét mà bước dựng KaTeX dùng (bỏ qua mã, xử lý `\$`).
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let extra = KatexConfig::default().build_extra_opts();
    get_render_tasks(text, "", &extra)
        .into_iter()
        .filter_map(|task| match task {
            Render::Text("") => None,
            Render::Text(t) => Some(Piece::Text(t)),
            Render::InlineTask(m) => Some(Piece::Inline(m)),
            Render::DisplayTask(m) => Some(Piece::Display(m)),
        })
        .collect()
}

/// Một khối `$$ … $$` ngoài vùng mã.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayMath<'a> {
    /// Đoạn byte từ `$$` mở tới hết `$$` đóng.
    pub range: Range<usize>,
    /// Mã LaTeX giữa hai dấu `$$`.
    pub body: &'a str,
}

/// Mọi khối `$$ … $$` của `text`, ghép từng cặp `$$` nằm ngoài [`code_ranges`].
pub fn display_math(text: &str) -> Vec<DisplayMath<'_>> {
    let code = code_ranges(text);
    let marks: Vec<usize> = text
        .match_indices("$$")
        .map(|(i, _)| i)
        .filter(|&i| !in_ranges(&code, i))
        .collect();
    marks
        .chunks_exact(2)
        .map(|pair| DisplayMath {
            range: pair[0]..pair[1] + 2,
            body: &text[pair[0] + 2..pair[1]],
        })
        .collect()
}
