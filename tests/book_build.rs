//! Dựng toàn bộ sách trong tiến trình (như `cargo run --bin book -- build`) vào thư mục tạm và kiểm bản dựng.
//! Cần mạng tới kho npm ở lần chạy đầu tiên (tải KaTeX 0.16.4 có kiểm SHA-512), hoặc biến KATEX_TARBALL.

use std::fs;

use book_tools::{build, repo_root};

/// Sách dựng được; không lỗi KaTeX, không `$$` sót, không tải gì từ máy chủ khác, phông KaTeX có trong sách,
/// mỗi chỉ thị `{{#figure}}` thành một hình, và bảng kiểm chứng có mặt.
#[test]
fn book_builds_and_passes_output_checks() {
    let root = repo_root();
    let dir = tempfile::tempdir().unwrap();
    let (out, report) = build(&root, Some(dir.path())).unwrap_or_else(|e| panic!("{e:#}"));
    let directives: usize = book_tools::walk::files(&root.join("src"), "md")
        .unwrap()
        .iter()
        .map(|path| {
            fs::read_to_string(path)
                .unwrap()
                .lines()
                .filter(|l| l.trim_start().starts_with("{{#figure "))
                .count()
        })
        .sum();
    // print.html chứa lại mọi hình một lần nữa.
    assert_eq!(report.figures, 2 * directives, "số hình trong bản dựng");
    assert!(report.formulas > 100);
    let table = fs::read_to_string(out.join("bang-kiem-chung.html")).unwrap();
    assert!(table.contains("eq_2_4_log_sum_exp"));
    assert!(!table.contains("Truy vết chưa đạt"));
    // Script tự tải lại chỉ có trong bản `serve`, không bao giờ trong bản để xuất bản.
    let chapter = fs::read_to_string(out.join("02-entropy-cheo.html")).unwrap();
    assert!(!chapter.contains(book_tools::serve::LIVE_RELOAD_ENDPOINT));
    assert!(chapter.contains("<code class=\"language-rust editable"));
    // Đoạn mã công thức chạy được: văn bản của khối trong HTML (thứ book.js gửi tới playground) đúng bằng chương
    // trình sinh lúc dựng mà tests/playground.rs biên dịch và chạy.
    let runnables = book_tools::runnable::book_runnables(&root).unwrap();
    let re = regex::Regex::new(
        r#"(?s)<pre class="playground"><code class="language-rust mdbook-runnable edition2021">(.*?)</code></pre>"#,
    )
    .unwrap();
    let tag = regex::Regex::new(r"<[^>]*>").unwrap();
    let mut pages = Vec::new();
    for name in book_tools::walk::files(&out, "html").unwrap() {
        if !name.ends_with("print.html") {
            let html = fs::read_to_string(&name).unwrap();
            pages.extend(re.captures_iter(&html).map(|c| {
                tag.replace_all(&c[1], "")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&")
            }));
        }
    }
    assert_eq!(pages.len(), runnables.len(), "số khối chạy được trong HTML");
    for r in &runnables {
        assert!(
            pages.iter().any(|p| p.trim_end_matches('\n') == r.text),
            "{}: không có khối nào trong HTML đúng bằng chương trình sinh lúc dựng",
            r.directive
        );
    }
}

/// Lỗi LaTeX làm hỏng bản dựng (mdbook-katex tự nó chỉ cảnh báo).
#[test]
fn latex_error_fails_rendering() {
    let err =
        book_tools::katex::render_math("thử", "đúng $a^2$ và sai $$\\frac{1}{$$").unwrap_err();
    assert!(format!("{err}").contains("lỗi LaTeX"), "{err}");
    assert!(book_tools::katex::render_math("thử", "$$a \\tag{1.1}$$")
        .unwrap()
        .contains("katex"));
}

/// Include trỏ tới anchor không có là lỗi dựng, không phải một đoạn mã rỗng.
#[test]
fn missing_anchor_fails() {
    let root = repo_root();
    let chapter = root.join("src").join("01-gioi-thieu.md");
    let bad = "{{#include ../code/src/softmax.rs:khong_co_anchor_nay}}";
    assert!(book_tools::includes::check_includes(&chapter, bad).is_err());
    let good = "{{#include ../code/src/softmax.rs:softmax}}";
    book_tools::includes::check_includes(&chapter, good).unwrap();
}

