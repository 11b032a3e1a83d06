//! Các chỉ thị riêng của sách, thay trong nội dung chương lúc dựng:
//!
//! * `{{#figure tên}}` — vẽ hình bằng mã của crate đồng hành và chèn SVG trực tiếp, đánh số «Hình c.k».
//! * `{{#output tên}}` — chạy chương trình minh hoạ, chèn văn bản nó in ra.
//! * `{{#value tên.khoá}}` — chèn một giá trị có tên do chương trình đó tính.
//! * `{{#widget tên}}` — chỗ đặt một widget tương tác (`theme/widgets.js`), kèm cấu hình ban đầu và vector vàng
//!   do crate đồng hành tính (`embedding_loss::widgets`), nhúng dạng `<script type="application/json">`.
//! * `{{#verification-table}}` — bảng kiểm chứng công thức (phụ lục).

use std::collections::HashMap;
use std::sync::LazyLock;

use anyhow::{anyhow, bail, Result};
use embedding_loss::{figures, programs, widgets};
use mdbook_preprocessor::book::{Book, BookItem};
use regex::{Captures, Regex};

use crate::markdown::{code_ranges, in_ranges};

/// Một dòng chỉ chứa chỉ thị khối `{{#kind tên}}`.
pub(crate) fn block_directive(kind: &str) -> Regex {
    Regex::new(&format!(
        r"(?m)^\{{\{{#{kind}\s+([A-Za-z0-9_]+)\s*\}}\}}\s*$"
    ))
    .expect("regex hợp lệ")
}

static VALUE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{#value\s+([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\s*\}\}").expect("regex hợp lệ")
});
static WIDGET_RE: LazyLock<Regex> = LazyLock::new(|| block_directive("widget"));
static OUTPUT_RE: LazyLock<Regex> = LazyLock::new(|| block_directive("output"));
static FIGURE_RE: LazyLock<Regex> = LazyLock::new(|| block_directive("figure"));
static FIGREF_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{\{#figref\s+([A-Za-z0-9_]+)\s*\}\}").expect("regex hợp lệ"));

/// Bộ đệm kết quả chương trình trong một lần dựng (mỗi chương trình chạy một lần).
#[derive(Default)]
pub struct Outputs {
    cache: HashMap<String, programs::Output>,
}

impl Outputs {
    /// Kết quả của chương trình `name` (chạy nếu chưa có).
    pub fn get(&mut self, name: &str) -> Result<&programs::Output> {
        if !self.cache.contains_key(name) {
            let program = programs::find(name)
                .ok_or_else(|| anyhow!("không có chương trình «{name}» (code/src/programs)"))?;
            let out = (program.run)().map_err(|e| anyhow!("chương trình «{name}» lỗi: {e}"))?;
            self.cache.insert(name.to_string(), out);
        }
        Ok(&self.cache[name])
    }
}

/// Thay `{{#value …}}` (chạy trước KaTeX, để giá trị có thể nằm trong công thức).
pub fn expand_values(content: &str, outputs: &mut Outputs) -> Result<String> {
    replace_all(&VALUE_RE, content, |c| {
        let out = outputs.get(&c[1])?;
        out.get(&c[2])
            .map(str::to_string)
            .ok_or_else(|| anyhow!("chương trình «{}» không có giá trị «{}»", &c[1], &c[2]))
    })
}

/// Thay `{{#output …}}`, `{{#widget …}}` và `{{#figure …}}` (chạy sau KaTeX: SVG và văn bản không bị quét công thức).
pub fn expand_blocks(content: &str, chapter: Option<u32>, outputs: &mut Outputs) -> Result<String> {
    let content = replace_all(&WIDGET_RE, content, |c| widget_html(&c[1]))?;
    let content = replace_all(&OUTPUT_RE, &content, |c| {
        let text = &outputs.get(&c[1])?.text;
        Ok(format!(
            "<pre class=\"program-output\" data-program=\"{}\"><code>{}</code></pre>",
            &c[1],
            escape_html(text.trim_end())
        ))
    })?;
    let mut count = 0;
    replace_all(&FIGURE_RE, &content, |c| {
        let fig = figures::find(&c[1])
            .ok_or_else(|| anyhow!("không có hình «{}» (code/src/figures)", &c[1]))?;
        let svg = (fig.render)().map_err(|e| anyhow!("hình «{}»: {e}", fig.name))?;
        count += 1;
        let label = match chapter {
            Some(ch) => format!("{ch}.{count}"),
            None => count.to_string(),
        };
        Ok(figure_html(fig.name, &label, fig.caption, &svg))
    })
}

/// Số hiệu «c.k» và trang của mọi hình, theo thứ tự xuất hiện (cùng quy tắc đánh số với [`expand_blocks`]),
/// để `{{#figref tên}}` ở chương khác trỏ đúng hình dù thứ tự hình thay đổi.
pub fn figure_index(book: &Book) -> HashMap<String, (String, String)> {
    let mut index = HashMap::new();
    for item in book.iter() {
        let BookItem::Chapter(ch) = item else {
            continue;
        };
        let Some(path) = &ch.path else { continue };
        let page = path
            .with_extension("html")
            .to_string_lossy()
            .replace('\\', "/");
        let chapter = ch.number.as_ref().and_then(|n| n.first().copied());
        for (k, c) in FIGURE_RE.captures_iter(&ch.content).enumerate() {
            let label = chapter.map_or((k + 1).to_string(), |n| format!("{n}.{}", k + 1));
            index.insert(c[1].to_string(), (page.clone(), label));
        }
    }
    index
}

/// Thay `{{#figref tên}}` bằng liên kết «Hình c.k» tới hình đó.
pub fn expand_figrefs(content: &str, index: &HashMap<String, (String, String)>) -> Result<String> {
    replace_all(&FIGREF_RE, content, |c| {
        let (page, label) = index.get(&c[1]).ok_or_else(|| {
            anyhow!(
                "{{{{#figref {}}}}}: không có hình nào tên này trong sách",
                &c[1]
            )
        })?;
        Ok(format!(
            "<a href=\"{page}#hinh-{}\">Hình {label}</a>",
            label.replace('.', "-")
        ))
    })
}

/// Chỉ số dưới `x_{i}` trong chú thích hình (như chữ trong hình, STYLE.md «Hình đọc được»).
static SUBSCRIPT_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"_\{([^}]*)\}").expect("regex hợp lệ"));

