//! Kiểu lỗi chung của cả crate: mọi hàm nhận đầu vào từ bên ngoài trả `Result<T>`.
//!
//! Quy ước (giữ nguyên cho cả sách): đầu vào không hợp lệ — logit NaN/±∞, kích thước không khớp,
//! token id ngoài từ vựng, phân phối không hợp lệ — không bao giờ làm chương trình hoảng (panic)
//! và không bao giờ cho ra một con số sai một cách im lặng: hàm trả về `Err` với thông báo tiếng Việt.

use thiserror::Error;

/// Lỗi đầu vào của các hàm trong crate.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Error {
    /// Một giá trị đầu vào là NaN hoặc ±∞.
    #[error("{what}: giá trị không hữu hạn tại vị trí {index} ({value})")]
    NonFinite {
        /// Tên đại lượng (ví dụ "logit").
        what: &'static str,
        /// Vị trí (chỉ số phẳng) của giá trị lỗi.
        index: usize,
        /// Giá trị lỗi.
        value: f64,
    },
    /// Hai kích thước lẽ ra phải bằng nhau.
    #[error("kích thước không khớp ({what}): cần {expected}, nhận {found}")]
    ShapeMismatch {
        /// Đại lượng bị sai kích thước.
        what: &'static str,
        /// Kích thước cần có.
        expected: String,
        /// Kích thước nhận được.
        found: String,
    },
    /// Token id nằm ngoài từ vựng `0..vocab`.
    #[error("token id {id} nằm ngoài từ vựng (V = {vocab})")]
    TokenOutOfRange {
        /// Token id nhận được.
        id: usize,
        /// Kích thước từ vựng V.
        vocab: usize,
    },
    /// Đầu vào rỗng ở nơi cần ít nhất một phần tử.
    #[error("đầu vào rỗng: {0}")]
    Empty(&'static str),
    /// Một phân phối xác suất không hợp lệ (âm, hoặc tổng khác 1).
    #[error("phân phối không hợp lệ ({what}): {reason}")]
    InvalidDistribution {
        /// Tên phân phối.
        what: &'static str,
        /// Lý do.
        reason: String,
    },
    /// Vẽ hình thất bại (lỗi từ plotters).
    #[error("không vẽ được hình: {0}")]
    Plot(String),
    /// Một tham số nằm ngoài miền cho phép (ví dụ nhiệt độ ≤ 0).
    #[error("tham số không hợp lệ ({what}): {reason}")]
    InvalidParameter {
        /// Tên tham số.
        what: &'static str,
        /// Lý do.
        reason: String,
    },
}

/// Kết quả với kiểu lỗi của crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Kiểm mọi phần tử của `values` là hữu hạn; trả lỗi chỉ ra phần tử đầu tiên không hữu hạn.
pub fn ensure_finite<'a>(
    what: &'static str,
    values: impl IntoIterator<Item = &'a f64>,
) -> Result<()> {
    for (index, &value) in values.into_iter().enumerate() {
        if !value.is_finite() {
            return Err(Error::NonFinite { what, index, value });
        }
    }
    Ok(())
}

/// Kiểm hai độ dài bằng nhau.
pub fn ensure_len(what: &'static str, expected: usize, found: usize) -> Result<()> {
    if expected == found {
        Ok(())
    } else {
        Err(Error::ShapeMismatch {
            what,
            expected: expected.to_string(),
            found: found.to_string(),
        })
    }
}
