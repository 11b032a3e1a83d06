//! # Bài tập của sách
//!
//! * `stubs/` — khung để bạn đọc điền (thân hàm là `todo!()`). Sửa tệp ở đây.
//! * `solutions/` — lời giải tham khảo, cùng chữ ký.
//! * `checks/` — bộ kiểm: so mã với tham chiếu độc lập, trả gợi ý tiếng Việt khi sai.
//!
//! Kiểm bài của bạn: `cargo baitap` (chương trình `src/bin/baitap.rs`: mỗi bài một dòng đạt / chưa đạt / chưa
//! làm, gợi ý của bài đầu tiên chưa đạt, tiến độ), hoặc `cargo baitap --theo-doi` để kiểm lại mỗi khi lưu tệp.
//! Mặc định (không có tính năng `reader`), kiểm thử chạy trên lời giải tham khảo để chứng minh bộ kiểm đúng.

pub mod checks;
pub mod report;
pub mod solutions;
pub mod stubs;

/// Một bài tập.
#[derive(Clone, Copy)]
pub struct Exercise {
    /// Số hiệu «c.k» (chương c, bài k).
    pub id: &'static str,
    /// Tên hàm bạn đọc cần viết.
    pub function: &'static str,
    /// Nội dung tệp khung chứa hàm (để kiểm khung còn `todo!()` hay đã được giải).
    pub stub_source: &'static str,
    /// Chạy bộ kiểm trên khung của bạn đọc.
    pub check_stub: fn() -> Result<(), String>,
    /// Chạy bộ kiểm trên lời giải tham khảo.
    pub check_solution: fn() -> Result<(), String>,
}

impl Exercise {
    /// Khung của bài này còn chưa giải (thân hàm còn `todo!()`)?
    pub fn stub_is_unsolved(&self) -> bool {
        let marker = format!("fn {}(", self.function);
        let Some(start) = self.stub_source.find(&marker) else {
            return false;
        };
        let body = &self.stub_source[start..];
        let end = body[marker.len()..]
            .find("\nfn ")
            .or_else(|| body[marker.len()..].find("\npub fn "))
            .map_or(body.len(), |i| i + marker.len());
        body[..end].contains("todo!(")
    }

    /// Chạy bộ kiểm trên bản được chọn: khung của bạn đọc nếu bật tính năng `reader`, lời giải nếu không.
    pub fn check(&self) -> Result<(), String> {
        if cfg!(feature = "reader") {
            (self.check_stub)()
        } else {
            (self.check_solution)()
        }
    }
}

/// Tất cả bài tập, theo thứ tự chương.
pub fn all() -> Vec<Exercise> {
    [
        checks::embedding::EXERCISES,
        checks::softmax::EXERCISES,
        checks::gradient::EXERCISES,
        checks::negative_sampling::EXERCISES,
        checks::hierarchical_softmax::EXERCISES,
        checks::hessian::EXERCISES,
        checks::numerics::EXERCISES,
        checks::information::EXERCISES,
        checks::transformer::EXERCISES,
        checks::dynamics::EXERCISES,
        checks::geometry::EXERCISES,
        checks::capstone::EXERCISES,
    ]
    .concat()
}

/// Tìm bài theo số hiệu.
pub fn find(id: &str) -> Option<Exercise> {
    all().into_iter().find(|e| e.id == id)
}
