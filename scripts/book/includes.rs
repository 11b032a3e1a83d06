//! Kiểm mọi `{{#include tệp:anchor}}` / `{{#rustdoc_include …}}` của chương trỏ tới tệp có thật và anchor
//! có thật. Bộ tiền xử lý `links` của mdBook chỉ cảnh báo khi thiếu anchor; ở đây đó là lỗi dựng.

use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use anyhow::{bail, Result};
use regex::Regex;

static INCLUDE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{#(?:include|rustdoc_include)\s+([^:}\s]+)(?::([A-Za-z0-9_-]+))?[^}]*\}\}")
        .expect("regex hợp lệ")
});

/// Kiểm các chỉ thị include trong `text` (nội dung gốc của tệp chương `chapter_file`).
pub fn check_includes(chapter_file: &Path, text: &str) -> Result<()> {
    let dir = chapter_file.parent().unwrap_or(Path::new("."));
    let mut problems = Vec::new();
    for c in INCLUDE_RE.captures_iter(text) {
        let path = dir.join(&c[1]);
        let Ok(source) = fs::read_to_string(&path) else {
            problems.push(format!("không có tệp {}", &c[1]));
            continue;
        };
        if let Some(anchor) = c.get(2).map(|m| m.as_str()) {
            if anchor.chars().all(|ch| ch.is_ascii_digit()) {
                continue; // dải dòng, không phải anchor
            }
            let has = |kind: &str| {
                source.lines().any(|l| {
                    l.trim_start()
                        .strip_prefix("// ")
                        .and_then(|r| r.strip_prefix(kind))
                        .is_some_and(|r| r.trim() == anchor)
                })
            };
            if !has("ANCHOR: ") || !has("ANCHOR_END: ") {
                problems.push(format!(
                    "{}: thiếu cặp `// ANCHOR: {anchor}` / `// ANCHOR_END: {anchor}`",
                    &c[1]
                ));
            }
        }
    }
    if !problems.is_empty() {
        bail!(
            "{}: include hỏng:\n  {}",
            chapter_file.display(),
            problems.join("\n  ")
        );
    }
    Ok(())
}
