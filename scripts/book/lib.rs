//! Trình dựng sách «Hàm mất mát trong huấn luyện embedding».
//!
//! mdBook 0.5.4 được điều khiển ngay trong tiến trình (crate `mdbook-driver`), cùng bộ tiền xử lý của sách
//! ([`preprocessor::BookPreprocessor`]) dựng KaTeX (qua thư viện của mdbook-katex 0.10.0), vẽ hình và chèn
//! kết quả chương trình. Vì thế `cargo` là công cụ duy nhất cần có để dựng sách và chạy mọi kiểm thử.

pub mod assets;
pub mod check;
pub mod directives;
pub mod eqref;
pub mod includes;
pub mod katex;
pub mod markdown;
pub mod numbers;
pub mod playground;
pub mod preprocessor;
pub mod runnable;
pub mod serve;
pub mod table;
pub mod trace;
pub mod walk;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use mdbook_driver::MDBook;

/// Gốc kho (thư mục chứa book.toml).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Dựng sách từ `root` vào `dest` (mặc định: `build-dir` của book.toml), rồi kiểm bản dựng.
pub fn build(root: &Path, dest: Option<&Path>) -> Result<(PathBuf, check::Report)> {
    build_with(root, dest, |_| Ok(()))
}

/// Như [`build`], nhưng `configure` chỉnh cấu hình mdBook trước khi dựng (lệnh `serve` bật tự tải lại trang).
pub fn build_with(
    root: &Path,
    dest: Option<&Path>,
    configure: impl FnOnce(&mut mdbook_driver::config::Config) -> Result<()>,
) -> Result<(PathBuf, check::Report)> {
    assets::ensure_katex(root)?;
    let mut book = MDBook::load(root).context("không nạp được sách (book.toml, src/SUMMARY.md)")?;
    if let Some(dest) = dest {
        book.config.build.build_dir = dest.to_path_buf();
    }
    configure(&mut book.config)?;
    book.with_preprocessor(preprocessor::BookPreprocessor);
    book.build().map_err(|e| anyhow::anyhow!("{e:#}"))?;
    let out = book.build_dir_for("html");
    let report = check::check_output(&out)?;
    Ok((out, report))
}
