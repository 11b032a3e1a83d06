//! Kiểm bản dựng HTML: không còn lỗi KaTeX, không còn `$$` chưa dựng, không tải gì từ máy chủ khác,
//! phông KaTeX nằm trong sách, mọi hình có mặt, mọi widget kèm cấu hình và vector vàng, mọi công thức có MathML,
//! nút Run chỉ trên khối mã `mdbook-runnable`.

use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use anyhow::{bail, Result};
use regex::Regex;

use crate::walk;

/// Tài nguyên tải tự động: src=…, <link href=…>, url(…) trong CSS, @import.
static FETCH_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)(?:\bsrc\s*=\s*["']?|<link[^>]*\bhref\s*=\s*["']?|url\(\s*["']?|@import\s+["'])(https?:)?//([^/"' )>]+)"#,
    )
    .expect("regex hợp lệ")
});

/// Khối mã có nút Run: `<pre class="playground"><code class="…">`.
static CELL_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<td[^>]*>(.*?)</td>").expect("regex hợp lệ"));

static PLAYGROUND_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<pre class="playground"><code class="([^"]*)""#).expect("regex hợp lệ")
});

/// Thẻ và nội dung không hiển thị thành chữ: `<script>`, `<pre>`, `<code>`, mọi thẻ.
static HIDDEN_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<(script|pre|code)\b.*?</(script|pre|code)>|<[^>]*>").expect("regex hợp lệ")
});

/// Máy chủ ngoài duy nhất mà trang được phép *nhắc tới* ngoài liên kết trong lời văn: playground của Rust
/// (chỉ được gọi khi bạn đọc bấm Run).
pub const ALLOWED_HOSTS: &[&str] = &["play.rust-lang.org"];

/// Kết quả kiểm một bản dựng.
#[derive(Debug, Default)]
pub struct Report {
    /// Số trang HTML đã kiểm.
    pub pages: usize,
    /// Số hình SVG nội tuyến.
    pub figures: usize,
    /// Số công thức KaTeX đã dựng.
    pub formulas: usize,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Report {
            pages,
            figures,
            formulas,
        } = self;
        write!(f, "{pages} trang, {figures} hình, {formulas} công thức")
    }
}

/// Kiểm thư mục bản dựng `dir`; lỗi liệt kê mọi vấn đề.
pub fn check_output(dir: &Path) -> Result<Report> {
    let files = walk::all_files(dir)?;
    let mut report = Report::default();
    let mut problems = Vec::new();
    for file in &files {
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "html" | "css" | "js") {
            continue;
        }
        let text = fs::read_to_string(file)?;
        let rel = file.strip_prefix(dir).unwrap_or(file).display().to_string();
        for c in FETCH_RE.captures_iter(&text) {
            let host = &c[2];
            if !ALLOWED_HOSTS.contains(&host) {
                problems.push(format!("{rel}: tải tài nguyên từ máy chủ ngoài «{host}»"));
            }
        }
        if ext != "html" {
            continue;
        }
        report.pages += 1;
        // Bảng kiểm chứng chép nguyên chú thích `///` của kiểm thử (còn viết số kiểu 0.5): chưa thuộc quy ước.
        if rel != "print.html" && rel != "bang-kiem-chung.html" {
            for p in crate::numbers::number_problems(&crate::numbers::visible_text(&text)) {
                problems.push(format!("{rel}: cách viết số: {p}"));
            }
        }
        report.figures += text.matches("class=\"book-figure\"").count();
        report.formulas += text.matches("class=\"katex\"").count();
        let widgets = text.matches("class=\"book-widget\"").count();
        if widgets != text.matches("class=\"widget-config\"").count()
            || widgets != text.matches("class=\"widget-golden\"").count()
        {
            problems.push(format!("{rel}: widget thiếu cấu hình hoặc vector vàng"));
        }
        let katex = text.matches("class=\"katex\"").count();
        let mathml = text.matches("class=\"katex-mathml\"").count();
        if mathml != katex {
            problems.push(format!(
                "{rel}: {} trên {katex} công thức không có MathML (trình đọc màn hình không đọc được)",
                katex.saturating_sub(mathml)
            ));
        }
        for c in PLAYGROUND_RE.captures_iter(&text) {
            if !c[1].split(' ').any(|k| k == "mdbook-runnable") {
                problems.push(format!(
                    "{rel}: nút Run trên khối mã không đánh dấu mdbook-runnable ({})",
                    &c[1]
                ));
                break;
            }
        }
        // Một `|` lọt vào ô bảng (kể cả trong mã TeX của một công thức) cắt ô làm đôi: công thức bị xẻ, phần
        // MathML ở một ô, phần hiển thị ở ô sau, và ô cuối của hàng bị mdBook bỏ đi.
        if CELL_RE.captures_iter(&text).any(|c| {
            c[1].matches("<span class=\"katex\">").count()
                != c[1].matches("class=\"katex-html\"").count()
        }) {
            problems.push(format!(
                "{rel}: một công thức trong bảng bị xẻ sang ô khác (dấu `|` chưa thoát)"
            ));
        }
        if text.contains("katex-error") {
            problems.push(format!("{rel}: có phần tử katex-error"));
        }
        if visible_text_contains(&text, "$$") {
            problems.push(format!("{rel}: còn `$$` chưa dựng"));
        }
        if text.contains("class=\"katex\"") && !text.contains("katex/katex.min.css") {
            problems.push(format!(
                "{rel}: có công thức nhưng không nạp katex/katex.min.css của sách"
            ));
        }
    }
    let css = dir.join("katex").join("katex.min.css");
    if !css.exists() || !dir.join("katex/fonts/KaTeX_Main-Regular.woff2").exists() {
        problems.push("thiếu katex/katex.min.css hoặc phông KaTeX trong bản dựng".into());
    }
    if !problems.is_empty() {
        bail!("bản dựng không đạt:\n  {}", problems.join("\n  "));
    }
    Ok(report)
}

/// Văn bản hiển thị (bỏ thẻ, bỏ `<code>`/`<pre>`/`<script>`) có chứa `needle` không.
fn visible_text_contains(html: &str, needle: &str) -> bool {
    HIDDEN_RE.replace_all(html, " ").contains(needle)
}
