//! Mã chạy được trong trang: biên dịch bằng `rustc` và chạy đúng các byte mà trang gửi tới Rust Playground.
//!
//! * Bài tập: với lời giải tham khảo thay vào khung thì in «đạt» và thoát 0; với khung gốc thì không đạt.
//! * Đoạn mã công thức (`{{#runnable}}`): thoát 0 và in đúng văn bản mà trang chèn bằng `{{#output}}` của cùng
//!   chương trình. Crate ngoài của chương trình (`PLAYGROUND_CRATES`) được liên kết với đúng bản mà crate của sách
//!   dùng, lấy trong `target/<hồ sơ>/deps`.
//! * Kết quả biên dịch được giữ trong `target/playground-cache/<sha256 của mã và phiên bản rustc>`, nên lần chạy
//!   sau chỉ còn chạy các chương trình (nhanh); mã đổi thì khoá đổi.

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use book_tools::playground::{exercises, expand_exercises, EDITION};
use book_tools::repo_root;
use book_tools::runnable::{book_runnables, expand_runnables, PLAYGROUND_CRATES};
use sha2::{Digest, Sha256};

/// Kết quả chạy một chương trình.
struct Run {
    ok: bool,
    stdout: String,
}

/// Biên dịch (hoặc lấy từ bộ đệm) rồi chạy `source`, với giới hạn thời gian. `externs`: đối số `--extern`/`-L`
/// thêm cho `rustc` (cũng nằm trong khoá bộ đệm).
fn compile_and_run(source: &str, rustc_version: &str, externs: &[String]) -> Result<Run, String> {
    let cache = repo_root().join("target").join("playground-cache");
    fs::create_dir_all(&cache).map_err(|e| e.to_string())?;
    let key: String = Sha256::digest(format!(
        "{rustc_version}\n{EDITION}\n{}\n{source}",
        externs.join(" ")
    ))
    .iter()
    .map(|b| format!("{b:02x}"))
    .collect();
    let exe = cache.join(format!("{key}{}", std::env::consts::EXE_SUFFIX));
    if !exe.exists() {
        let work = tempfile::tempdir().map_err(|e| e.to_string())?;
        let src = work.path().join("main.rs");
        fs::write(&src, source).map_err(|e| e.to_string())?;
        let built = work.path().join("main");
        let out = Command::new(rustc())
            .args([
                "--edition",
                EDITION,
                "-C",
                "opt-level=0",
                "-C",
                "debuginfo=0",
            ])
            .args(externs)
            .arg("-o")
            .arg(&built)
            .arg(&src)
            .output()
            .map_err(|e| format!("không chạy được rustc: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "rustc báo lỗi:\n{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        // Đổi tên nguyên tử: hai kiểm thử song song không bao giờ thấy tệp viết dở.
        let tmp = cache.join(format!("{key}.{}.tmp", std::process::id()));
        fs::copy(&built, &tmp).map_err(|e| e.to_string())?;
        fs::rename(&tmp, &exe).map_err(|e| e.to_string())?;
    }
    // Luồng kiểm thử khác đang fork có thể giữ tạm một mô tả tệp ghi tới tệp thực thi vừa chép (ETXTBSY, «Text
    // file busy»): thử lại vài lần thay vì báo lỗi giả.
    let mut tries = 0;
    let mut child = loop {
        match Command::new(&exe)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
        {
            Ok(c) => break c,
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 50 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => return Err(format!("không chạy được {}: {e}", exe.display())),
        }
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            return Err("chương trình chạy quá 20 s".into());
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let mut stdout = String::new();
    use std::io::Read;
    child
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut stdout)
        .map_err(|e| e.to_string())?;
    Ok(Run {
        ok: status.success(),
        stdout,
    })
}

fn rustc() -> PathBuf {
    std::env::var_os("RUSTC").map_or_else(|| "rustc".into(), PathBuf::from)
}

fn rustc_version() -> String {
    let out = Command::new(rustc())
        .arg("-vV")
        .output()
        .expect("cần rustc trên PATH");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Chạy `jobs` trên hai luồng (máy 2 nhân), gom lỗi.
fn run_all<T: Sync>(jobs: &[T], f: impl Fn(&T) -> Result<(), String> + Sync) -> Vec<String> {
    let next = Mutex::new(0usize);
    let errors = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = {
                    let mut n = next.lock().unwrap();
                    *n += 1;
                    *n - 1
                };
                let Some(job) = jobs.get(i) else { break };
                if let Err(e) = f(job) {
                    errors.lock().unwrap().push(e);
                }
            });
        }
    });
    errors.into_inner().unwrap()
}

