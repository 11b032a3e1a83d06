//! Thí nghiệm độ lệch của softmax lấy mẫu (chương 4, (4.16)–(4.17)) ở kích thước của sách.

use std::sync::OnceLock;

use crate::error::Result;
use crate::sampled_softmax::{sampled_bias, sampled_setup, BiasRow};

/// Cỡ mẫu S của thí nghiệm độ lệch.
pub const BIAS_SIZES: [usize; 9] = [1, 2, 4, 8, 16, 32, 64, 128, 256];

/// Thí nghiệm độ lệch của (4.16)–(4.17) ở kích thước đầy đủ, tính một lần mỗi tiến trình (chương trình
/// và hình dùng chung).
pub fn bias_rows() -> Result<Vec<BiasRow>> {
    static ROWS: OnceLock<Result<Vec<BiasRow>>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let (p, q) = sampled_setup(20, 1)?;
        sampled_bias(&p, &q, &BIAS_SIZES, 20_000, 3)
    })
    .clone()
}
