//! Truy vết công thức ↔ kiểm thử: đọc các `\tag{c.n}` trong chương và các hàm kiểm thử `eq_c_n_…`
//! trong mã, để bảng kiểm chứng được sinh ra và `tests/traceability.rs` kiểm cả hai chiều.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use anyhow::{anyhow, Context, Result};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use regex::Regex;

use crate::{markdown, walk};

/// `\tag{c.n}` trong một công thức.
pub static TAG_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\\tag\{(\d+)\.(\d+)\}").expect("regex hợp lệ"));

/// Tên kiểm thử theo quy ước: `eq_c_n_…` hoặc `claim_c_…`.
static TEST_NAME_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:eq_(\d+)_(\d+)_\w+|claim_(\d+)_\w+)$").expect("regex hợp lệ")
});

/// Một công thức hiển thị trong một chương.
#[derive(Debug, Clone)]
pub struct Equation {
    /// Tệp chương, tương đối với `src/`.
    pub file: String,
    /// Dòng (đếm từ 1) của `$$` mở.
    pub line: usize,
    /// Nhãn `(c, n)` nếu có `\tag{c.n}`.
    pub tag: Option<(u32, u32)>,
    /// Mã LaTeX (không có `$$`).
    pub latex: String,
}

/// Một kiểm thử `eq_…` hoặc `claim_…`.
#[derive(Debug, Clone)]
pub struct TestFn {
    /// Tên hàm.
    pub name: String,
    /// `(c, n)` với `eq_c_n_…`; `(c, 0)` với `claim_c_…`.
    pub tag: (u32, u32),
    /// Là khẳng định thực nghiệm (`claim_…`)?
    pub is_claim: bool,
    /// Tệp, tương đối với gốc kho.
    pub file: String,
    /// Dòng của `fn`.
    pub line: usize,
    /// Dòng chú thích `///` (mô tả điều được kiểm).
    pub doc: String,
    /// Có thuộc tính `#[test]`?
    pub is_test: bool,
    /// Mã nguồn của hàm (từ chú thích tới dấu `}` đóng).
    pub source: String,
}

/// Các khối `$$ … $$` của một tệp Markdown, bỏ qua mã ([`markdown::display_math`]).
pub fn equations_in(file: &str, text: &str) -> Vec<Equation> {
    markdown::display_math(text)
        .into_iter()
        .map(|m| {
            let tag = TAG_RE
                .captures(m.body)
                .map(|c| (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0)));
            Equation {
                file: file.to_string(),
                line: 1 + text[..m.range.start].matches('\n').count(),
                tag,
                latex: TAG_RE.replace_all(m.body, "").trim().to_string(),
            }
        })
        .collect()
}

/// Mọi công thức của mọi chương `src/*.md`, theo tên tệp.
pub fn book_equations(root: &Path) -> Result<Vec<Equation>> {
    let mut out = Vec::new();
    for path in walk::files(&root.join("src"), "md")? {
        let text = fs::read_to_string(&path).with_context(|| format!("đọc {}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.extend(equations_in(&name, &text));
    }
    Ok(out)
}

/// Tách các hàm `eq_c_n_…` và `claim_c_…` của một tệp Rust, bằng bộ tách từ tố của `proc-macro2`: cây từ tố
/// được duyệt cả bên trong thân macro (như `proptest! { … }`, nơi `fn f(x in chiến_lược)` không phải cú pháp Rust),
/// và đoạn nguồn của mỗi hàm (từ chú thích `///` tới `}` đóng) lấy từ vị trí của từ tố.
pub fn tests_in(file: &str, text: &str) -> Result<Vec<TestFn>> {
    let tokens: TokenStream = text
        .parse()
        .map_err(|e| anyhow!("{file}: không tách được từ tố Rust: {e}"))?;
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    scan_tokens(tokens, file, &lines, &mut out);
    Ok(out)
}

/// Duyệt một dãy từ tố (và mọi nhóm con) tìm `fn eq_…`/`fn claim_…` có thân.
fn scan_tokens(stream: TokenStream, file: &str, lines: &[&str], out: &mut Vec<TestFn>) {
    let tokens: Vec<TokenTree> = stream.into_iter().collect();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Group(group) => scan_tokens(group.stream(), file, lines, out),
            TokenTree::Ident(ident) if ident == "fn" => {
                if let Some(test) = test_fn(&tokens, i, file, lines) {
                    out.push(test);
                }
            }
            _ => {}
        }
    }
}

