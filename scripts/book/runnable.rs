//! Đoạn mã công thức chạy được trong trang: `{{#runnable chương_trình ../code/src/tệp.rs:anchor …}}` trên một
//! dòng riêng thay cho khối ` ```rust,noplayground ` + `{{#include}}`.
//!
//! Lúc dựng, trình dựng ghép một chương trình tự chứa từ chính mã nguồn của `code/src` (không chép tay): mỗi module
//! cần tới (tệp của anchor, chương trình minh hoạ `code/src/programs/<…>.rs` chứa `chương_trình`, và mọi module
//! `crate::…` chúng gọi, đệ quy) thành một `mod tên { … }` nguyên văn — nên `use crate::…` vẫn đúng — cùng các dòng
//! `pub use` của `lib.rs` và một `main` gọi `programs::print_program`, đúng như `cargo run --example chương_trình`.
//! Trang chỉ hiện các vùng anchor; mọi dòng khác là dòng ẩn `# ` (trừ chú thích tài liệu `///`, `//!` của dòng ẩn:
//! bỏ đi để trang nhẹ). Chỉ được dùng crate ngoài có trên Rust
//! Playground và có trong [`PLAYGROUND_CRATES`]; cần crate khác (ndarray, nalgebra, rand, …) là lỗi dựng.
//! [`Runnable::text`] là đúng các byte trang gửi đi; `tests/playground.rs` biên dịch, chạy nó và so kết quả in ra
//! với kết quả chương trình mà trang chèn bằng `{{#output}}`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use anyhow::{anyhow, bail, Context, Result};
use regex::Regex;

use crate::markdown::{code_ranges, in_ranges};
use crate::playground::{anchor, hidden_by_mdbook, LOCAL_COMMAND};

/// Crate ngoài mà chương trình gửi đi được dùng: có trên Rust Playground (100 crate tải nhiều nhất) và
/// `tests/playground.rs` liên kết được với đúng bản mà crate của sách dùng.
pub const PLAYGROUND_CRATES: &[&str] = &["thiserror"];

static RUNNABLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\{\{#runnable\s+([A-Za-z0-9_]+)((?:\s+[^\s:}]+:[A-Za-z0-9_]+)+)\s*\}\}\s*$")
        .expect("regex hợp lệ")
});
static CRATE_PATH_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bcrate::([a-z_][a-z0-9_]*)\b").expect("regex hợp lệ"));
static PATH_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([a-z_][a-z0-9_]*)::").expect("regex hợp lệ"));
static PROGRAM_NAME_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\bname:\s*"([A-Za-z0-9_]+)""#).expect("regex hợp lệ"));

/// Một đoạn mã chạy được: chương trình tự chứa và các vùng anchor hiện ra.
#[derive(Debug, Clone)]
pub struct Runnable {
    /// Chỉ thị gốc (để báo lỗi và đếm).
    pub directive: String,
    /// Tên chương trình minh hoạ mà `main` chạy (`code/src/programs`).
    pub program: String,
    /// Đúng các byte trang gửi tới playground (dòng ẩn không có tiền tố `# `).
    pub text: String,
    /// Khối Markdown ` ```rust,mdbook-runnable `.
    pub markdown: String,
}

/// Một dòng của chương trình: hiện ra hay ẩn.
struct Line {
    text: String,
    visible: bool,
}

