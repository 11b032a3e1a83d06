//! Các chương trình minh hoạ của sách. Mỗi chương trình vừa là một `cargo run --example <tên>`
//! (tệp `code/examples/<tên>.rs` gọi [`main`]), vừa được trình dựng sách chạy để chèn kết quả vào
//! chương bằng `{{#output tên}}` và từng con số bằng `{{#value tên.khoá}}`. Nhờ vậy mọi con số
//! trong lời văn đều do mã đã kiểm thử sinh ra lúc dựng sách.

mod cross_entropy;
mod dynamics;
mod embedding;
mod geometry;
mod gradient;
mod hessian;
mod information;
mod maximum_likelihood;
mod negative_sampling;
mod normalised;
mod sgns_measurements;
mod sgns_quality;
mod stability;
mod transformer;

use std::process::ExitCode;

use crate::error::Result;
pub use crate::numfmt::vi;

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

/// Một chương trình minh hoạ.
#[derive(Clone, Copy)]
pub struct Program {
    /// Tên, trùng tên ví dụ `cargo run --example <tên>`.
    pub name: &'static str,
    /// Thân chương trình.
    pub run: fn() -> Result<Output>,
}

/// Tất cả các chương trình, theo thứ tự chương.
pub fn all() -> Vec<Program> {
    [
        embedding::PROGRAMS,
        cross_entropy::PROGRAMS,
        gradient::PROGRAMS,
        negative_sampling::PROGRAMS,
        normalised::PROGRAMS,
        sgns_measurements::PROGRAMS,
        sgns_quality::PROGRAMS,
        hessian::PROGRAMS,
        stability::PROGRAMS,
        information::PROGRAMS,
        maximum_likelihood::PROGRAMS,
        transformer::PROGRAMS,
        dynamics::PROGRAMS,
        geometry::PROGRAMS,
    ]
    .concat()
}

/// Định dạng vector với 4 chữ số thập phân: `[0.1000, -2.0000]`.
fn fmt_vec(v: &[f64]) -> String {
    let items: Vec<String> = v.iter().map(|x| format!("{x:.4}")).collect();
    format!("[{}]", items.join(", "))
}

/// Số rất nhỏ cho lời văn tiếng Việt, dạng khoa học: `vi_sci(3.8e-11, 1)` → `"3,8·10⁻¹¹"`.
fn vi_sci(x: f64, decimals: usize) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let s = format!("{x:.decimals$e}");
    let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
    let mantissa: f64 = mantissa.parse().unwrap_or(f64::NAN);
    let superscript: String = exponent
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            d => ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']
                [d.to_digit(10).unwrap_or(0) as usize],
        })
        .collect();
    format!("{}·10{superscript}", vi(mantissa, decimals))
}

/// Tìm chương trình theo tên.
pub fn find(name: &str) -> Option<Program> {
    all().into_iter().find(|p| p.name == name)
}

/// Điểm vào của các ví dụ: chạy chương trình `name`, in kết quả; lỗi thì in ra stderr và trả mã ≠ 0.
pub fn main(name: &str) -> ExitCode {
    print_program(&all(), name)
}

/// Chạy chương trình `name` trong `programs`, in kết quả; lỗi thì in ra stderr và trả mã ≠ 0. Cũng là `main` của
/// các chương trình tự chứa mà trang gửi tới Rust Playground (`scripts/book/runnable.rs`).
pub fn print_program(programs: &[Program], name: &str) -> ExitCode {
    let Some(program) = programs.iter().find(|p| p.name == name) else {
        eprintln!("lỗi: không có chương trình tên «{name}»");
        return ExitCode::FAILURE;
    };
    match (program.run)() {
        Ok(out) => {
            use std::io::Write;
            // Ống bị đóng sớm (ví dụ `| head`) không phải lỗi của chương trình: dừng im lặng.
            match std::io::stdout().lock().write_all(out.text.as_bytes()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("lỗi: không ghi được kết quả: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(e) => {
            eprintln!("lỗi: {e}");
            ExitCode::FAILURE
        }
    }
}
