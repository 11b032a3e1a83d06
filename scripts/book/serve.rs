//! `book serve`: dựng sách, phục vụ bản dựng trên loopback, theo dõi `src/`, `code/`, `theme/` và `book.toml`,
//! dựng lại khi bạn lưu và bảo trang đang mở tự tải lại.
//!
//! Dựng trên đúng bộ crate mà `mdbook serve` của mdBook 0.5 dùng: `axum` (HTTP/1.1 trên `tokio`, nhiều yêu cầu
//! cùng lúc, WebSocket), `tower-http` (`ServeDir`: kiểu nội dung theo đuôi tệp, chặn `..`, trang 404) và
//! `notify` (theo dõi tệp; chỉ sự kiện ghi/tạo/xoá/đổi tên — việc *đọc* tệp của chính lần dựng không kích hoạt dựng lại; các sự kiện của một lần lưu được gộp). Đoạn script tự tải lại là của chính
//! mdBook (`output.html.live-reload-endpoint`), chỉ được bật ở đây: bản dựng để xuất bản không có nó.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use axum::extract::ws::{Message, WebSocketUpgrade};
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode, Watcher};
use tokio::sync::broadcast;
use tower_http::services::{ServeDir, ServeFile};

use crate::build_with;

/// Đường dẫn WebSocket mà script tự tải lại của mdBook kết nối tới.
pub const LIVE_RELOAD_ENDPOINT: &str = "__livereload";

/// Các thư mục (và tệp) được theo dõi, tính từ gốc sách.
pub const WATCHED: &[&str] = &["src", "code", "theme", "book.toml"];

/// Dựng sách ở `root` vào `root/target/book-serve`, phục vụ tại `addr` (cổng 0: một cổng trống), dựng lại khi
/// một tệp được theo dõi đổi. Chỉ dừng khi tiến trình bị dừng (Ctrl-C) hoặc khi không mở được cổng.
pub fn serve(root: &Path, addr: SocketAddr) -> Result<()> {
    let root = &root
        .canonicalize()
        .with_context(|| format!("không có thư mục sách {}", root.display()))?;
    let out = root.join("target").join("book-serve");
    let start = Instant::now();
    match build_served(root, &out) {
        Ok(pages) => println!(
            "đã dựng sách vào {} trong {:.2} s ({pages} trang)",
            out.display(),
            start.elapsed().as_secs_f64()
        ),
        // Vẫn phục vụ và theo dõi: bạn sửa lỗi, lưu, sách được dựng lại.
        Err(e) => eprintln!("lỗi: {e:#}\n(đang chờ bạn sửa và lưu để dựng lại)"),
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("không khởi động được tokio")?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(addr))
        .with_context(|| format!("không mở được {addr}"))?;
    let local = listener.local_addr()?;
    let (reload, _) = broadcast::channel::<()>(16);

    let (events_tx, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |r: notify::Result<notify::Event>| {
        let _ = events_tx.send(r);
    })
    .context("không theo dõi được tệp")?;
    for name in WATCHED {
        let path = root.join(name);
        if path.exists() {
            let mode = if path.is_dir() {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            watcher
                .watch(&path, mode)
                .with_context(|| format!("không theo dõi được {}", path.display()))?;
        }
    }
    let rebuild = {
        let (root, out, reload) = (root.to_path_buf(), out.clone(), reload.clone());
        std::thread::spawn(move || rebuild_loop(&root, &out, &events, &reload))
    };

    println!(
        "đang phục vụ sách tại http://{local}/ — theo dõi {}; Ctrl-C để dừng",
        WATCHED.join(", ")
    );
    let app = Router::new()
        .route(&format!("/{LIVE_RELOAD_ENDPOINT}"), get(live_reload))
        .with_state(reload)
        .fallback_service(
            ServeDir::new(&out).not_found_service(ServeFile::new(out.join("404.html"))),
        );
    let served = runtime.block_on(async { axum::serve(listener, app).await });
    drop(watcher);
    let _ = rebuild.join();
    served.context("máy chủ dừng vì lỗi")
}

/// Dựng cho `serve`: bật script tự tải lại của mdBook và đặt `site-url` về `/` (trang 404 đúng khi phục vụ tại gốc).
fn build_served(root: &Path, out: &Path) -> Result<usize> {
    let (_, report) = build_with(root, Some(out), |config| {
        config.set("output.html.live-reload-endpoint", LIVE_RELOAD_ENDPOINT)?;
        config.set("output.html.site-url", "/")?;
        Ok(())
    })?;
    Ok(report.pages)
}

/// Mỗi lô sự kiện tệp → một lần dựng lại (gộp các lô đến trong lúc đang dựng), một dòng tiếng Việt, một tín hiệu
/// tải lại cho mọi trang đang mở.
fn rebuild_loop(
    root: &Path,
    out: &Path,
    events: &mpsc::Receiver<notify::Result<notify::Event>>,
    reload: &broadcast::Sender<()>,
) {
    while let Ok(first) = events.recv() {
        let mut changed = relevant(root, first);
        // Gộp các sự kiện của cùng một lần lưu: chờ tới khi yên 200 ms.
        while let Ok(more) = events.recv_timeout(Duration::from_millis(200)) {
            changed.extend(relevant(root, more));
        }
        changed.sort();
        changed.dedup();
        if changed.is_empty() {
            continue;
        }
        let start = Instant::now();
        let what = describe(&changed);
        match build_served(root, out) {
            Ok(pages) => {
                let _ = reload.send(());
                println!(
                    "đã dựng lại sau khi đổi {what} trong {:.2} s ({pages} trang); trang đang mở sẽ tự tải lại{}",
                    start.elapsed().as_secs_f64(),
                    stale_note(&changed)
                );
            }
            Err(e) => eprintln!("lỗi: dựng lại sau khi đổi {what} thất bại: {e:#}"),
        }
    }
}

/// Các tệp đã được ghi, tạo, xoá hay đổi tên (tương đối với `root`); bỏ sự kiện chỉ đọc/đổi thuộc tính, tệp tạm
/// của trình soạn thảo và thư mục `target`.
fn relevant(root: &Path, result: notify::Result<notify::Event>) -> Vec<PathBuf> {
    let Ok(event) = result else {
        return Vec::new();
    };
    let writes = match event.kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(kind) => !matches!(kind, ModifyKind::Metadata(_)),
        _ => false,
    };
    if !writes {
        return Vec::new();
    }
    event
        .paths
        .into_iter()
        .filter_map(|p| p.strip_prefix(root).ok().map(Path::to_path_buf))
        .filter(|p| {
            !p.components().any(|c| {
                let c = c.as_os_str().to_string_lossy();
                c == "target" || c.starts_with('.') || c.ends_with('~') || c.ends_with(".swp")
            })
        })
        .collect()
}

