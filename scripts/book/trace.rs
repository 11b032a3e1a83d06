//! Truy vết công thức ↔ kiểm thử: đọc các `\tag{c.n}` trong chương và các hàm kiểm thử `eq_c_n_…`
//! trong mã, để bảng kiểm chứng được sinh ra và `tests/traceability.rs` kiểm cả hai chiều.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use regex::Regex;

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

/// Tách các khối `$$ … $$` của một tệp Markdown, bỏ qua khối mã rào (```).
pub fn equations_in(file: &str, text: &str) -> Vec<Equation> {
    let tag_re = Regex::new(r"\\tag\{(\d+)\.(\d+)\}").expect("regex hợp lệ");
    let mut out = Vec::new();
    let mut in_fence = false;
    let mut open: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if open.is_none() && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let mut rest = line;
        while let Some(pos) = rest.find("$$") {
            let before = &rest[..pos];
            match open.take() {
                None => open = Some((i + 1, String::new())),
                Some((start, mut body)) => {
                    body.push_str(before);
                    let tag = tag_re
                        .captures(&body)
                        .map(|c| (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0)));
                    let latex = tag_re.replace_all(&body, "").trim().to_string();
                    out.push(Equation {
                        file: file.to_string(),
                        line: start,
                        tag,
                        latex,
                    });
                }
            }
            rest = &rest[pos + 2..];
        }
        if let Some((_, body)) = open.as_mut() {
            body.push_str(rest);
            body.push('\n');
        }
    }
    out
}

/// Mọi công thức của mọi chương `src/*.md`, theo tên tệp.
pub fn book_equations(root: &Path) -> Result<Vec<Equation>> {
    let mut files: Vec<PathBuf> = fs::read_dir(root.join("src"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let text = fs::read_to_string(&path).with_context(|| format!("đọc {}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.extend(equations_in(&name, &text));
    }
    Ok(out)
}

/// Tách các hàm `eq_c_n_…` và `claim_c_…` của một tệp Rust.
pub fn tests_in(file: &str, text: &str) -> Vec<TestFn> {
    let fn_re = Regex::new(r"^\s*(?:pub\s+)?fn\s+((eq)_(\d+)_(\d+)_\w+|(claim)_(\d+)_\w+)\s*[(<]")
        .expect("regex");
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(c) = fn_re.captures(line) else {
            continue;
        };
        let is_claim = c.get(5).is_some();
        let tag = if is_claim {
            (c[6].parse().unwrap_or(0), 0)
        } else {
            (c[3].parse().unwrap_or(0), c[4].parse().unwrap_or(0))
        };
        // Đi ngược: các thuộc tính #[…] rồi các dòng ///.
        let mut j = i;
        let mut is_test = false;
        while j > 0 && lines[j - 1].trim_start().starts_with("#[") {
            j -= 1;
            is_test |= lines[j].trim() == "#[test]";
        }
        let mut doc_lines = Vec::new();
        while j > 0 && lines[j - 1].trim_start().starts_with("///") {
            j -= 1;
            doc_lines.push(lines[j].trim_start().trim_start_matches("///").trim());
        }
        doc_lines.reverse();
        let end = block_end(&lines, i);
        out.push(TestFn {
            name: c[1].to_string(),
            tag,
            is_claim,
            file: file.to_string(),
            line: i + 1,
            doc: doc_lines.join(" "),
            is_test,
            source: lines[j..=end].join("\n"),
        });
    }
    out
}

/// Dòng chứa dấu `}` đóng thân hàm bắt đầu ở dòng `start` (đếm ngoặc, đủ cho mã đã qua rustfmt).
fn block_end(lines: &[&str], start: usize) -> usize {
    let mut depth = 0i32;
    let mut seen = false;
    for (k, line) in lines.iter().enumerate().skip(start) {
        for ch in line.chars() {
            match ch {
                '{' => {
                    depth += 1;
                    seen = true;
                }
                '}' => depth -= 1,
                _ => {}
            }
        }
        if seen && depth <= 0 {
            return k;
        }
    }
    lines.len() - 1
}

/// Mọi kiểm thử `eq_…`/`claim_…` trong `code/` (bỏ qua `target/`).
pub fn book_tests(root: &Path) -> Result<Vec<TestFn>> {
    let mut files = Vec::new();
    collect_rs(&root.join("code"), &mut files)?;
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let text = fs::read_to_string(&path)?;
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        out.extend(tests_in(&rel, &text));
    }
    Ok(out)
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "target") {
                collect_rs(&path, out)?;
            }
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    Ok(())
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
