//! Phụ lục «Bảng kiểm chứng công thức», sinh lúc dựng từ [`crate::trace`].

use std::fmt::Write;
use std::path::Path;
use std::sync::LazyLock;

use anyhow::Result;
use regex::Regex;

use crate::directives::escape_html;
use crate::trace::{book_equations, book_tests, violations, TestFn};

/// HTML của bảng kiểm chứng (công thức trong `$…$` để bước KaTeX dựng tiếp).
pub fn verification_table(root: &Path) -> Result<String> {
    let equations = book_equations(root)?;
    let tests = book_tests(root)?;
    let mut html = String::new();
    let problems = violations(&equations, &tests);
    if !problems.is_empty() {
        writeln!(
            html,
            "<div class=\"warning\"><p><strong>Truy vết chưa đạt</strong> ({} vấn đề):</p><ul>",
            problems.len()
        )?;
        for p in &problems {
            writeln!(html, "<li>{}</li>", escape_html(p))?;
        }
        writeln!(html, "</ul></div>\n")?;
    }
    let tagged: Vec<_> = equations
        .iter()
        .filter_map(|e| e.tag.map(|t| (t, e)))
        .collect();
    let count_tests = tests.iter().filter(|t| !t.is_claim).count();
    writeln!(
        html,
        "<p>{} công thức đánh số, {} kiểm thử công thức, {} kiểm thử thực nghiệm.</p>\n",
        tagged.len(),
        count_tests,
        tests.iter().filter(|t| t.is_claim).count()
    )?;
    writeln!(html, "<div class=\"table-wrapper\"><table class=\"verification\"><thead><tr><th>Công thức</th><th>Kiểm thử</th><th>Kiểm gì</th></tr></thead><tbody>")?;
    for ((c, n), eq) in &tagged {
        let page = eq.file.replace(".md", ".html");
        let mine: Vec<&TestFn> = tests
            .iter()
            .filter(|t| !t.is_claim && t.tag == (*c, *n))
            .collect();
        let rows = mine.len().max(1);
        let latex = eq.latex.replace('\n', " ");
        write!(
            html,
            "<tr><td rowspan=\"{rows}\"><a href=\"{page}#eq-{c}-{n}\">({c}.{n})</a><br>$\\displaystyle {latex}$</td>"
        )?;
        if mine.is_empty() {
            writeln!(
                html,
                "<td colspan=\"2\"><strong>chưa có kiểm thử</strong></td></tr>"
            )?;
        }
        for (i, t) in mine.iter().enumerate() {
            if i > 0 {
                write!(html, "<tr>")?;
            }
            writeln!(html, "{}</tr>", test_cells(t))?;
        }
    }
    writeln!(html, "</tbody></table></div>\n")?;
    writeln!(html, "\n## Khẳng định thực nghiệm\n")?;
    writeln!(html, "<div class=\"table-wrapper\"><table class=\"verification\"><thead><tr><th>Chương</th><th>Kiểm thử</th><th>Cho thấy</th></tr></thead><tbody>")?;
    for t in tests.iter().filter(|t| t.is_claim) {
        writeln!(html, "<tr><td>{}</td>{}</tr>", t.tag.0, test_cells(t))?;
    }
    writeln!(html, "</tbody></table></div>\n")?;
    writeln!(html, "\n## Mã nguồn các kiểm thử\n")?;
    for t in &tests {
        writeln!(
            html,
            "<details id=\"test-{name}\"><summary><code>{name}</code> — <code>{file}:{line}</code></summary><pre><code class=\"language-rust\">{src}</code></pre></details>",
            name = t.name,
            file = t.file,
            line = t.line,
            src = escape_html(&t.source).replace('$', "&#36;").replace('\n', "&#10;")
        )?;
    }
    Ok(html)
}

fn test_cells(t: &TestFn) -> String {
    format!(
        "<td><a href=\"#test-{name}\"><code>{name}</code></a><br><small>{file}:{line}</small></td><td>{doc}</td>",
        name = t.name,
        file = t.file,
        line = t.line,
        doc = inline_markdown(&escape_html(&t.doc).replace('$', "&#36;"))
    )
}

/// Chuyển `` `mã` `` và `*nhấn*` trong dòng `///` thành HTML (ô bảng là HTML thô, Markdown không được xử lý).
fn inline_markdown(text: &str) -> String {
    static CODE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"`([^`]+)`").expect("regex hợp lệ"));
    static EMPH: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\*([^*\s][^*]*)\*").expect("regex hợp lệ"));
    let text = CODE.replace_all(text, "<code>$1</code>");
    EMPH.replace_all(&text, "<em>$1</em>").into_owned()
}
