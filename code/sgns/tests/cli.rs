//! Kiểm thử dòng lệnh: đầu vào sai cho thông báo rõ ràng và mã thoát khác 0, không bao giờ panic.

use std::path::Path;
use std::process::{Command, Output};

fn sgns(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sgns"))
        .args(args)
        .output()
        .expect("chạy được sgns")
}

fn train_args<'a>(input: &'a str, output: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec!["train", "--quiet", "--input", input, "--output", output];
    a.extend(extra);
    a
}

fn assert_clean_failure(out: &Output, needle: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(
        err.contains("lỗi:") && err.contains(needle),
        "stderr: {err}"
    );
    assert!(!err.contains("panicked"), "stderr: {err}");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn help_is_vietnamese() {
    let out = sgns(&["--help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Cách dùng") && text.contains("Huấn luyện"),
        "{text}"
    );
    let out = sgns(&["train", "--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Số mẫu âm") && text.contains("Tuỳ chọn"),
        "{text}"
    );
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("v.txt");
    let out = sgns(&train_args(
        "/không/có/tệp.txt",
        out_path.to_str().unwrap(),
        &[],
    ));
    assert_clean_failure(&out, "không đọc được tệp");
}

#[test]
fn empty_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "rong.txt", b"  \n\n \t\n");
    let out = sgns(&train_args(&input, "/tmp/khong-dung.txt", &[]));
    assert_clean_failure(&out, "rỗng");
}

#[test]
fn invalid_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "sai.txt", b"mot dong\nhai \xff\xfe dong\n");
    let out = sgns(&train_args(&input, "/tmp/khong-dung.txt", &[]));
    assert_clean_failure(
        &out,
        "không phải UTF-8 hợp lệ: byte sai đầu tiên ở vị trí 13 (dòng 2)",
    );
}

#[test]
fn vocabulary_empty_after_min_count() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "it.txt", "một hai ba\nbốn năm\n".as_bytes());
    let out = sgns(&train_args(
        &input,
        "/tmp/khong-dung.txt",
        &["--min-count", "2"],
    ));
    assert_clean_failure(&out, "từ vựng rỗng");
}

#[test]
fn bad_parameter_and_unknown_word() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "ok.txt", "a b c a b c\n".as_bytes());
    let out = sgns(&train_args(
        &input,
        "/tmp/khong-dung.txt",
        &["--min-count", "1", "--window", "0"],
    ));
    assert_clean_failure(&out, "--window");
    let vectors = write(dir.path(), "v.txt", b"2 2\na 1 0\nb 0 1\n");
    assert_clean_failure(&sgns(&["neighbours", "--vectors", &vectors, "zzz"]), "zzz");
    let broken = write(dir.path(), "hong.txt", b"2 3\na 1 0\n");
    assert_clean_failure(
        &sgns(&["neighbours", "--vectors", &broken, "a"]),
        "sai định dạng",
    );
}

#[test]
fn train_writes_word2vec_text_and_answers_queries() {
    let dir = tempfile::tempdir().unwrap();
    let text = "vua hoàng_hậu cung_điện\nmèo chó chuột\n".repeat(50);
    let input = write(dir.path(), "k.txt", text.as_bytes());
    let output = dir.path().join("v.txt");
    let out_str = output.to_str().unwrap();
    let out = sgns(&train_args(
        &input,
        out_str,
        &["--min-count", "1", "--size", "8", "--threads", "1"],
    ));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&output).unwrap();
    let mut lines = written.lines();
    assert_eq!(lines.next(), Some("6 8"));
    assert!(lines.all(|l| l.split(' ').count() == 9));
    let out = sgns(&["neighbours", "--vectors", out_str, "--top", "2", "mèo"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
}