/// Mọi bài tập: lời giải tham khảo trong đúng bộ mã trang gửi đi thì đạt; khung gốc thì không đạt.
#[test]
fn every_exercise_bundle_passes_with_solution_and_fails_with_stub() {
    let all = exercises(&repo_root()).unwrap_or_else(|e| panic!("{e:#}"));
    let version = rustc_version();
    let errors = run_all(&all, |e| {
        let solved = compile_and_run(&e.page_text(&e.solution), &version, &[])
            .map_err(|m| format!("bài {} với lời giải: {m}", e.id))?;
        if !solved.ok || solved.stdout.trim() != "đạt" {
            return Err(format!(
                "bài {} với lời giải không đạt: {}",
                e.id, solved.stdout
            ));
        }
        let stub = compile_and_run(&e.page_text(&e.stub), &version, &[])
            .map_err(|m| format!("bài {} với khung: {m}", e.id))?;
        if stub.ok || !stub.stdout.starts_with("chưa đạt") {
            return Err(format!(
                "bài {}: khung chưa giải mà không bị bác bỏ: {}",
                e.id, stub.stdout
            ));
        }
        Ok(())
    });
    assert!(errors.is_empty(), "{}", errors.join("\n\n"));
    println!("{} bài tập: lời giải đạt, khung bị bác bỏ", all.len());
}

/// Bộ sinh đọc được đúng mọi bài của crate `exercises`, và mỗi bài có đúng một khối `{{#exercise}}` trong sách.
#[test]
fn every_declared_exercise_is_in_the_book_once() {
    let root = repo_root();
    let generated: BTreeSet<String> = exercises(&root)
        .unwrap()
        .into_iter()
        .map(|e| format!("{} {}", e.id, e.function))
        .collect();
    let declared: BTreeSet<String> = ::exercises::all()
        .iter()
        .map(|e| format!("{} {}", e.id, e.function))
        .collect();
    assert_eq!(generated, declared);
    let mut used = Vec::new();
    for entry in fs::read_dir(root.join("src")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "md") {
            for line in fs::read_to_string(&path).unwrap().lines() {
                if let Some(rest) = line.trim().strip_prefix("{{#exercise ") {
                    used.push(rest.trim_end_matches("}}").trim().to_string());
                }
            }
        }
    }
    used.sort();
    let mut functions: Vec<String> = ::exercises::all()
        .iter()
        .map(|e| e.function.to_string())
        .collect();
    functions.sort();
    assert_eq!(used, functions, "mỗi bài một `{{{{#exercise tên_hàm}}}}`");
}

/// Khối Markdown, sau khi mdBook bỏ tiền tố `# ` của dòng ẩn, đúng bằng văn bản trang gửi đi.
#[test]
fn markdown_block_unhides_to_the_page_text() {
    let all = exercises(&repo_root()).unwrap();
    let e = &all[0];
    let block = expand_exercises(&format!("{{{{#exercise {}}}}}\n", e.function), &all).unwrap();
    let body = block
        .strip_prefix("```rust,editable,mdbook-runnable\n")
        .and_then(|b| b.split("\n```").next())
        .unwrap();
    assert_eq!(unhide(body), e.page_text(&e.stub));
    assert!(expand_exercises("{{#exercise khong_co}}", &all).is_err());
}

