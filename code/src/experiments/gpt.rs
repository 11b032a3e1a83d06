//! Lần huấn luyện GPT nhỏ của chương 7 (cấu hình, chuỗi mẫu), chạy bằng vòng lặp huấn luyện tổng quát
//! [`train`] của `transformer::train`.

use std::sync::OnceLock;

use crate::error::Result;
use crate::transformer::model::Config;
use crate::transformer::train::{train, TrainConfig, TrainingRun};

/// Cấu hình của lần huấn luyện dùng cho hình và chương trình của chương 7.
pub const BOOK_RUN: TrainConfig = TrainConfig {
    model: Config {
        vocab: 9,
        dim: 16,
        context: 8,
    },
    half: 4,
    batch: 16,
    steps: 300,
    lr: 0.02,
    seed: 7,
};

/// Chuỗi mẫu của [`BOOK_RUN`] (khối `3 5 1 8` lặp lại) để in mất mát từng vị trí và ma trận chú ý.
pub const SAMPLE: [usize; 9] = [0, 3, 5, 1, 8, 3, 5, 1, 8];

/// Lần huấn luyện [`BOOK_RUN`], chạy một lần mỗi tiến trình rồi dùng lại (hình và chương trình chung).
pub fn book_run() -> Result<&'static TrainingRun> {
    static RUN: OnceLock<Result<TrainingRun>> = OnceLock::new();
    RUN.get_or_init(|| train(&BOOK_RUN))
        .as_ref()
        .map_err(Clone::clone)
}
