//! Bộ tiền xử lý mdBook của sách (tên `embedding-book` trong book.toml), chạy sau `links`:
//! kiểm include → thay `{{#value}}` → dựng KaTeX (lỗi là thất bại) → chèn kết quả chương trình và hình
//! → đánh dấu neo `#eq-c-n` cho từng công thức đánh số → khối bài tập chạy được (`{{#exercise}}`) → đoạn mã
//! công thức chạy được (`{{#runnable}}`).

use std::fs;

use anyhow::{anyhow, bail, Result};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use serde::Deserialize;

use crate::directives::{
    ensure_no_leftover, expand_blocks, expand_figrefs, expand_values, figure_index, Outputs,
};
use crate::eqref::{equation_index, expand_eqrefs};
use crate::includes::check_includes;
use crate::katex::render_math;
use crate::markdown::{self, Piece};
use crate::table::verification_table;
use crate::trace::TAG_RE;

/// Tên bộ tiền xử lý trong book.toml.
pub const NAME: &str = "embedding-book";

/// Bảng `[preprocessor.embedding-book]`: mọi khoá lạ là lỗi (mdBook bỏ qua im lặng cả bảng nếu sai khoá).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // các khoá này do mdBook đọc; ta chỉ khai báo để bác bỏ khoá gõ sai
struct Config {
    command: Option<String>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    renderers: Vec<String>,
    #[serde(default)]
    optional: bool,
    /// Cách hiển thị công thức: `"katex"` (mặc định: dựng sẵn lúc dựng sách) hoặc `"mathjax"` — chỉ để đo so sánh
    /// với tuỳ chọn MathJax của mdBook (`tests/browser/measure`), đặt qua biến môi trường
    /// `MDBOOK_PREPROCESSOR__EMBEDDING_BOOK__MATH=mathjax` cùng `MDBOOK_OUTPUT__HTML__MATHJAX_SUPPORT=true`.
    math: Option<String>,
}

/// Bộ tiền xử lý của sách.
pub struct BookPreprocessor;

impl Preprocessor for BookPreprocessor {
    fn name(&self) -> &str {
        NAME
    }

    fn run(
        &self,
        ctx: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        let mut mathjax = false;
        if let Some(table) = ctx
            .config
            .get::<toml::Value>(&format!("preprocessor.{NAME}"))?
        {
            let config = table
                .try_into::<Config>()
                .map_err(|e| anyhow!("book.toml, [preprocessor.{NAME}]: {e}"))?;
            mathjax = match config.math.as_deref() {
                None | Some("katex") => false,
                Some("mathjax") => true,
                Some(other) => {
                    bail!("[preprocessor.{NAME}] math = «{other}»: cần \"katex\" hoặc \"mathjax\"")
                }
            };
        }
        crate::assets::ensure_katex(&ctx.root)?;
        let src_dir = ctx.root.join(&ctx.config.book.src);
        let mut outputs = Outputs::default();
        let figures = figure_index(&book);
        let equations = equation_index(&book);
        let exercises = crate::playground::exercises(&ctx.root)?;
        let mut failure: Option<anyhow::Error> = None;
        book.for_each_mut(|item| {
            if failure.is_some() {
                return;
            }
            if let BookItem::Chapter(ch) = item {
                let result = (|| -> Result<String> {
                    if let Some(path) = &ch.source_path {
                        let file = src_dir.join(path);
                        let raw = fs::read_to_string(&file)?;
                        check_includes(&file, &raw)?;
                    }
                    let number = ch.number.as_ref().and_then(|n| n.first().copied());
                    let mut content = ch.content.clone();
                    if content.contains("{{#verification-table}}") {
                        content = content
                            .replace("{{#verification-table}}", &verification_table(&ctx.root)?);
                    }
                    let content = expand_values(&content, &mut outputs)?;
                    let content = expand_figrefs(&content, &figures)?;
                    let content = expand_eqrefs(&content, &equations)?;
                    let content = anchor_equations(&content);
                    let content = if mathjax {
                        mathjax_math(&content)
                    } else {
                        render_math(&ch.name, &content)?
                    };
                    let content = mark_definitions(&content);
                    let content = expand_blocks(&content, number, &mut outputs)?;
                    let content = crate::playground::expand_exercises(&content, &exercises)?;
                    let content = crate::runnable::expand_runnables(&ctx.root, &content)?;
                    ensure_no_leftover(&ch.name, &content)?;
                    Ok(content)
                })();
                match result {
                    Ok(content) => ch.content = content,
                    Err(e) => failure = Some(e.context(format!("chương «{}»", ch.name))),
                }
            }
        });
        if let Some(e) = failure {
            bail!("{e:#}");
        }
        Ok(book)
    }

    fn supports_renderer(&self, renderer: &str) -> mdbook_preprocessor::errors::Result<bool> {
        Ok(renderer == "html")
    }
}

/// Biến thể chỉ để đo: để nguyên mã TeX cho MathJax của mdBook, trong `\(…\)` và `\[…\]`, với cùng bộ quét công
/// thức như khi dựng KaTeX; ký tự đặc biệt được thoát thành thực thể HTML để Markdown không đọc nhầm.
fn mathjax_math(content: &str) -> String {
    let escape = |tex: &str| -> String {
        let html = crate::directives::escape_html(tex);
        crate::katex::protect_from_markdown(&html)
            .replace('`', "&#96;")
            .replace('[', "&#91;")
            .replace(']', "&#93;")
            .replace('|', "&#124;")
    };
    let mut out = String::with_capacity(content.len());
    for piece in markdown::pieces(content) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Inline(tex) => out.push_str(&format!("&#92;({}&#92;)", escape(tex))),
            Piece::Display(tex) => out.push_str(&format!("&#92;[{}&#92;]", escape(tex))),
        }
    }
    out
}

/// Lần định nghĩa một thuật ngữ (`<dfn>…</dfn>` trong chương): thêm dấu ẩn ⁅ ⁆ quanh thuật ngữ để ô tìm kiếm
/// (`theme/tim-kiem.js`) xếp mục định nghĩa lên trước mọi mục chỉ nhắc tới thuật ngữ — chỉ mục tìm kiếm của mdBook
/// chỉ giữ chữ, không giữ thẻ.
fn mark_definitions(content: &str) -> String {
    content
        .replace(
            "<dfn>",
            "<dfn><span class=\"search-mark\" aria-hidden=\"true\">\u{2045}</span>",
        )
        .replace(
            "</dfn>",
            "<span class=\"search-mark\" aria-hidden=\"true\">\u{2046}</span></dfn>",
        )
}

/// Chèn `<a id="eq-c-n"></a>` trước mỗi khối `$$` có `\tag{c.n}` để chương và bảng kiểm chứng liên kết tới.
fn anchor_equations(content: &str) -> String {
    let mut out = String::with_capacity(content.len());
    let mut last = 0;
    for m in markdown::display_math(content) {
        if let Some(c) = TAG_RE.captures(m.body) {
            out.push_str(&content[last..m.range.start]);
            out.push_str(&format!("<a id=\"eq-{}-{}\"></a>", &c[1], &c[2]));
            last = m.range.start;
        }
    }
    out.push_str(&content[last..]);
    out
}