fn describe(changed: &[PathBuf]) -> String {
    let first = changed[0].display().to_string();
    match changed.len() {
        1 => first,
        n => format!("{first} và {} tệp khác", n - 1),
    }
}

/// Hình và số do mã Rust tính được biên dịch sẵn trong chương trình `book`: đổi mã Rust của crate đồng hành thì
/// phải chạy lại lệnh (cargo biên dịch lại) mới thấy chúng đổi. Đoạn mã trích dẫn và bài tập thì cập nhật ngay.
fn stale_note(changed: &[PathBuf]) -> &'static str {
    let compiled = changed.iter().any(|p| {
        p.starts_with("code")
            && !p.starts_with("code/exercises")
            && p.extension().is_some_and(|e| e == "rs" || e == "toml")
    });
    if compiled {
        " (mã Rust của crate đã đổi: hình và số trong sách chỉ cập nhật khi chạy lại `cargo run --release --bin book -- serve`)"
    } else {
        ""
    }
}

/// WebSocket tự tải lại: gửi `reload` (giao thức của script mdBook) sau lần dựng lại thành công kế tiếp.
async fn live_reload(
    ws: WebSocketUpgrade,
    State(reload): State<broadcast::Sender<()>>,
) -> Response {
    let mut rx = reload.subscribe();
    ws.on_upgrade(move |mut socket| async move {
        // Lagged: đã có (nhiều) lần dựng lại — vẫn là lý do để tải lại.
        if !matches!(rx.recv().await, Err(broadcast::error::RecvError::Closed)) {
            let _ = socket.send(Message::Text("reload".into())).await;
        }
    })
}
