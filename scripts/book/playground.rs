//! Mã chạy được trong trang, gửi tới Rust Playground khi bạn đọc bấm Chạy.
//!
//! **Bài tập** (`{{#exercise tên_hàm}}` trên một dòng riêng): một khối ` ```rust,editable,mdbook-runnable ` gồm khung của bài
//! (vùng anchor `tên_hàm` trong `code/exercises/src/stubs/<khái niệm>.rs`, bạn đọc sửa trong trang) và, dưới dạng
//! dòng ẩn `# `, bộ kiểm của bài: `checks/mod.rs` và `checks/<khái niệm>.rs` (bỏ bảng `EXERCISES`), cùng một
//! `main` in «đạt» hoặc gợi ý tiếng Việt. Mọi thứ sinh lúc dựng từ chính các tệp nguồn đó — không chép.
//! [`Exercise::page_text`] là đúng các byte trang gửi đi; `tests/playground.rs` biên dịch và chạy nó bằng
//! `rustc`: với lời giải tham khảo thay vào phải đạt, với khung phải không đạt.

use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use anyhow::{anyhow, bail, Context, Result};
use regex::Regex;

use crate::directives::block_directive;
use crate::markdown::{code_ranges, in_ranges};

static EXERCISE_RE: LazyLock<Regex> = LazyLock::new(|| block_directive("exercise"));
static ENTRY_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)Exercise\s*\{(.*?)\n\s*\}").expect("regex hợp lệ"));
static ID_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\bid:\s*"([^"]+)""#).expect("regex hợp lệ"));
static FUNCTION_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\bfunction:\s*"([^"]+)""#).expect("regex hợp lệ"));
static CHECK_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"check_solution:\s*\|\|\s*\{?\s*(\w+)\(\s*solutions::(\w+)::(\w+)\s*\)")
        .expect("regex hợp lệ")
});

/// Dòng đầu của phần ẩn: `theme/chay-ma.js` tách bộ kiểm khỏi trình soạn thảo tại dòng này.
pub const HARNESS_MARKER: &str = "// ---- bộ kiểm";
/// Tiền tố dòng nói lệnh chạy trên máy (trang hiện nó khi không tới được playground).
pub const LOCAL_COMMAND: &str = "// Chạy trên máy: ";
/// Ấn bản Rust gửi kèm (book.toml `[rust] edition`), cũng là ấn bản `rustc` dùng trong kiểm thử.
pub const EDITION: &str = "2021";

/// Một bài tập chạy được trong trang.
#[derive(Debug, Clone)]
pub struct Exercise {
    /// Số hiệu «c.k».
    pub id: String,
    /// Tên hàm bạn đọc viết (cũng là tên anchor).
    pub function: String,
    /// Khái niệm (tên tệp trong `stubs/`, `solutions/`, `checks/`).
    pub concept: String,
    /// Vùng anchor của khung: phần bạn đọc thấy và sửa.
    pub stub: String,
    /// Lời giải tham khảo của cả khái niệm (`solutions/<khái niệm>.rs` bỏ `//!` và dòng anchor): hàm của bài cùng
    /// các hàm phụ nó gọi, như bạn đọc có thể dán vào trình soạn thảo.
    pub solution: String,
    /// Bộ kiểm và `main`, không có tiền tố `# `.
    pub harness: String,
}

impl Exercise {
    /// Đúng các byte trang gửi tới playground khi trình soạn thảo chứa `code`.
    pub fn page_text(&self, code: &str) -> String {
        format!("{}\n{}", code.trim_end_matches('\n'), self.harness)
    }

    /// Khối Markdown của bài: khung hiện ra, bộ kiểm là dòng ẩn.
    pub fn markdown(&self) -> String {
        let mut out = String::from("```rust,editable,mdbook-runnable\n");
        out.push_str(self.stub.trim_end_matches('\n'));
        out.push('\n');
        for line in self.harness.lines() {
            out.push_str(if line.is_empty() { "#" } else { "# " });
            out.push_str(line);
            out.push('\n');
        }
        out.push_str("```\n");
        out
    }
}

/// Mọi bài tập của `root/code/exercises`, theo thứ tự khai báo trong `checks/*.rs`.
pub fn exercises(root: &Path) -> Result<Vec<Exercise>> {
    let dir = root.join("code/exercises/src");
    let helpers = strip_module_docs(&read(&dir.join("checks/mod.rs"))?)
        .lines()
        .filter(|l| !(l.starts_with("pub mod ") && l.ends_with(';')))
        .collect::<Vec<_>>()
        .join("\n");
    let field = |re: &Regex, body: &str, name: &str| -> Result<String> {
        Ok(re
            .captures(body)
            .ok_or_else(|| anyhow!("thiếu trường `{name}`"))?[1]
            .to_string())
    };
    let concepts: Vec<_> = crate::walk::files(&dir.join("checks"), "rs")?
        .into_iter()
        .filter(|p| !p.ends_with("mod.rs"))
        .collect();
    let mut all = Vec::new();
    for path in concepts {
        let concept = path
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| anyhow!("tên tệp lạ: {}", path.display()))?
            .to_string();
        let source = read(&path)?;
        let (table, checks) = split_table(&source)
            .with_context(|| format!("checks/{concept}.rs: không thấy bảng `EXERCISES`"))?;
        let stubs = read(&dir.join(format!("stubs/{concept}.rs")))?;
        let solutions = read(&dir.join(format!("solutions/{concept}.rs")))?;
        let solution = strip_module_docs(&solutions)
            .lines()
            .filter(|l| !l.trim_start().starts_with("// ANCHOR"))
            .collect::<Vec<_>>()
            .join("\n");
        for c in ENTRY_RE.captures_iter(table) {
            let body = &c[1];
            let id = field(&ID_RE, body, "id")?;
            let function = field(&FUNCTION_RE, body, "function")?;
            let check = CHECK_RE
                .captures(body)
                .filter(|m| m[2] == concept && m[3] == function)
                .ok_or_else(|| {
                    anyhow!("checks/{concept}.rs, bài {id}: cần `check_solution: || <hàm kiểm>(solutions::{concept}::{function})`")
                })?[1]
                .to_string();
            let stub = anchor(&stubs, &function)
                .with_context(|| format!("stubs/{concept}.rs, bài {id}"))?;
            if let Some(l) = stub.lines().find(|l| hidden_by_mdbook(l)) {
                bail!(
                    "stubs/{concept}.rs, bài {id}: dòng «{l}» sẽ bị mdBook ẩn (bắt đầu bằng `#`)"
                );
            }
            let harness = harness(&id, &concept, &function, &check, &helpers, &checks);
            anchor(&solutions, &function)
                .with_context(|| format!("solutions/{concept}.rs, bài {id}"))?;
            all.push(Exercise {
                solution: solution.clone(),
                id,
                function,
                concept: concept.clone(),
                stub,
                harness,
            });
        }
    }
    Ok(all)
}

