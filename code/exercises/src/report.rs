//! Báo cáo kiểu người hướng dẫn cho `cargo baitap`: trạng thái từng bài, gợi ý của bài đầu tiên chưa đạt, tiến độ.

use std::panic;

use crate::Exercise;

/// Trạng thái một bài.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Bộ kiểm chấp nhận.
    Passed,
    /// Đã viết nhưng bộ kiểm bác bỏ (kèm gợi ý tiếng Việt của bộ kiểm).
    Failed(String),
    /// Khung còn `todo!()`.
    NotStarted,
}

/// Kết quả kiểm một bài.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Số hiệu «c.k».
    pub id: &'static str,
    /// Tên hàm bạn đọc viết.
    pub function: &'static str,
    /// Trạng thái.
    pub status: Status,
}

impl Outcome {
    /// Bài đã đạt?
    pub fn passed(&self) -> bool {
        self.status == Status::Passed
    }
}

/// Bài `e` có khớp một trong các bộ lọc (chuỗi con của tên hàm hay của `bai_c_k_tên`, hoặc đúng số hiệu)?
pub fn matches(e: &Exercise, filters: &[&str]) -> bool {
    let test_name = format!("bai_{}_{}", e.id.replace('.', "_"), e.function);
    filters.is_empty() || filters.iter().any(|f| e.id == *f || test_name.contains(f))
}

/// Kiểm một bài (khung của bạn đọc khi bật tính năng `reader`, lời giải nếu không).
pub fn check(e: &Exercise) -> Status {
    let run = if cfg!(feature = "reader") {
        e.check_stub
    } else {
        e.check_solution
    };
    status_of(run)
}

/// Trạng thái khi chạy bộ kiểm `run`; panic (kể cả `todo!()`) được bắt lại — không in vết ngăn xếp nếu móc panic
/// đã được tắt.
pub fn status_of(run: fn() -> Result<(), String>) -> Status {
    match panic::catch_unwind(run) {
        Ok(Ok(())) => Status::Passed,
        Ok(Err(hint)) => Status::Failed(hint),
        Err(payload) => {
            let message = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("");
            if message.starts_with("not yet implemented") {
                Status::NotStarted
            } else {
                Status::Failed(format!("mã của bạn dừng đột ngột (panic): {message}"))
            }
        }
    }
}

/// Kiểm mọi bài khớp bộ lọc, theo thứ tự chương.
pub fn check_all(filters: &[&str]) -> Vec<Outcome> {
    crate::all()
        .into_iter()
        .filter(|e| matches(e, filters))
        .map(|e| Outcome {
            id: e.id,
            function: e.function,
            status: check(&e),
        })
        .collect()
}

/// Văn bản báo cáo: một dòng mỗi bài, gợi ý của bài đầu tiên chưa đạt, tiến độ n/N.
pub fn render(results: &[Outcome]) -> String {
    let mut out = String::new();
    for r in results {
        let (mark, word) = match r.status {
            Status::Passed => ("✓", "đạt"),
            Status::Failed(_) => ("✗", "chưa đạt"),
            Status::NotStarted => ("·", "chưa làm"),
        };
        out.push_str(&format!(
            "{mark} Bài {:<5} {:<28} {word}\n",
            r.id, r.function
        ));
    }
    let done = results.iter().filter(|r| r.passed()).count();
    if let Some(first) = results.iter().find(|r| !r.passed()) {
        out.push('\n');
        match &first.status {
            Status::Failed(hint) => out.push_str(&format!(
                "Bài {} (`{}`) chưa đạt. Gợi ý:\n{}\n",
                first.id,
                first.function,
                hint.trim_end()
            )),
            _ => out.push_str(&format!(
                "Bài tiếp theo: {} — sửa hàm `{}` trong code/exercises/src/stubs, rồi chạy lại `cargo baitap`.\n",
                first.id, first.function
            )),
        }
    }
    out.push_str(&format!("\nTiến độ: {done}/{} bài đạt.\n", results.len()));
    out
}
