//! Lỗi của trình huấn luyện: mọi đầu vào sai trả lỗi có thông báo tiếng Việt, không bao giờ panic.

use std::path::PathBuf;

use thiserror::Error;

/// Lỗi của `sgns`.
#[derive(Debug, Error)]
pub enum Error {
    /// Không đọc được tệp (không tồn tại, không có quyền…).
    #[error("không đọc được tệp «{path}»: {source}")]
    Read {
        /// Đường dẫn.
        path: PathBuf,
        /// Lỗi hệ điều hành.
        source: std::io::Error,
    },
    /// Không ghi được tệp.
    #[error("không ghi được tệp «{path}»: {source}")]
    Write {
        /// Đường dẫn.
        path: PathBuf,
        /// Lỗi hệ điều hành.
        source: std::io::Error,
    },
    /// Tệp không phải UTF-8 hợp lệ.
    #[error(
        "tệp «{path}» không phải UTF-8 hợp lệ: byte sai đầu tiên ở vị trí {offset} (dòng {line})"
    )]
    InvalidUtf8 {
        /// Đường dẫn.
        path: PathBuf,
        /// Vị trí byte đầu tiên sai.
        offset: usize,
        /// Số dòng (từ 1) chứa byte đó.
        line: usize,
    },
    /// Kho ngữ liệu không có từ nào.
    #[error("kho ngữ liệu «{0}» rỗng: không có từ nào")]
    EmptyCorpus(PathBuf),
    /// Không từ nào đạt ngưỡng số lần xuất hiện.
    #[error("từ vựng rỗng sau khi lọc: không từ nào xuất hiện ít nhất {min_count} lần (từ xuất hiện nhiều nhất: {max_count} lần); hãy giảm --min-count")]
    EmptyVocabulary {
        /// Ngưỡng --min-count.
        min_count: u64,
        /// Số lần xuất hiện lớn nhất trong kho.
        max_count: u64,
    },
    /// Tham số ngoài miền.
    #[error("tham số không hợp lệ --{name}: {reason}")]
    InvalidParameter {
        /// Tên tham số.
        name: &'static str,
        /// Lý do.
        reason: String,
    },
    /// Tệp vector sai định dạng word2vec văn bản.
    #[error("tệp vector «{path}» sai định dạng word2vec (dòng {line}): {reason}")]
    BadVectors {
        /// Đường dẫn.
        path: PathBuf,
        /// Dòng lỗi.
        line: usize,
        /// Lý do.
        reason: String,
    },
    /// Kho ngữ liệu có ít hơn hai từ khác nhau: không có mẫu âm nào khác từ ngữ cảnh.
    #[error("kho ngữ liệu chỉ có {0} từ khác nhau sau khi lọc --min-count: cần ít nhất 2 (mẫu âm phải khác từ ngữ cảnh)")]
    TooFewWords(usize),
    /// Từ truy vấn không có trong từ vựng.
    #[error("từ «{0}» không có trong từ vựng")]
    UnknownWord(String),
    /// Tệp cặp từ tương đồng không có (bộ dữ liệu tuỳ chọn, tải bằng `scripts/fetch-similarity.sh`).
    #[error("không có tệp cặp từ «{0}»: chạy ./scripts/fetch-similarity.sh để tải WordSim-353 và SimLex-999 (bước tuỳ chọn, sách không cần)")]
    MissingPairs(PathBuf),
    /// Tệp cặp từ sai định dạng.
    #[error("tệp cặp từ «{path}» sai định dạng (dòng {line}): {reason}")]
    BadPairs {
        /// Đường dẫn.
        path: PathBuf,
        /// Dòng lỗi.
        line: usize,
        /// Lý do.
        reason: String,
    },
    /// Không cặp nào có đủ hai từ trong từ vựng.
    #[error("«{0}»: không cặp nào có cả hai từ trong từ vựng, không tính được ρ")]
    NoPairsFound(PathBuf),
}

/// Kết quả với lỗi của `sgns`.
pub type Result<T> = std::result::Result<T, Error>;