/// Sinh đoạn mã chạy được cho `program` với các vùng `regions` (đường dẫn tương đối với `src/`, anchor).
pub fn runnable(root: &Path, program: &str, regions: &[(String, String)]) -> Result<Runnable> {
    let lib = root.join("code/src");
    let directive = format!(
        "{{{{#runnable {program} {}}}}}",
        regions
            .iter()
            .map(|(p, a)| format!("{p}:{a}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let context = || format!("`{directive}`");
    // Module của mỗi vùng: tên tệp dưới code/src (`softmax` hay `programs/cross_entropy`).
    let mut visible: Vec<(String, Vec<String>)> = Vec::new();
    for (path, name) in regions {
        let file = root.join("src").join(path);
        let rel = file
            .strip_prefix(root.join("src/../code/src"))
            .ok()
            .and_then(|r| r.to_str())
            .and_then(|r| r.strip_suffix(".rs"))
            .map(|r| r.replace('\\', "/"))
            .ok_or_else(|| anyhow!("{path}: chỉ mã của code/src chạy được trong trang"))
            .with_context(context)?;
        anchor(&read(&file)?, name).with_context(|| path.clone())?;
        match visible.iter_mut().find(|(m, _)| *m == rel) {
            Some((_, names)) => names.push(name.clone()),
            None => visible.push((rel, vec![name.clone()])),
        }
    }
    let program_module = find_program(&lib, program).with_context(context)?;
    // Bao đóng các module cần tới.
    let mut needed: BTreeSet<String> = BTreeSet::new();
    let mut todo: Vec<String> = visible.iter().map(|(m, _)| m.clone()).collect();
    todo.push(format!("programs/{program_module}"));
    todo.push("programs/mod".into());
    todo.push("error".into()); // `pub use error::…` của lib.rs
    let mut externals = BTreeSet::new();
    let dependencies = dependencies(root)?;
    while let Some(module) = todo.pop() {
        if !needed.insert(module.clone()) {
            continue;
        }
        let source = read(&lib.join(format!("{module}.rs")))?;
        for c in CRATE_PATH_RE.captures_iter(&source) {
            let m = c[1].to_string();
            if lib.join(&m).is_dir() {
                bail!("{}: cần module nhiều tệp `{m}` ({module}.rs)", context());
            }
            todo.push(m);
        }
        for c in PATH_RE.captures_iter(&source) {
            if dependencies.contains(&c[1]) && !PLAYGROUND_CRATES.contains(&&c[1]) {
                externals.insert(format!("{} ({module}.rs)", &c[1]));
            }
        }
    }
    if !externals.is_empty() {
        bail!(
            "{}: cần crate không có trong PLAYGROUND_CRATES: {}",
            context(),
            externals.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
    // Ghép chương trình: module có vùng hiện ra trước, theo thứ tự của chỉ thị.
    let mut lines = vec![hidden("#![allow(dead_code, unused_imports)]")];
    lines.push(hidden(&format!(
        "// Chương trình tự chứa, sinh lúc dựng sách từ code/src ({}).",
        needed
            .iter()
            .map(|m| format!("{m}.rs"))
            .collect::<Vec<_>>()
            .join(", ")
    )));
    lines.push(hidden(&format!(
        "{LOCAL_COMMAND}cargo run -p embedding-loss --example {program}"
    )));
    let lib_rs = read(&lib.join("lib.rs"))?;
    lines.extend(
        lib_rs
            .lines()
            .filter(|l| l.starts_with("pub use "))
            .map(hidden),
    );
    let shown = |module: &str| -> Vec<String> {
        visible
            .iter()
            .find(|(m, _)| m == module)
            .map(|(_, names)| names.clone())
            .unwrap_or_default()
    };
    let mut order: Vec<String> = visible.iter().map(|(m, _)| m.clone()).collect();
    order.extend(needed.iter().cloned());
    let mut emitted = BTreeSet::new();
    let mut first_region = true;
    for module in order {
        let top = module.split('/').next().unwrap_or(&module).to_string();
        if !emitted.insert(top.clone()) {
            continue;
        }
        if top == "programs" {
            let parent = read(&lib.join("programs/mod.rs"))?;
            let parent = drop_functions(&parent, &["all", "find", "main"])
                .context("code/src/programs/mod.rs")?;
            lines.push(hidden("mod programs {"));
            lines.extend(
                parent
                    .lines()
                    .filter(|l| !(l.starts_with("mod ") && l.ends_with(';')))
                    .filter(|l| !(l.trim_start().starts_with("///") || l.starts_with("//!")))
                    .map(hidden),
            );
            let sub = format!("programs/{program_module}");
            lines.push(hidden(&format!("pub mod {program_module} {{")));
            module_lines(&lib, &sub, &shown(&sub), &mut first_region, &mut lines)?;
            lines.push(hidden("}"));
            lines.push(hidden("}"));
        } else {
            lines.push(hidden(&format!("mod {module} {{")));
            module_lines(
                &lib,
                &module,
                &shown(&module),
                &mut first_region,
                &mut lines,
            )?;
            lines.push(hidden("}"));
        }
    }
    lines.push(hidden(""));
    lines.push(hidden("fn main() -> std::process::ExitCode {"));
    lines.push(hidden(&format!(
        "    programs::print_program(programs::{program_module}::PROGRAMS, \"{program}\")"
    )));
    lines.push(hidden("}"));

    let text = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut markdown = String::from("```rust,mdbook-runnable\n");
    for line in &lines {
        if line.visible {
            if hidden_by_mdbook(&line.text) {
                bail!("{}: dòng «{}» sẽ bị mdBook ẩn", context(), line.text);
            }
        } else {
            markdown.push_str(if line.text.is_empty() { "#" } else { "# " });
        }
        markdown.push_str(&line.text);
        markdown.push('\n');
    }
    markdown.push_str("```\n");
    Ok(Runnable {
        directive,
        program: program.to_string(),
        text,
        markdown,
    })
}

/// Các dòng của module `module` (bỏ dòng anchor); dòng trong vùng anchor `shown` hiện ra, theo đúng thứ tự tệp.
fn module_lines(
    lib: &Path,
    module: &str,
    shown: &[String],
    first_region: &mut bool,
    out: &mut Vec<Line>,
) -> Result<()> {
    let source = read(&lib.join(format!("{module}.rs")))?;
    let mut open: Vec<&str> = Vec::new();
    let mut next = 0;
    for line in source.lines() {
        let t = line.trim();
        if let Some(name) = t.strip_prefix("// ANCHOR: ") {
            if shown.iter().any(|s| s == name) {
                if shown.get(next).map(String::as_str) != Some(name) {
                    bail!(
                        "{module}.rs: các anchor phải theo thứ tự trong tệp ({})",
                        shown.join(", ")
                    );
                }
                next += 1;
                if !std::mem::replace(first_region, false) {
                    out.push(Line {
                        text: String::new(),
                        visible: true,
                    });
                }
            }
            open.push(name);
            continue;
        }
        if let Some(name) = t.strip_prefix("// ANCHOR_END: ") {
            open.retain(|n| *n != name);
            continue;
        }
        if t.starts_with("// ANCHOR") {
            continue;
        }
        let visible = open.iter().any(|n| shown.iter().any(|s| s == n));
        // Chú thích tài liệu của dòng ẩn không đổi chương trình mà làm trang nặng thêm (mỗi khối mang cả module).
        if !visible && (t.starts_with("///") || t.starts_with("//!")) {
            continue;
        }
        out.push(Line {
            text: line.to_string(),
            visible,
        });
    }
    Ok(())
}

/// Bỏ khỏi `source` các hàm cấp cao nhất `names` (cùng chú thích `///` và thuộc tính ngay trên chúng); mã đã qua
/// `cargo fmt`, nên một hàm kết thúc ở dòng `}` đầu tiên sát lề trái.
fn drop_functions(source: &str, names: &[&str]) -> Result<String> {
    let mut lines: Vec<&str> = source.lines().collect();
    for name in names {
        let start = lines
            .iter()
            .position(|l| {
                l.strip_prefix("pub ")
                    .unwrap_or(l)
                    .starts_with(&format!("fn {name}("))
            })
            .ok_or_else(|| anyhow!("không thấy hàm cấp cao nhất `{name}`"))?;
        let mut begin = start;
        while begin > 0
            && (lines[begin - 1].starts_with("///") || lines[begin - 1].starts_with("#["))
        {
            begin -= 1;
        }
        let end = start
            + lines[start..]
                .iter()
                .position(|l| *l == "}")
                .ok_or_else(|| anyhow!("hàm `{name}` không có `}}` đóng sát lề"))?;
        let end = if lines.get(end + 1).is_some_and(|l| l.is_empty()) {
            end + 1
        } else {
            end
        };
        lines.drain(begin..=end);
    }
    Ok(lines.join("\n"))
}

/// Tệp `code/src/programs/<tệp>.rs` khai báo chương trình `name`.
fn find_program(lib: &Path, name: &str) -> Result<String> {
    for path in crate::walk::files(&lib.join("programs"), "rs")? {
        let source = read(&path)?;
        if PROGRAM_NAME_RE
            .captures_iter(&source)
            .any(|c| &c[1] == name)
        {
            return path
                .file_stem()
                .and_then(|s| s.to_str())
                .map(str::to_string)
                .ok_or_else(|| anyhow!("tên tệp lạ: {}", path.display()));
        }
    }
    bail!("không có chương trình «{name}» trong code/src/programs")
}

/// Tên (dạng `use`) các phụ thuộc của crate đồng hành, từ `code/Cargo.toml`.
fn dependencies(root: &Path) -> Result<BTreeSet<String>> {
    let manifest: toml::Table = read(&root.join("code/Cargo.toml"))?
        .parse()
        .context("code/Cargo.toml")?;
    Ok(manifest
        .get("dependencies")
        .and_then(|d| d.as_table())
        .map(|t| t.keys().map(|k| k.replace('-', "_")).collect())
        .unwrap_or_default())
}

/// Một chỉ thị trong chương: đoạn byte, chương trình, các vùng (tệp, anchor).
type Directive = (std::ops::Range<usize>, String, Vec<(String, String)>);

/// Đọc các chỉ thị `{{#runnable …}}` (ngoài vùng mã) của `content`.
fn directives(content: &str) -> Vec<Directive> {
    let code = code_ranges(content);
    RUNNABLE_RE
        .captures_iter(content)
        .filter_map(|c| {
            let m = c.get(0).expect("nhóm 0 luôn có");
            if in_ranges(&code, m.start()) {
                return None;
            }
            let regions = c[2]
                .split_whitespace()
                .filter_map(|r| r.split_once(':'))
                .map(|(p, a)| (p.to_string(), a.to_string()))
                .collect();
            Some((m.range(), c[1].to_string(), regions))
        })
        .collect()
}

/// Thay mỗi dòng `{{#runnable …}}` bằng khối chạy được.
pub fn expand_runnables(root: &Path, content: &str) -> Result<String> {
    let mut out = String::with_capacity(content.len());
    let mut last = 0;
    for (range, program, regions) in directives(content) {
        let r = runnable(root, &program, &regions)?;
        out.push_str(&content[last..range.start]);
        out.push_str(r.markdown.trim_end_matches('\n'));
        last = range.end;
    }
    out.push_str(&content[last..]);
    Ok(out)
}

/// Mọi đoạn mã chạy được của sách (`src/*.md`), theo thứ tự tệp.
pub fn book_runnables(root: &Path) -> Result<Vec<Runnable>> {
    let mut all = Vec::new();
    for path in crate::walk::files(&root.join("src"), "md")? {
        let content = read(&path)?;
        for (_, program, regions) in directives(&content) {
            all.push(
                runnable(root, &program, &regions)
                    .with_context(|| format!("{}", path.display()))?,
            );
        }
    }
    Ok(all)
}

fn hidden(text: &str) -> Line {
    Line {
        text: text.to_string(),
        visible: false,
    }
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("không đọc được {}", path.display()))
}
