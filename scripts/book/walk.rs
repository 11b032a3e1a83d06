//! Bộ duyệt thư mục duy nhất của trình dựng và các kiểm thử cấp sách.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Thư mục không bao giờ là nguồn của sách: bản dịch, gói npm, KaTeX tải về (`src/katex`).
pub const SKIPPED_DIRS: &[&str] = &["target", "node_modules", "katex"];

/// Mọi tệp đuôi `.ext` dưới `dir` (đệ quy, bỏ [`SKIPPED_DIRS`]), đã sắp xếp.
pub fn files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    collect(dir, &mut |path| path.is_dir() && is_skipped(path), &mut out)?;
    out.retain(|p| p.extension().is_some_and(|x| x == ext));
    out.sort();
    Ok(out)
}

/// Mọi tệp dưới `dir` (đệ quy, không bỏ thư mục nào), đã sắp xếp — để kiểm một bản dựng.
pub fn all_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    collect(dir, &mut |_| false, &mut out)?;
    out.sort();
    Ok(out)
}

fn is_skipped(dir: &Path) -> bool {
    dir.file_name()
        .is_some_and(|n| SKIPPED_DIRS.iter().any(|s| n == *s))
}

fn collect(dir: &Path, skip: &mut dyn FnMut(&Path) -> bool, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = fs::read_dir(dir).with_context(|| format!("đọc thư mục {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if skip(&path) {
            continue;
        }
        if path.is_dir() {
            collect(&path, skip, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}
