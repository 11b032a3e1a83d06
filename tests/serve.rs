//! `book serve` trên một bản sao của sách trong thư mục tạm: phục vụ trên loopback với đúng kiểu nội dung, trả lời
//! yêu cầu khác trong khi một kết nối đang treo, và khi một chương được sửa thì dựng lại, báo trang đang mở tải
//! lại (WebSocket của mdBook) và phục vụ nội dung mới. Mọi chờ đợi đều có giới hạn.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use book_tools::repo_root;
use book_tools::serve::LIVE_RELOAD_ENDPOINT;

/// Dừng tiến trình `serve` (đúng tiến trình ta đã mở) kể cả khi kiểm thử thất bại giữa chừng.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_name() == "target" {
            continue;
        }
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

/// Một yêu cầu GET thô (HTTP/1.1, đóng kết nối): (mã trạng thái, tiêu đề viết thường, thân).
fn get(addr: SocketAddr, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
}

fn wait_for_line(lines: &mpsc::Receiver<String>, needle: &str, limit: Duration) -> String {
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(needle) => return line,
            Ok(_) => {}
            Err(e) => panic!("không thấy dòng «{needle}» sau {limit:?}: {e}"),
        }
    }
}

#[test]
fn serve_rebuilds_on_save_and_reloads_the_page() {
    let root = repo_root();
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path();
    for name in ["src", "code", "theme"] {
        copy_dir(&root.join(name), &book.join(name));
    }
    fs::copy(root.join("book.toml"), book.join("book.toml")).unwrap();
    // Chỉ lời nói đầu và chương 1: mỗi lần dựng nhanh hơn vài lần, mà vẫn đi đủ đường (hình, chương trình, công thức).
    fs::write(
        book.join("src/SUMMARY.md"),
        "# Tóm tắt\n\n[Lời nói đầu](index.md)\n\n- [Giới thiệu: ma trận embedding](01-gioi-thieu.md)\n",
    )
    .unwrap();

    let child = Command::new(env!("CARGO_BIN_EXE_book"))
        .args(["serve", "0"])
        .arg(book)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let stdout = server.0.stdout.take().unwrap();
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("serve: {line}");
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let line = wait_for_line(&lines, "đang phục vụ sách tại", Duration::from_secs(300));
    let addr: SocketAddr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("không đọc được địa chỉ: {line}"));
    assert!(addr.ip().is_loopback());

    // Một kết nối treo giữa chừng yêu cầu không chặn các yêu cầu khác (máy chủ cũ đọc tuần tự thì treo ở đây).
    let mut stalled = TcpStream::connect(addr).unwrap();
    stalled.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();

    let (status, head, page) = get(addr, "/01-gioi-thieu.html");
    assert_eq!(status, 200, "{head}");
    assert!(head.contains("content-type: text/html"), "{head}");
    assert!(
        page.contains(LIVE_RELOAD_ENDPOINT),
        "trang phải có script tự tải lại"
    );
    // Tệp JS của giao diện có tên kèm mã băm (mdBook): lấy đúng tên từ trang.
    let script = page
        .split('"')
        .find(|s| s.starts_with("theme/chay-ma") && s.ends_with(".js"))
        .expect("trang nạp theme/chay-ma*.js");
    for (path, kind) in [
        (
            format!("/{script}").as_str(),
            "content-type: text/javascript",
        ),
        ("/katex/katex.min.css", "content-type: text/css"),
        (
            "/katex/fonts/KaTeX_Main-Regular.woff2",
            "content-type: font/woff2",
        ),
    ] {
        let (status, head, _) = get(addr, path);
        assert_eq!(status, 200, "{path}: {head}");
        assert!(head.contains(kind), "{path}: {head}");
    }
    let (status, _, body) = get(addr, "/khong-co-trang-nay.html");
    assert_eq!(status, 404);
    assert!(body.contains("<html"), "trang 404 của sách");
    assert_ne!(
        get(addr, "/../book.toml").0,
        200,
        "không ra ngoài thư mục bản dựng"
    );

    let (mut socket, _) =
        tungstenite::connect(format!("ws://{addr}/{LIVE_RELOAD_ENDPOINT}")).unwrap();
    let marker = "Dòng thêm khi đang phục vụ: 7f3a9c";
    let chapter = book.join("src/01-gioi-thieu.md");
    let mut text = fs::read_to_string(&chapter).unwrap();
    text.push_str(&format!("\n{marker}\n"));
    fs::write(&chapter, text).unwrap();

    wait_for_line(
        &lines,
        "đã dựng lại sau khi đổi src/01-gioi-thieu.md",
        Duration::from_secs(300),
    );
    if let tungstenite::stream::MaybeTlsStream::Plain(s) = socket.get_ref() {
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    }
    let message = socket.read().expect("thông báo tải lại qua WebSocket");
    assert_eq!(message.into_text().unwrap().as_str(), "reload");
    let (status, _, page) = get(addr, "/01-gioi-thieu.html");
    assert_eq!(status, 200);
    assert!(
        page.contains(marker),
        "trang phục vụ phải là bản vừa dựng lại"
    );
    drop(stalled);
}

/// Workflow xuất bản dựng bằng đúng lệnh dựng của README, đặt `site-url` theo đường dẫn con của GitHub Pages,
/// và đưa đúng thư mục bản dựng lên; `book.toml` có `site-url` mặc định `/` để biến môi trường ghi đè.
#[test]
fn pages_workflow_builds_with_the_readme_command() {
    let root = repo_root();
    let workflow = fs::read_to_string(root.join(".github/workflows/pages.yml")).unwrap();
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let command = "cargo run --release --bin book -- build";
    assert!(readme.contains(&format!("`{command}`")));
    assert!(workflow.contains(&format!("run: {command}\n")), "lệnh dựng");
    assert!(
        workflow.contains("MDBOOK_OUTPUT__HTML__SITE_URL: ${{ steps.pages.outputs.base_path }}/")
    );
    assert!(
        workflow.contains("actions/upload-pages-artifact") && workflow.contains("path: book\n")
    );
    assert!(workflow.contains("actions/deploy-pages"));
    let config: toml::Value =
        toml::from_str(&fs::read_to_string(root.join("book.toml")).unwrap()).unwrap();
    assert_eq!(config["build"]["build-dir"].as_str(), Some("book"));
    // Mặc định là một đường dẫn con (như GitHub Pages phục vụ một dự án), để trang 404 được kiểm dưới đường dẫn
    // con trong kiểm thử trình duyệt; workflow đặt lại theo tên kho.
    let site = config["output"]["html"]["site-url"].as_str().unwrap_or("");
    assert!(
        site.len() > 2 && site.starts_with('/') && site.ends_with('/'),
        "site-url «{site}»"
    );
}
