//! `cargo baitap` — kiểm bài tập của bạn đọc như một người hướng dẫn: mỗi bài một dòng (đạt / chưa đạt / chưa làm),
//! gợi ý tiếng Việt của bài đầu tiên chưa đạt, tiến độ n/N, không có vết ngăn xếp.
//!
//! * `cargo baitap` — mọi bài; `cargo baitap softmax` — các bài có tên chứa «softmax» (hoặc số hiệu, ví dụ `4.2`).
//! * `cargo baitap --theo-doi [lọc]` — kiểm lại mỗi khi một tệp trong `code/exercises/src/stubs` được lưu.
//!
//! Không bật tính năng `reader` thì bộ kiểm chạy trên lời giải tham khảo (để kiểm chính công cụ này).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, SystemTime};
use std::{fs, panic, thread};

use exercises::report::{check_all, render};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let watch = args.iter().any(|a| a == "--theo-doi" || a == "--watch");
    let filters: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if let Some(bad) = args
        .iter()
        .find(|a| a.starts_with("--") && !matches!(a.as_str(), "--theo-doi" | "--watch"))
    {
        eprintln!("lỗi: không hiểu tuỳ chọn «{bad}». Dùng: cargo baitap [--theo-doi] [tên bài hoặc số hiệu]");
        return ExitCode::from(2);
    }
    if watch {
        return watch_loop(&filters);
    }
    panic::set_hook(Box::new(|_| {})); // khung gọi todo!() hay mã sai panic: ta bắt và báo bằng một dòng
    let results = check_all(&filters);
    if results.is_empty() {
        eprintln!("lỗi: không có bài nào khớp «{}»", filters.join(" "));
        return ExitCode::from(2);
    }
    print!("{}", render(&results));
    if results.iter().all(|r| r.passed()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Chế độ theo dõi: chạy lại `cargo baitap` (biên dịch lại khung của bạn đọc) mỗi khi một tệp khung thay đổi.
fn watch_loop(filters: &[&str]) -> ExitCode {
    let stubs = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join("stubs");
    let mut last = None;
    loop {
        let stamp = newest_change(&stubs);
        if stamp.is_none() {
            eprintln!("lỗi: không đọc được thư mục {}", stubs.display());
            return ExitCode::from(2);
        }
        if stamp != last {
            last = stamp;
            print!("\x1b[2J\x1b[H"); // xoá màn hình
            println!(
                "Theo dõi {} — lưu tệp để kiểm lại, Ctrl-C để dừng.\n",
                stubs.display()
            );
            let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
                .args([
                    "run",
                    "--quiet",
                    "-p",
                    "exercises",
                    "--features",
                    "reader",
                    "--bin",
                    "baitap",
                    "--",
                ])
                .args(filters)
                .status();
            if let Err(e) = status {
                eprintln!("lỗi: không chạy được cargo: {e}");
                return ExitCode::from(2);
            }
        }
        thread::sleep(Duration::from_millis(500));
    }
}

/// Thời điểm sửa mới nhất trong các tệp `.rs` của thư mục khung.
fn newest_change(dir: &Path) -> Option<SystemTime> {
    let files: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files
        .iter()
        .filter_map(|p| fs::metadata(p).and_then(|m| m.modified()).ok())
        .max()
}