/// Thân một khối mã Rust của Markdown như mdBook đưa vào trang: dòng ẩn `# x` thành `x`, `#` thành dòng trống.
fn unhide(body: &str) -> String {
    body.lines()
        .map(|l| {
            l.strip_prefix("# ")
                .unwrap_or(if l == "#" { "" } else { l })
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Khoá bộ đệm đổi khi mã đổi: một chương trình đạt và một chương trình sai khác nhau một byte cho hai kết quả.
#[test]
fn cache_is_keyed_by_content() {
    let version = rustc_version();
    let good = compile_and_run("fn main() { std::process::exit(0) }", &version, &[]).unwrap();
    let bad = compile_and_run("fn main() { std::process::exit(1) }", &version, &[]).unwrap();
    assert!(good.ok && !bad.ok);
}

/// `-L dependency=… --extern tên=…` cho mỗi crate của [`PLAYGROUND_CRATES`]: bản mới nhất có trong thư mục `deps`
/// của bản dựng này (tệp `.d` của mỗi rlib cho biết phiên bản; cùng phiên bản thì lấy tệp mới nhất).
fn playground_externs() -> Vec<String> {
    let exe = std::env::current_exe().expect("đường dẫn kiểm thử");
    let deps = exe.parent().expect("thư mục deps");
    let version_re = regex::Regex::new(r"-(\d+)\.(\d+)\.(\d+)/src/lib\.rs").unwrap();
    let mut args = vec!["-L".to_string(), format!("dependency={}", deps.display())];
    for name in PLAYGROUND_CRATES {
        let mut best: Option<((u64, u64, u64), std::time::SystemTime, PathBuf)> = None;
        for entry in fs::read_dir(deps).unwrap() {
            let path = entry.unwrap().path();
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let Some(hash) = file
                .strip_prefix(&format!("lib{name}-"))
                .and_then(|r| r.strip_suffix(".rlib"))
            else {
                continue;
            };
            let Ok(info) = fs::read_to_string(deps.join(format!("{name}-{hash}.d"))) else {
                continue;
            };
            let Some(v) = version_re.captures(&info) else {
                continue;
            };
            let version = (
                v[1].parse().unwrap(),
                v[2].parse().unwrap(),
                v[3].parse().unwrap(),
            );
            let modified = path.metadata().unwrap().modified().unwrap();
            if best
                .as_ref()
                .is_none_or(|(bv, bm, _)| (version, modified) > (*bv, *bm))
            {
                best = Some((version, modified, path));
            }
        }
        let (_, _, path) =
            best.unwrap_or_else(|| panic!("không thấy lib{name}-*.rlib trong {}", deps.display()));
        args.push("--extern".into());
        args.push(format!("{name}={}", path.display()));
    }
    args
}

/// Mọi đoạn mã công thức chạy được: đúng bộ mã trang gửi đi biên dịch được, chạy xong không lỗi, và in đúng văn bản
/// mà trang chèn cho chương trình đó (`{{#output}}`, do `embedding_loss::programs` tính trong tiến trình dựng sách).
#[test]
fn every_runnable_snippet_prints_its_program_output() {
    let all = book_runnables(&repo_root()).unwrap_or_else(|e| panic!("{e:#}"));
    assert!(!all.is_empty());
    let version = rustc_version();
    let externs = playground_externs();
    let errors = run_all(&all, |r| {
        let expected = (embedding_loss::programs::find(&r.program)
            .ok_or_else(|| format!("không có chương trình {}", r.program))?
            .run)()
        .map_err(|e| e.to_string())?
        .text;
        let run = compile_and_run(&r.text, &version, &externs)
            .map_err(|m| format!("{}: {m}", r.directive))?;
        if !run.ok || run.stdout != expected {
            return Err(format!(
                "{}: chương trình gửi đi in khác kết quả trong trang (thoát {}):\n{}\n--- cần ---\n{expected}",
                r.directive,
                if run.ok { "0" } else { "≠ 0" },
                run.stdout
            ));
        }
        Ok(())
    });
    assert!(errors.is_empty(), "{}", errors.join("\n\n"));
    println!("{} đoạn mã công thức chạy được trong trang", all.len());
}

/// Khối Markdown của một đoạn mã chạy được, sau khi mdBook bỏ tiền tố `# `, đúng bằng văn bản trang gửi đi; phần
/// hiện ra đúng bằng vùng anchor; chỉ thị dùng crate không có trên playground là lỗi dựng.
#[test]
fn runnable_markdown_unhides_to_the_page_text() {
    let root = repo_root();
    let all = book_runnables(&root).unwrap();
    let r = &all[0];
    let block = expand_runnables(&root, &format!("{}\n", r.directive)).unwrap();
    let body = block
        .strip_prefix("```rust,mdbook-runnable\n")
        .and_then(|b| b.strip_suffix("\n```"))
        .unwrap();
    assert_eq!(unhide(body), r.text);
    let shown: Vec<&str> = body
        .lines()
        .filter(|l| !(l.starts_with("# ") || *l == "#"))
        .collect();
    let source = fs::read_to_string(root.join("code/src/cross_entropy.rs")).unwrap();
    assert_eq!(
        expand_runnables(
            &root,
            "{{#runnable next_token_loss ../code/src/cross_entropy.rs:perplexity}}"
        )
        .unwrap()
        .lines()
        .filter(|l| !(l.starts_with("# ") || *l == "#" || l.starts_with("```")))
        .collect::<Vec<_>>()
        .join("\n"),
        book_tools::playground::anchor(&source, "perplexity").unwrap()
    );
    assert!(!shown.is_empty());
    let err = expand_runnables(
        &root,
        "{{#runnable gradient_check ../code/src/gradcheck.rs:relative_error}}",
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("ndarray"), "{err:#}");
}
