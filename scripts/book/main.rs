//! `book`: dựng, phục vụ, vẽ hình của sách, và làm bộ tiền xử lý cho lệnh `mdbook` nếu bạn đã cài nó.
//!
//! * `cargo run --release --bin book -- build` — dựng sách vào `book/` và kiểm bản dựng.
//! * `cargo run --release --bin book -- serve [cổng]` — dựng rồi phục vụ tại http://127.0.0.1:3000.
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
    "cách dùng: book build | serve [cổng] | figures [thư mục] | check [thư mục] | preprocess [supports <renderer>]";

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
                .context("cổng không hợp lệ")?;
            let (out, _) = build(&root, None)?;
            serve(&out, port)
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

/// Máy chủ tĩnh tối giản trên 127.0.0.1 (chỉ đọc tệp trong `dir`).
fn serve(dir: &Path, port: u16) -> Result<()> {
    use std::io::{BufRead, BufReader};
    use std::net::TcpListener;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("không mở được cổng {port}"))?;
    println!("đang phục vụ sách tại http://127.0.0.1:{port}/ (Ctrl-C để dừng)");
    let root = dir.canonicalize()?;
    for stream in listener.incoming() {
        let mut stream = stream?;
        let mut line = String::new();
        BufReader::new(&stream).read_line(&mut line)?;
        let path = line.split_whitespace().nth(1).unwrap_or("/");
        let path = path.split(['?', '#']).next().unwrap_or("/");
        let mut file = root.join(percent_decode(path.trim_start_matches('/')));
        if file.is_dir() {
            file = file.join("index.html");
        }
        let (status, body) = match file.canonicalize() {
            Ok(f) if f.starts_with(&root) => match std::fs::read(&f) {
                Ok(b) => ("200 OK", b),
                Err(_) => ("404 Not Found", b"404".to_vec()),
            },
            _ => ("404 Not Found", b"404".to_vec()),
        };
        let header = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            content_type(&file),
            body.len()
        );
        let _ = stream
            .write_all(header.as_bytes())
            .and_then(|_| stream.write_all(&body));
    }
    Ok(())
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "json" => "application/json",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