/// Khối HTML của một hình: SVG nội tuyến trên một dòng (để Markdown không cắt khối HTML) và chú thích. Chỉ số dưới
/// `x_{i}` của chú thích thành `<sub>` (nhãn `aria-label` giữ chữ liền).
pub fn figure_html(name: &str, label: &str, caption: &str, svg: &str) -> String {
    let start = svg.find("<svg").unwrap_or(0);
    let spoken = SUBSCRIPT_RE.replace_all(caption, "$1");
    let shown = SUBSCRIPT_RE
        .replace_all(&escape_html(caption), "<sub>$1</sub>")
        .into_owned();
    let svg = svg[start..]
        .replacen(
            "<svg ",
            &format!("<svg role=\"img\" aria-label=\"{}\" ", escape_html(&spoken)),
            1,
        )
        .replace(['\n', '\r'], " ");
    format!(
        "<figure class=\"book-figure\" id=\"hinh-{}\" data-figure=\"{name}\">{svg}<figcaption><strong>Hình {label}.</strong> {}</figcaption></figure>\n",
        label.replace('.', "-"),
        shown
    )
}

/// Khối HTML của một widget: chỗ đặt (JavaScript dựng giao diện), cấu hình ban đầu và vector vàng, trên một dòng.
pub fn widget_html(name: &str) -> Result<String> {
    let widget = widgets::find(name)
        .ok_or_else(|| anyhow!("không có widget «{name}» (code/src/widgets.rs)"))?;
    let config = (widget.config)().map_err(|e| anyhow!("widget «{name}»: {e}"))?;
    let golden = (widget.golden)().map_err(|e| anyhow!("widget «{name}»: {e}"))?;
    for json in [&config, &golden] {
        serde_json::from_str::<serde_json::Value>(json)
            .map_err(|e| anyhow!("widget «{name}»: JSON hỏng: {e}"))?;
    }
    Ok(format!(
        "<div class=\"book-widget\" data-widget=\"{name}\"><p class=\"widget-noscript\">Widget tương tác này cần JavaScript.</p></div><script type=\"application/json\" class=\"widget-config\" data-widget=\"{name}\">{config}</script><script type=\"application/json\" class=\"widget-golden\" data-widget=\"{name}\">{golden}</script>\n"
    ))
}

/// Thoát các ký tự đặc biệt của HTML.
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn replace_all(
    re: &Regex,
    text: &str,
    mut f: impl FnMut(&Captures) -> Result<String>,
) -> Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for c in re.captures_iter(text) {
        let m = c.get(0).expect("nhóm 0 luôn có");
        out.push_str(&text[last..m.start()]);
        out.push_str(&f(&c)?);
        last = m.end();
    }
    out.push_str(&text[last..]);
    Ok(out)
}

/// Lỗi nếu còn chỉ thị `{{#…}}` lạ (gõ sai tên) ngoài mã sau khi đã thay hết.
pub fn ensure_no_leftover(chapter: &str, content: &str) -> Result<()> {
    let code = code_ranges(content);
    if let Some((at, _)) = content
        .match_indices("{{#")
        .find(|&(at, _)| !in_ranges(&code, at))
    {
        let line_start = content[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = content[at..].find('\n').map_or(content.len(), |i| at + i);
        bail!(
            "chương «{chapter}»: chỉ thị không nhận ra: {}",
            content[line_start..line_end].trim()
        );
    }
    Ok(())
}
