//! Các thí nghiệm của sách — một nơi duy nhất, dùng chung cho hình (`figures`), chương trình
//! (`programs`) và kiểm thử `claim_…`. Kiểm thử chạy ở kích thước nhỏ, hình và chương trình ở kích
//! thước của sách — cùng một mã. Mỗi thí nghiệm cỡ sách chạy **một lần mỗi tiến trình** (`OnceLock`)
//! rồi được mọi hình và chương trình dùng lại.
//!
//! * [`zipf`] (chương 8): mô hình bigram softmax đầy đủ trên dòng token Zipf có thêm token không bao
//!   giờ xuất hiện, ba biến thể (chia sẻ, không chia sẻ, lấy mẫu âm) — chuẩn theo tần suất, hướng trôi.
//! * [`topics`] (chương 9): skip-gram softmax đầy đủ trên kho ngữ liệu chủ đề gieo sẵn — cụm và tích
//!   vô hướng của các cặp cùng xuất hiện.
//! * [`shifted_pmi`] (chương 4): thí nghiệm Levy–Goldberg, SGNS phân rã hội tụ tới `PMI − log k`.
//! * [`cost`] (chương 4): bảng chi phí một bước đọc từ lần đo đã commit trong `code/data/`.
//! * [`sampled`] (chương 4): độ lệch của softmax lấy mẫu theo cỡ mẫu, có và không hiệu chỉnh log Q.
//! * [`stability`] (chương 5): sai số tương đối của ba cách tính entropy chéo theo khoảng cách logit,
//!   so với số lớn 256 bit.
//! * [`gpt`] (chương 7): lần huấn luyện GPT nhỏ của sách (vòng lặp huấn luyện ở `transformer::train`).

pub mod cost;
pub mod gpt;
pub mod sampled;
pub mod shifted_pmi;
pub mod stability;
pub mod topics;
pub mod zipf;

use crate::corpus::TopicSpec;
use crate::dynamics::TrainSpec;

pub use topics::{book_topics, cooccurrence_dots, run_topics, TopicRun};
pub use zipf::{
    book_zipf, book_zipf_sgns, frequency_weighted_mean, mean_drift_cosine, measure_norm_frequency,
    norm_frequency_spearman, relative_step, run_zipf, run_zipf_sgns, NormFrequency, Run, ZipfSetup,
    INIT_SCALE,
};

/// Các mốc lưu (E, O) của mọi lần chạy cỡ sách: mỗi 100 bước, từ 0 tới `steps`.
fn book_marks(steps: usize) -> Vec<usize> {
    (0..=steps).step_by(100).collect()
}

// ANCHOR: book_setups
/// Kích thước dùng cho hình và chương trình của sách (các kiểm thử `claim_…` dùng bản nhỏ hơn).
pub const BOOK_ZIPF: ZipfSetup = ZipfSetup {
    seen: 120,
    unseen: 10,
    exponent: 1.0,
    tokens: 20_000,
    dim: 12,
    train: TrainSpec {
        lr: 0.5,
        batch: 16,
        steps: 1500,
        seed: 3,
    },
    seed: 1,
};

/// Kho ngữ liệu chủ đề của sách: 4 chủ đề × 15 từ, 10 từ chức năng, 1 500 câu dài 8.
pub const BOOK_TOPICS: TopicSpec = TopicSpec {
    topics: 4,
    words_per_topic: 15,
    function_words: 10,
    sentences: 1500,
    sentence_len: 8,
    function_rate: 0.3,
    exponent: 1.0,
};

/// Huấn luyện skip-gram của sách (cửa sổ ±2, d = 16).
pub const BOOK_TOPICS_TRAIN: TrainSpec = TrainSpec {
    lr: 0.5,
    batch: 16,
    steps: 1200,
    seed: 2,
};
// ANCHOR_END: book_setups