/// Thay mỗi dòng `{{#exercise tên_hàm}}` bằng khối bài tập chạy được.
pub fn expand_exercises(content: &str, all: &[Exercise]) -> Result<String> {
    let code = code_ranges(content);
    let mut out = String::with_capacity(content.len());
    let mut last = 0;
    for c in EXERCISE_RE.captures_iter(content) {
        let m = c.get(0).expect("nhóm 0 luôn có");
        if in_ranges(&code, m.start()) {
            continue;
        }
        let exercise = all.iter().find(|e| e.function == c[1]).ok_or_else(|| {
            anyhow!(
                "{{{{#exercise {}}}}}: không có bài tập nào có hàm này (code/exercises/src/checks)",
                &c[1]
            )
        })?;
        out.push_str(&content[last..m.start()]);
        out.push_str(exercise.markdown().trim_end_matches('\n'));
        last = m.end();
    }
    out.push_str(&content[last..]);
    Ok(out)
}

/// Bộ kiểm của một bài, thành một chương trình trọn vẹn khi đặt sau hàm của bạn đọc.
fn harness(
    id: &str,
    concept: &str,
    function: &str,
    check: &str,
    helpers: &str,
    checks: &str,
) -> String {
    let checks: Vec<String> = strip_module_docs(checks)
        .lines()
        .filter(|l| !l.starts_with("use crate::"))
        .map(str::to_string)
        .collect();
    format!(
        "{HARNESS_MARKER} của bài {id}, sinh lúc dựng sách từ code/exercises/src/checks/{concept}.rs ----
{LOCAL_COMMAND}cargo baitap {function}
#[allow(dead_code)]
mod checks {{
{helpers}
pub mod {concept} {{
{}
pub fn run() -> Result<(), String> {{
    {check}(crate::{function})
}}
}}
}}

fn main() {{
    std::panic::set_hook(Box::new(|_| {{}}));
    match std::panic::catch_unwind(checks::{concept}::run) {{
        Ok(Ok(())) => println!(\"đạt\"),
        Ok(Err(hint)) => {{
            println!(\"chưa đạt: {{hint}}\");
            std::process::exit(1);
        }}
        Err(panic) => {{
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            println!(\"chưa đạt: hàm `{function}` dừng giữa chừng (panic): {{message}}\");
            std::process::exit(1);
        }}
    }}
}}",
        checks.join("\n").trim(),
    )
}

/// Tách bảng `pub const EXERCISES … ];` khỏi phần còn lại của tệp bộ kiểm.
fn split_table(source: &str) -> Option<(&str, String)> {
    let start = source.find("pub const EXERCISES")?;
    let rest = &source[start..];
    let len = rest.find("\n];").or_else(|| rest.find("\n}];"))?;
    let end = start + len + rest[len..].find(';')? + 1;
    let table = &source[start..end];
    Some((table, format!("{}{}", &source[..start], &source[end..])))
}

/// Vùng giữa `// ANCHOR: name` và `// ANCHOR_END: name` (không gồm hai dòng đó).
pub fn anchor(source: &str, name: &str) -> Result<String> {
    let begin = format!("// ANCHOR: {name}");
    let end = format!("// ANCHOR_END: {name}");
    let mut lines = source.lines().skip_while(|l| l.trim() != begin);
    if lines.next().is_none() {
        bail!("không có `{begin}`");
    }
    let mut out = Vec::new();
    for line in lines {
        if line.trim() == end {
            return Ok(out.join("\n"));
        }
        if !line.trim_start().starts_with("// ANCHOR") {
            out.push(line);
        }
    }
    bail!("không có `{end}`")
}

/// mdBook ẩn dòng Rust dạng `# …` hoặc `#` (sau khoảng trắng đầu dòng).
pub(crate) fn hidden_by_mdbook(line: &str) -> bool {
    let rest = line.trim_start();
    rest == "#" || rest.starts_with("# ")
}

/// Bỏ các dòng `//!` (tài liệu của cả module) — trong chương trình gộp chúng không hợp lệ giữa tệp.
fn strip_module_docs(source: &str) -> String {
    source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//!"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("không đọc được {}", path.display()))
}
