//! Các chương trình minh hoạ của sách. Mỗi chương trình vừa là một `cargo run --example <tên>`
//! (tệp `code/examples/<tên>.rs` gọi [`main`]), vừa được trình dựng sách chạy để chèn kết quả vào
//! chương bằng `{{#output tên}}` và từng con số bằng `{{#value tên.khoá}}`. Nhờ vậy mọi con số
//! trong lời văn đều do mã đã kiểm thử sinh ra lúc dựng sách.

mod cross_entropy;
mod embedding;

use std::process::ExitCode;

use crate::error::Result;

/// Kết quả của một chương trình: văn bản in ra và các giá trị có tên để trích vào lời văn.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Output {
    /// Văn bản in ra màn hình.
    pub text: String,
    /// Các giá trị có tên, theo thứ tự ghi.
    pub values: Vec<(String, String)>,
}

impl Output {
    /// Thêm một dòng văn bản.
    pub fn line(&mut self, line: impl AsRef<str>) {
        self.text.push_str(line.as_ref());
        self.text.push('\n');
    }

    /// Ghi một giá trị có tên (đã định dạng) để lời văn trích dẫn.
    pub fn value(&mut self, key: impl Into<String>, value: impl ToString) {
        self.values.push((key.into(), value.to_string()));
    }

    /// Lấy giá trị theo khoá.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Định dạng số cho lời văn tiếng Việt: dấu phẩy thập phân, dấu chấm ngăn hàng nghìn.
/// `vi(1234.5, 1)` → `"1.234,5"`; `vi(0.25, 3)` → `"0,250"`.
pub fn vi(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    if x.is_sign_negative() && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('−');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// Một chương trình minh hoạ.
#[derive(Clone, Copy)]
pub struct Program {
    /// Tên, trùng tên ví dụ `cargo run --example <tên>`.
    pub name: &'static str,
    /// Thân chương trình.
    pub run: fn() -> Result<Output>,
}

/// Tất cả các chương trình.
pub fn all() -> Vec<Program> {
    [embedding::PROGRAMS, cross_entropy::PROGRAMS].concat()
}

/// Tìm chương trình theo tên.
pub fn find(name: &str) -> Option<Program> {
    all().into_iter().find(|p| p.name == name)
}

/// Điểm vào của các ví dụ: chạy chương trình `name`, in kết quả; lỗi thì in ra stderr và trả mã ≠ 0.
pub fn main(name: &str) -> ExitCode {
    let Some(program) = find(name) else {
        eprintln!("lỗi: không có chương trình tên «{name}»");
        return ExitCode::FAILURE;
    };
    match (program.run)() {
        Ok(out) => {
            print!("{}", out.text);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("lỗi: {e}");
            ExitCode::FAILURE
        }
    }
}
