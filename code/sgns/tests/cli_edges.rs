//! Dòng lệnh ở biên (issue 10): mỗi lớp đầu vào xấu cho một dòng `lỗi:` tiếng Việt và mã thoát 1 — kích thước
//! vượt bộ nhớ (thông báo nêu giới hạn), tệp vector sai (NaN, vector 0, d = 0, từ trùng, dòng đầu khổng lồ),
//! lỗi của clap, kho một từ; tệp ra được ghi nguyên tử và đường dẫn ra được kiểm trước khi huấn luyện.

use std::path::Path;
use std::process::{Command, Output};

fn sgns(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sgns"))
        .args(args)
        .output()
        .expect("chạy được sgns")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Thoát mã 1, có `lỗi:` và `needle`, không panic, không chữ tiếng Anh của clap.
fn assert_clean_failure(out: &Output, needle: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(
        err.lines().any(|l| l.starts_with("lỗi:")) && err.contains(needle),
        "stderr: {err}"
    );
    for english in [
        "panicked",
        "error:",
        "Usage:",
        "unexpected",
        "required",
        "For more",
    ] {
        assert!(!err.contains(english), "«{english}» trong stderr: {err}");
    }
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

const CORPUS: &str = "a b c d a b c d a b\nb c d a b c d a\n";

fn train(dir: &Path, extra: &[&str]) -> Output {
    train_on(dir, CORPUS, extra)
}

/// `sgns train --quiet --min-count 1` trên kho `text` (ghi vào `dir/kho.txt`), vector ra `dir/vec.txt`.
fn train_on(dir: &Path, text: &str, extra: &[&str]) -> Output {
    let input = write(dir, "kho.txt", text);
    let output = dir.join("vec.txt").to_string_lossy().into_owned();
    let mut args = vec![
        "train",
        "--quiet",
        "--input",
        &input,
        "--output",
        &output,
        "--min-count",
        "1",
    ];
    args.extend(extra);
    sgns(&args)
}

#[test]
fn cli_sizes_checked_against_memory_before_allocation() {
    let dir = tempfile::tempdir().unwrap();
    for size in ["1000000000000", "18446744073709551615"] {
        let out = train(dir.path(), &["--size", size]);
        assert_clean_failure(&out, "--size");
        let err = stderr(&out);
        assert!(
            err.contains("MemAvailable") || err.contains("vượt"),
            "thông báo phải nêu giới hạn: {err}"
        );
    }
    let out = train(dir.path(), &["--threads", "18446744073709551615"]);
    assert_clean_failure(&out, "--threads");
    assert!(stderr(&out).contains("1024"));
    assert!(!dir.path().join("vec.txt").exists());
}

#[test]
fn cli_one_distinct_word_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = train_on(dir.path(), "a a a a\na a\n", &[]);
    assert_clean_failure(&out, "1 từ khác nhau");
    assert!(!dir.path().join("vec.txt").exists());
}

#[test]
fn cli_bad_vectors_files() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("nan.txt", "2 2\na 1 NaN\nb 1 0\n", "không hữu hạn"),
        ("inf.txt", "2 2\na 1 inf\nb 1 0\n", "không hữu hạn"),
        ("zero.txt", "2 2\na 0 0\nb 1 0\n", "bằng 0"),
        ("dim0.txt", "2 0\na\nb\n", "d phải ≥ 1"),
        ("dup.txt", "2 2\na 1 0\na 0 1\n", "hai lần"),
        (
            "huge.txt",
            "18446744073709551615 18446744073709551615\na 1 0\n",
            "không thể nằm",
        ),
        ("big.txt", "1000000000 1000\na 1 0\n", "không thể nằm"),
    ];
    for (name, text, needle) in cases {
        let path = write(dir.path(), name, text);
        let out = sgns(&["neighbours", "--vectors", &path, "a"]);
        assert_clean_failure(&out, needle);
    }
}

/// `sgns train --quiet --input <input> --output <output>` (min-count mặc định).
fn train_to(input: &str, output: &str) -> Output {
    sgns(&["train", "--quiet", "--input", input, "--output", output])
}

#[test]
fn cli_output_is_atomic_and_checked_before_training() {
    let dir = tempfile::tempdir().unwrap();
    // thư mục ra không tồn tại: lỗi trước khi đọc kho (không in dòng «từ vựng»)
    let input = write(dir.path(), "kho.txt", CORPUS);
    let missing = dir.path().join("khong-co/vec.txt");
    let out = train_to(&input, &missing.to_string_lossy());
    assert_clean_failure(&out, "không ghi được");
    assert!(
        !stderr(&out).contains("từ vựng"),
        "phải kiểm trước khi huấn luyện"
    );
    // đường dẫn ra là một thư mục
    let out = train_to(&input, &dir.path().to_string_lossy());
    assert_clean_failure(&out, "không ghi được");
    // lần chạy hỏng (kho không tồn tại) không đụng tới tệp ra cũ, không để lại tệp tạm
    let old = write(dir.path(), "vec.txt", "bản cũ\n");
    let out = sgns(&[
        "train",
        "--quiet",
        "--input",
        "khong-co.txt",
        "--output",
        &old,
        "--min-count",
        "1",
    ]);
    assert_clean_failure(&out, "không đọc được");
    assert_eq!(std::fs::read_to_string(&old).unwrap(), "bản cũ\n");
    // lần chạy thành công thay tệp cũ bằng bản đầy đủ, dòng đầu đúng
    let out = train(dir.path(), &["--size", "4", "--threads", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&old).unwrap();
    assert!(text.starts_with("4 4\n"), "{text}");
    assert_eq!(text.lines().count(), 5);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "còn tệp tạm: {leftovers:?}");
}

#[test]
fn cli_clap_errors_are_vietnamese() {
    assert_clean_failure(&sgns(&["train", "--khong-co"]), "đối số không mong đợi");
    assert_clean_failure(&sgns(&["train", "--input", "x"]), "thiếu đối số bắt buộc");
    assert_clean_failure(
        &sgns(&["train", "--input", "x", "--output", "y", "--size", "abc"]),
        "không hợp lệ",
    );
    assert_clean_failure(&sgns(&["lam-gi"]), "không có lệnh");
    assert_clean_failure(&sgns(&[]), "thiếu lệnh");
    assert_clean_failure(
        &sgns(&["neighbours", "--vectors", "v.txt"]),
        "thiếu đối số bắt buộc",
    );
    // chỗ giữ giá trị trong trợ giúp của mọi lệnh là tiếng Việt (không còn <INPUT>, <VECTORS>, …)
    for command in [&[][..], &["train"], &["neighbours"], &["eval"]] {
        let help = sgns(&[command, &["--help"]].concat());
        let text = String::from_utf8_lossy(&help.stdout);
        assert!(help.status.success(), "{command:?}");
        for placeholder in text.split('<').skip(1).filter_map(|s| s.split_once('>')) {
            assert!(
                ["TỆP", "SỐ", "TỪ", "LỆNH", "TUỲ CHỌN"].contains(&placeholder.0),
                "{command:?}: <{}> trong\n{text}",
                placeholder.0
            );
        }
    }
}
