//! Kiểm kích thước của một lần cấp phát **trước khi** cấp phát: số phần tử × số byte mỗi phần tử không được
//! tràn `usize` và không được vượt bộ nhớ còn dùng được (`MemAvailable` trong `/proc/meminfo`; nơi không đọc
//! được thì không giới hạn ngoài phép nhân không tràn). Một lần cấp phát quá lớn làm tiến trình dừng đột
//! ngột (abort), không phải một lỗi bắt được — nên phải chặn từ trước, kèm thông báo nêu giới hạn.

use crate::error::{Error, Result};

/// Bộ nhớ còn dùng được (byte), đọc từ `/proc/meminfo`; `None` khi không đọc được.
pub fn available_bytes() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kib.checked_mul(1024)
}

/// Kiểm `count` phần tử, mỗi phần tử `elem_bytes` byte, cấp phát được: tích không tràn và không vượt bộ nhớ
/// còn dùng được. Trả số byte.
pub fn ensure_allocation(what: &'static str, count: usize, elem_bytes: usize) -> Result<u64> {
    let too_big = |reason: String| Error::InvalidParameter { what, reason };
    let bytes = count
        .checked_mul(elem_bytes)
        .and_then(|b| u64::try_from(b).ok())
        .ok_or_else(|| {
            too_big(format!(
                "{count} phần tử × {elem_bytes} byte vượt không gian địa chỉ ({} byte)",
                usize::MAX
            ))
        })?;
    if let Some(limit) = available_bytes() {
        if bytes > limit {
            return Err(too_big(format!(
                "cần {bytes} byte nhưng bộ nhớ còn dùng được chỉ có {limit} byte (MemAvailable)"
            )));
        }
    }
    Ok(bytes)
}