/// Kiểm thử bắt đầu bằng từ khoá `fn` ở vị trí `at` của `tokens`, nếu tên nó theo quy ước.
fn test_fn(tokens: &[TokenTree], at: usize, file: &str, lines: &[&str]) -> Option<TestFn> {
    let TokenTree::Ident(name) = tokens.get(at + 1)? else {
        return None;
    };
    let name = name.to_string();
    let c = TEST_NAME_RE.captures(&name)?;
    let tag = match (c.get(1), c.get(2), c.get(3)) {
        (Some(chapter), Some(number), _) => (
            chapter.as_str().parse().ok()?,
            number.as_str().parse().ok()?,
        ),
        (_, _, Some(chapter)) => (chapter.as_str().parse().ok()?, 0),
        _ => return None,
    };
    let is_claim = c.get(3).is_some();
    // Sau tên: `(` tham số hoặc `<` tham số kiểu; thân là nhóm `{…}` đầu tiên trước `;`.
    match tokens.get(at + 2)? {
        TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis => {}
        TokenTree::Punct(p) if p.as_char() == '<' => {}
        _ => return None,
    }
    let body = tokens[at + 2..].iter().find_map(|t| match t {
        TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => Some(Some(g)),
        TokenTree::Punct(p) if p.as_char() == ';' => Some(None),
        _ => None,
    })??;
    // Đi ngược: bổ ngữ (`pub`, `pub(crate)`, `async`…) rồi các thuộc tính `#[…]` (chú thích `///` là `#[doc]`).
    let mut start = at;
    while start > 0 {
        match &tokens[start - 1] {
            TokenTree::Ident(q)
                if ["pub", "async", "unsafe", "const", "extern"]
                    .contains(&q.to_string().as_str()) => {}
            TokenTree::Group(g)
                if g.delimiter() == Delimiter::Parenthesis
                    && matches!(tokens.get(start), Some(TokenTree::Ident(q)) if q == "pub") => {}
            _ => break,
        }
        start -= 1;
    }
    let mut attributes = Vec::new();
    while start >= 2 {
        let (TokenTree::Punct(hash), TokenTree::Group(attr)) =
            (&tokens[start - 2], &tokens[start - 1])
        else {
            break;
        };
        if hash.as_char() != '#' || attr.delimiter() != Delimiter::Bracket {
            break;
        }
        attributes.push(attr.stream());
        start -= 2;
    }
    attributes.reverse();
    let mut doc = Vec::new();
    let mut is_test = false;
    for attr in attributes {
        let parts: Vec<TokenTree> = attr.into_iter().collect();
        match parts.as_slice() {
            [TokenTree::Ident(id)] if id == "test" => is_test = true,
            [TokenTree::Ident(id), TokenTree::Punct(eq), TokenTree::Literal(lit)]
                if id == "doc" && eq.as_char() == '=' =>
            {
                // Chuỗi không đọc được thì coi như thiếu `///`: `violations` sẽ báo.
                if let Ok(text) = syn::parse2::<syn::LitStr>(TokenTree::Literal(lit.clone()).into())
                {
                    doc.push(text.value().trim().to_string());
                }
            }
            _ => {}
        }
    }
    let first = tokens[start].span().start().line;
    let last = body.span().end().line;
    Some(TestFn {
        name,
        tag,
        is_claim,
        file: file.to_string(),
        line: tokens[at].span().start().line,
        doc: doc.join(" "),
        is_test,
        source: lines.get(first.saturating_sub(1)..last)?.join("\n"),
    })
}

/// Mọi kiểm thử `eq_…`/`claim_…` trong `code/` (bỏ qua `target/`).
pub fn book_tests(root: &Path) -> Result<Vec<TestFn>> {
    let mut out = Vec::new();
    for path in walk::files(&root.join("code"), "rs")? {
        let text = fs::read_to_string(&path).with_context(|| format!("đọc {}", path.display()))?;
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        out.extend(tests_in(&rel, &text)?);
    }
    Ok(out)
}

/// Các vi phạm quy ước truy vết (rỗng nghĩa là đạt).
pub fn violations(equations: &[Equation], tests: &[TestFn]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut by_tag: BTreeMap<(u32, u32), &Equation> = BTreeMap::new();
    for eq in equations {
        match eq.tag {
            None => problems.push(format!(
                "{}:{}: công thức hiển thị không có \\tag{{c.n}}: {}",
                eq.file,
                eq.line,
                eq.latex.lines().next().unwrap_or("")
            )),
            Some(tag) => {
                let chapter: Option<u32> = eq.file.get(..2).and_then(|p| p.parse().ok());
                if chapter != Some(tag.0) {
                    problems.push(format!(
                        "{}:{}: \\tag{{{}.{}}} không thuộc chương của tệp",
                        eq.file, eq.line, tag.0, tag.1
                    ));
                }
                if by_tag.insert(tag, eq).is_some() {
                    problems.push(format!(
                        "{}:{}: \\tag{{{}.{}}} bị trùng",
                        eq.file, eq.line, tag.0, tag.1
                    ));
                }
            }
        }
    }
    // Số thứ tự liên tục 1..n trong mỗi chương.
    let mut per_chapter: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for &(c, n) in by_tag.keys() {
        per_chapter.entry(c).or_default().push(n);
    }
    for (c, ns) in &per_chapter {
        let want: Vec<u32> = (1..=ns.len() as u32).collect();
        if ns != &want {
            problems.push(format!(
                "chương {c}: các tag phải là {c}.1 … {c}.{} liên tục, đang có {ns:?}",
                ns.len()
            ));
        }
    }
    for t in tests {
        if !t.is_test {
            problems.push(format!("{}:{}: `{}` thiếu #[test]", t.file, t.line, t.name));
        }
        if t.doc.is_empty() {
            problems.push(format!(
                "{}:{}: `{}` thiếu dòng /// nói điều được kiểm",
                t.file, t.line, t.name
            ));
        }
        if !t.is_claim && !by_tag.contains_key(&t.tag) {
            problems.push(format!(
                "{}:{}: `{}` chỉ tới công thức ({}.{}) không tồn tại",
                t.file, t.line, t.name, t.tag.0, t.tag.1
            ));
        }
    }
    for (tag, eq) in &by_tag {
        if !tests.iter().any(|t| !t.is_claim && t.tag == *tag) {
            problems.push(format!(
                "{}:{}: công thức ({}.{}) chưa có kiểm thử `eq_{}_{}_…`",
                eq.file, eq.line, tag.0, tag.1, tag.0, tag.1
            ));
        }
    }
    problems
}
