//! `book`: dựng, phục vụ, vẽ hình của sách, và làm bộ tiền xử lý cho lệnh `mdbook` nếu bạn đã cài nó.
//!
//! * `cargo run --release --bin book -- build` — dựng sách vào `book/` và kiểm bản dựng.
//! * `cargo run --release --bin book -- serve [cổng] [thư mục sách]` — dựng, phục vụ tại http://127.0.0.1:3000,
//!   dựng lại khi bạn lưu một tệp trong `src/`, `code/`, `theme/` và tự tải lại trang đang mở.
//! * `cargo run --release --bin book -- figures [thư mục]` — chỉ vẽ lại các hình (mặc định `target/figures`).
//! * `cargo run --release --bin book -- check [thư mục]` — kiểm một bản dựng có sẵn (mặc định `book/`).
//! * `book preprocess …` — giao thức tiền xử lý của mdBook (book.toml gọi lệnh này khi dùng `mdbook build`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use book_tools::{build, preprocessor::BookPreprocessor, repo_root};
use mdbook_preprocessor::Preprocessor;

const USAGE: &str =
    "cách dùng: book build | serve [cổng] [thư mục sách] | figures [thư mục] | check [thư mục] | preprocess [supports <renderer>]";

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lỗi: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<()> {
    let root = repo_root();
    match args.first().map(String::as_str) {
        Some("build") => {
            let start = Instant::now();
            let (out, report) = build(&root, None)?;
            println!(
                "đã dựng sách vào {} trong {:.2} s: {report}",
                out.display(),
                start.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Some("serve") => {
            let port: u16 = args
                .get(1)
                .map_or(Ok(3000), |p| p.parse())
                .context("cổng không hợp lệ (cần số 0–65535; 0 = một cổng trống bất kỳ)")?;
            let book = args.get(2).map_or(root, PathBuf::from);
            book_tools::serve::serve(&book, ([127, 0, 0, 1], port).into())
        }
        Some("figures") => {
            let dir = args
                .get(1)
                .map_or_else(|| root.join("target").join("figures"), PathBuf::from);
            figures(&dir)
        }
        Some("check") => {
            let dir = args.get(1).map_or_else(|| root.join("book"), PathBuf::from);
            let report = book_tools::check::check_output(&dir)?;
            println!("bản dựng {} đạt: {report}", dir.display());
            Ok(())
        }
        Some("preprocess") => preprocess(args.get(1..).unwrap_or_default()),
        _ => bail!("{USAGE}"),
    }
}

/// Vẽ mọi hình vào `dir`, mỗi hình một dòng tiến độ.
fn figures(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    let all = embedding_loss::figures::all();
    for (i, fig) in all.iter().enumerate() {
        let start = Instant::now();
        let svg = (fig.render)().with_context(|| format!("hình «{}»", fig.name))?;
        let path = dir.join(format!("{}.svg", fig.name));
        std::fs::write(&path, &svg)?;
        println!(
            "[{}/{}] {:<28} {:>7.1} KB  {:>6.0} ms  → {}",
            i + 1,
            all.len(),
            fig.name,
            svg.len() as f64 / 1024.0,
            start.elapsed().as_secs_f64() * 1000.0,
            path.display()
        );
    }
    Ok(())
}

/// Giao thức tiền xử lý của mdBook: `supports <renderer>` hoặc JSON [ngữ cảnh, sách] trên stdin.
fn preprocess(args: &[String]) -> Result<()> {
    let pre = BookPreprocessor;
    if args.first().map(String::as_str) == Some("supports") {
        let renderer = args.get(1).map(String::as_str).unwrap_or("");
        if pre
            .supports_renderer(renderer)
            .map_err(|e| anyhow::anyhow!("{e}"))?
        {
            return Ok(());
        }
        bail!("không hỗ trợ renderer «{renderer}»");
    }
    let (ctx, book) =
        mdbook_preprocessor::parse_input(io::stdin()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let book = pre.run(&ctx, book).map_err(|e| anyhow::anyhow!("{e:#}"))?;
    serde_json::to_writer(io::stdout(), &book)?;
    io::stdout().flush()?;
    Ok(())
}
