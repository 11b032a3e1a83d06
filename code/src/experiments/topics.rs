//! Thí nghiệm chủ đề của chương 9: skip-gram softmax đầy đủ trên kho ngữ liệu chủ đề gieo sẵn — đo cụm
//! và tích vô hướng của các cặp cùng xuất hiện.

use std::sync::OnceLock;

use ndarray::Array2;

use super::zipf::{run_pairs, Run, INIT_SCALE};
use super::{book_marks, BOOK_TOPICS, BOOK_TOPICS_TRAIN};
use crate::corpus::{skipgram_pairs, topic_corpus, TopicSpec};
use crate::dynamics::{SoftmaxModel, TrainSpec, Tying};
use crate::error::{Error, Result};

/// Kết quả thí nghiệm chủ đề: một lần chạy, nhãn chủ đề, và ma trận đếm cùng xuất hiện.
#[derive(Debug, Clone)]
pub struct TopicRun {
    /// Lần chạy (E, O ở các mốc).
    pub run: Run,
    /// Chủ đề gieo sẵn của mỗi token (`None` với từ chức năng).
    pub topic_of: Vec<Option<usize>>,
    /// `cooc[[w, c]]`: số lần cặp (w, c) xuất hiện trong cửa sổ ngữ cảnh.
    pub cooc: Array2<f64>,
}

/// Chạy skip-gram softmax đầy đủ (cửa sổ `window`) trên kho ngữ liệu chủ đề.
pub fn run_topics(
    spec: &TopicSpec,
    window: usize,
    dim: usize,
    train_spec: &TrainSpec,
    tying: Tying,
    seed: u64,
    checkpoints: &[usize],
) -> Result<TopicRun> {
    let corpus = topic_corpus(spec, seed)?;
    let vocab = corpus.vocab();
    let pairs = skipgram_pairs(&corpus.sentences, window);
    let mut cooc = Array2::zeros((vocab, vocab));
    for &(w, c) in &pairs {
        cooc[[w, c]] += 1.0;
    }
    let cnt = corpus.counts()?;
    let model = SoftmaxModel::new(vocab, dim, tying, INIT_SCALE, seed + 1)?;
    let run = run_pairs(model, &pairs, cnt, train_spec, checkpoints)?;
    Ok(TopicRun {
        run,
        topic_of: corpus.topic_of,
        cooc,
    })
}

/// Trung bình `e_wᵀ o_c` trên các cặp từ nội dung `w ≠ c` có cùng xuất hiện (`cooc > 0`) và trên
/// các cặp không bao giờ cùng xuất hiện.
pub fn cooccurrence_dots(tr: &TopicRun, e: &Array2<f64>, o: &Array2<f64>) -> Result<(f64, f64)> {
    let dots = e.dot(&o.t());
    let (mut with, mut nw, mut without, mut nwo) = (0.0, 0usize, 0.0, 0usize);
    let content: Vec<usize> = (0..tr.topic_of.len())
        .filter(|&w| tr.topic_of[w].is_some())
        .collect();
    for &w in &content {
        for &c in content.iter().filter(|&&c| c != w) {
            if tr.cooc[[w, c]] > 0.0 {
                with += dots[[w, c]];
                nw += 1;
            } else {
                without += dots[[w, c]];
                nwo += 1;
            }
        }
    }
    if nw == 0 || nwo == 0 {
        return Err(Error::Empty(
            "cần cả cặp cùng xuất hiện lẫn cặp không cùng xuất hiện",
        ));
    }
    Ok((with / nw as f64, without / nwo as f64))
}

/// Thí nghiệm chủ đề cỡ sách (cửa sổ ±2, d = 16, hạt giống 5) với biến thể `tying`, E và O lưu mỗi 100
/// bước; chạy một lần mỗi tiến trình rồi dùng lại cho mọi hình và chương trình.
pub fn book_topics(tying: Tying) -> Result<&'static TopicRun> {
    static TIED: OnceLock<Result<TopicRun>> = OnceLock::new();
    static UNTIED: OnceLock<Result<TopicRun>> = OnceLock::new();
    let cell = match tying {
        Tying::Tied => &TIED,
        Tying::Untied => &UNTIED,
    };
    cell.get_or_init(|| {
        run_topics(
            &BOOK_TOPICS,
            2,
            16,
            &BOOK_TOPICS_TRAIN,
            tying,
            5,
            &book_marks(BOOK_TOPICS_TRAIN.steps),
        )
    })
    .as_ref()
    .map_err(Clone::clone)
}