/// Kiểm bản dựng bắt được tài nguyên tải từ CDN.
#[test]
fn output_check_rejects_cdn() {
    let dir = tempfile::tempdir().unwrap();
    let html = r#"<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/katex@0.16.4/dist/katex.min.css">"#;
    fs::write(dir.path().join("a.html"), html).unwrap();
    let err = book_tools::check::check_output(dir.path()).unwrap_err();
    assert!(format!("{err}").contains("cdn.jsdelivr.net"), "{err}");
}

/// HTML của KaTeX không bị Markdown đọc nhầm: `\tilde`, `*`, `_` trong công thức vẫn hiển thị đúng sau mdBook.
#[test]
fn katex_output_survives_markdown() {
    let html =
        book_tools::katex::render_math("thử", r"$\tilde{x} \ast y_{\tilde z}$ và $\tilde a$")
            .unwrap();
    assert!(!html.contains('~') && !html.contains('*'), "{html}");
    assert!(html.contains("&#126;"));
}

/// Công thức có MathML (trình đọc màn hình); công thức hiển thị nằm trong khung cuộn `.eq-body` và số công thức
/// `.tag` đứng NGOÀI khung đó (không đè, không cuộn theo); mã TeX được đánh dấu cho ô tìm kiếm.
#[test]
fn display_math_has_mathml_and_tag_outside_scroll_box() {
    use book_tools::katex::{SEARCH_END, SEARCH_START, SEARCH_TEX_END, SEARCH_TEX_START};
    let html = book_tools::katex::render_math("thử", "$$a = b \\tag{1.1}$$ và $x$").unwrap();
    assert_eq!(html.matches("<math").count(), 2, "{html}");
    let body = html.find("<span class=\"eq-body\">").expect("có .eq-body");
    let tag = html.find("<span class=\"tag\">").expect("có .tag");
    let between = &html[body..tag];
    assert_eq!(
        between.matches("<span").count(),
        between.matches("</span>").count(),
        ".eq-body phải đóng trước .tag: {between}"
    );
    let tex = format!("{SEARCH_TEX_START}a = b &#92;tag{{1.1}}{SEARCH_TEX_END}");
    assert!(html.contains(&tex), "{html}");
    assert_eq!(
        html.matches(SEARCH_START).count(),
        4,
        "đầu và cuối của hai công thức"
    );
    assert_eq!(SEARCH_START, SEARCH_END);
}

/// `{{#figref}}` trỏ tới hình không có là lỗi dựng; tên đúng thành liên kết tới đúng trang và neo.
#[test]
fn figref_resolves_or_fails() {
    use std::collections::HashMap;
    let index: HashMap<String, (String, String)> = [(
        "a".to_string(),
        ("03-x.html".to_string(), "3.2".to_string()),
    )]
    .into();
    let html = book_tools::directives::expand_figrefs("xem {{#figref a}}.", &index).unwrap();
    assert_eq!(html, "xem <a href=\"03-x.html#hinh-3-2\">Hình 3.2</a>.");
    assert!(book_tools::directives::expand_figrefs("{{#figref khong_co}}", &index).is_err());
}

/// `{{#eqref c.n}}` tới công thức không có là lỗi dựng; số có thật thành liên kết «(c.n)» tới neo `#eq-c-n`.
#[test]
fn eqref_resolves_or_fails() {
    use std::collections::HashMap;
    let index: HashMap<String, String> = [("2.6".to_string(), "02-x.html".to_string())].into();
    let html = book_tools::eqref::expand_eqrefs("xem {{#eqref 2.6}}.", &index).unwrap();
    assert_eq!(
        html,
        "xem <a class=\"eqref\" href=\"02-x.html#eq-2-6\">(2.6)</a>."
    );
    let err = book_tools::eqref::expand_eqrefs("{{#eqref 2.9}}", &index).unwrap_err();
    assert!(format!("{err}").contains("2.9"), "{err}");
}

/// Chỉ thị gõ sai (không được thay) ngoài mã là lỗi dựng; trong khối mã hay mã nội dòng thì là chữ.
#[test]
fn leftover_directive_fails_outside_code() {
    use book_tools::directives::ensure_no_leftover;
    let err = ensure_no_leftover("thử", "đoạn\n\n{{#figur x}}\n").unwrap_err();
    assert!(format!("{err}").contains("{{#figur x}}"), "{err}");
    assert!(ensure_no_leftover(
        "thử",
        "x\n\n```text\n{{#figure a}}\n```\n\n`{{#value a.b}}`\n\n    {{#x}}\n"
    )
    .is_ok());
}
