//! Hai thí nghiệm của chương 8–9, dùng chung cho kiểm thử `claim_…`, hình và chương trình minh hoạ
//! (kiểm thử chạy ở kích thước nhỏ, hình ở kích thước lớn hơn — cùng một mã).
//!
//! * [`run_zipf`]: mô hình bigram softmax đầy đủ trên dòng token Zipf, có thêm `unseen` token
//!   không bao giờ xuất hiện — đo chuẩn theo tần suất và hướng trôi của embedding.
//! * [`run_topics`]: mô hình skip-gram softmax đầy đủ trên kho ngữ liệu chủ đề gieo sẵn — đo cụm
//!   và tích vô hướng của các cặp cùng xuất hiện.

use ndarray::{Array1, Array2, ArrayView1};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::corpus::{bigram_pairs, counts, skipgram_pairs, topic_corpus, zipf_stream, TopicSpec};
use crate::dynamics::{row_norms, spearman, train, SoftmaxModel, TrainSpec, Tying};
use crate::error::{Error, Result};
use crate::geometry::cosine;
use crate::negative_sampling::{sgns_gradients, sgns_loss, NoiseSampler};

/// Độ lệch chuẩn của khởi tạo N(0, σ²) trong cả hai thí nghiệm.
pub const INIT_SCALE: f64 = 0.1;

// ANCHOR: zipf_setup
/// Cấu hình thí nghiệm Zipf.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZipfSetup {
    /// Số token có xuất hiện (hạng Zipf `0..seen`).
    pub seen: usize,
    /// Số token thêm vào từ vựng nhưng không bao giờ xuất hiện (id `seen..seen+unseen`).
    pub unseen: usize,
    /// Số mũ Zipf s.
    pub exponent: f64,
    /// Độ dài dòng token.
    pub tokens: usize,
    /// Số chiều d.
    pub dim: usize,
    /// Cấu hình SGD.
    pub train: TrainSpec,
    /// Hạt giống của kho ngữ liệu và của khởi tạo.
    pub seed: u64,
}
// ANCHOR_END: zipf_setup

/// Kết quả một lần chạy: đếm tần suất, E ban đầu, E ở các mốc, mất mát từng bước.
#[derive(Debug, Clone)]
pub struct Run {
    /// Số lần xuất hiện của mỗi token trong kho ngữ liệu.
    pub counts: Vec<usize>,
    /// Ma trận E lúc khởi tạo.
    pub initial: Array2<f64>,
    /// `(bước, E, O)` ở các mốc đã yêu cầu (trước khi thực hiện bước đó; mốc `steps` là cuối cùng).
    pub snapshots: Vec<(usize, Array2<f64>, Array2<f64>)>,
    /// Mất mát trung bình của từng batch.
    pub losses: Vec<f64>,
}

impl Run {
    /// Mô hình (E, O) ở mốc cuối cùng.
    pub fn last(&self) -> Result<&(usize, Array2<f64>, Array2<f64>)> {
        self.snapshots.last().ok_or(Error::Empty("danh sách mốc"))
    }
}

fn run_pairs(
    mut model: SoftmaxModel,
    pairs: &[(usize, usize)],
    cnt: Vec<usize>,
    spec: &TrainSpec,
    checkpoints: &[usize],
) -> Result<Run> {
    let initial = model.input.clone();
    let mut snapshots = Vec::new();
    let losses = train(&mut model, pairs, spec, |t, m, _| {
        if checkpoints.contains(&t) {
            snapshots.push((t, m.input.clone(), m.output_matrix().clone()));
        }
    })?;
    if checkpoints.contains(&spec.steps) {
        snapshots.push((
            spec.steps,
            model.input.clone(),
            model.output_matrix().clone(),
        ));
    }
    Ok(Run {
        counts: cnt,
        initial,
        snapshots,
        losses,
    })
}

/// Chạy thí nghiệm Zipf với biến thể `tying`, lưu E ở các mốc `checkpoints`.
pub fn run_zipf(setup: &ZipfSetup, tying: Tying, checkpoints: &[usize]) -> Result<Run> {
    let stream = zipf_stream(setup.seen, setup.tokens, setup.exponent, setup.seed)?;
    let vocab = setup.seen + setup.unseen;
    let cnt = counts(&stream, vocab)?;
    let pairs = bigram_pairs(&stream);
    let model = SoftmaxModel::new(vocab, setup.dim, tying, INIT_SCALE, setup.seed + 1)?;
    run_pairs(model, &pairs, cnt, &setup.train, checkpoints)
}

// ANCHOR: run_zipf_sgns
/// Biến thể thứ ba của thí nghiệm Zipf: cùng dòng token, cùng cặp (w, c), cùng khởi tạo (E, O) như mô hình
/// không chia sẻ, nhưng huấn luyện bằng mất mát lấy mẫu âm (4.2) với `negatives` mẫu rút từ `P_n ∝ count^{3/4}`
/// (4.6) và gradient (4.5). Mỗi bước: một batch cặp, SGD với tốc độ `lr` trên gradient trung bình.
pub fn run_zipf_sgns(setup: &ZipfSetup, negatives: usize, checkpoints: &[usize]) -> Result<Run> {
    let stream = zipf_stream(setup.seen, setup.tokens, setup.exponent, setup.seed)?;
    let vocab = setup.seen + setup.unseen;
    let cnt = counts(&stream, vocab)?;
    let pairs = bigram_pairs(&stream);
    let init = SoftmaxModel::new(vocab, setup.dim, Tying::Untied, INIT_SCALE, setup.seed + 1)?;
    let (mut e, mut o) = (init.input.clone(), init.output_matrix().clone());
    let counts_u64: Vec<u64> = cnt.iter().map(|&c| c as u64).collect();
    let noise = NoiseSampler::new(&counts_u64, 0.75)?;
    let spec = &setup.train;
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let (mut snapshots, mut losses) = (Vec::new(), Vec::with_capacity(spec.steps));
    for t in 0..=spec.steps {
        if checkpoints.contains(&t) {
            snapshots.push((t, e.clone(), o.clone()));
        }
        if t == spec.steps {
            break;
        }
        let mut ge = Array2::<f64>::zeros(e.raw_dim());
        let mut go = Array2::<f64>::zeros(o.raw_dim());
        let mut loss = 0.0;
        for _ in 0..spec.batch {
            let (w, c) = pairs[rng.random_range(0..pairs.len())];
            let ids: Vec<usize> = (0..negatives).map(|_| noise.sample(&mut rng)).collect();
            let negs: Vec<Vec<f64>> = ids.iter().map(|&n| o.row(n).to_vec()).collect();
            let neg_refs: Vec<&[f64]> = negs.iter().map(Vec::as_slice).collect();
            let (vw, uc) = (e.row(w).to_vec(), o.row(c).to_vec());
            loss += sgns_loss(&vw, &uc, &neg_refs)?;
            let g = sgns_gradients(&vw, &uc, &neg_refs)?;
            ge.row_mut(w).scaled_add(1.0, &ArrayView1::from(&g.center));
            go.row_mut(c).scaled_add(1.0, &ArrayView1::from(&g.context));
            for (&n, gn) in ids.iter().zip(&g.negatives) {
                go.row_mut(n).scaled_add(1.0, &ArrayView1::from(gn));
            }
        }
        let scale = spec.lr / spec.batch as f64;
        e.scaled_add(-scale, &ge);
        o.scaled_add(-scale, &go);
        losses.push(loss / spec.batch as f64);
    }
    Ok(Run {
        counts: cnt,
        initial: init.input.clone(),
        snapshots,
        losses,
    })
}
// ANCHOR_END: run_zipf_sgns

/// Tương quan hạng Spearman giữa tần suất và chuẩn ‖e_w‖, trên các token có xuất hiện.
pub fn norm_frequency_spearman(counts: &[usize], e: &Array2<f64>) -> Result<f64> {
    let seen: Vec<usize> = (0..counts.len()).filter(|&w| counts[w] > 0).collect();
    let freq: Vec<f64> = seen.iter().map(|&w| counts[w] as f64).collect();
    let norms = row_norms(e);
    let n: Vec<f64> = seen.iter().map(|&w| norms[w]).collect();
    spearman(&freq, &n)
}

/// Trung bình có trọng số tần suất của các embedding: `μ = Σ_w f_w e_w / Σ_w f_w`.
pub fn frequency_weighted_mean(counts: &[usize], e: &Array2<f64>) -> Result<Array1<f64>> {
    let total: usize = counts.iter().sum();
    if total == 0 {
        return Err(Error::Empty("kho ngữ liệu"));
    }
    let mut mu = Array1::zeros(e.ncols());
    for (w, &c) in counts.iter().enumerate() {
        mu.scaled_add(c as f64 / total as f64, &e.row(w));
    }
    Ok(mu)
}

/// Cosine trung bình giữa độ dời `e_w(T) − e_w(0)` của các token `group` và hướng `direction`;
/// `None` nếu không token nào trong nhóm di chuyển.
pub fn mean_drift_cosine(
    initial: &Array2<f64>,
    last: &Array2<f64>,
    group: &[usize],
    direction: &Array1<f64>,
) -> Result<Option<f64>> {
    let dir = direction.to_vec();
    let mut sum = 0.0;
    let mut n = 0;
    for &w in group {
        let d = (&last.row(w) - &initial.row(w)).to_vec();
        if d.iter().any(|&x| x != 0.0) {
            sum += cosine(&d, &dir)?;
            n += 1;
        }
    }
    Ok((n > 0).then(|| sum / n as f64))
}

/// Độ dời tương đối mỗi bước, trung bình trên nhóm: `(1/|G|) Σ_w ‖e_w(t₂) − e_w(t₁)‖ / ((t₂ − t₁) ‖e_w(t₁)‖)`.
pub fn relative_step(
    a: (usize, &Array2<f64>),
    b: (usize, &Array2<f64>),
    group: &[usize],
) -> Result<f64> {
    if b.0 <= a.0 || group.is_empty() {
        return Err(Error::InvalidParameter {
            what: "khoảng mốc hoặc nhóm token",
            reason: format!("cần t₂ > t₁ và nhóm khác rỗng, nhận {}..{}", a.0, b.0),
        });
    }
    let steps = (b.0 - a.0) as f64;
    let total: f64 = group
        .iter()
        .map(|&w| {
            let d = &b.1.row(w) - &a.1.row(w);
            d.dot(&d).sqrt() / (steps * a.1.row(w).dot(&a.1.row(w)).sqrt())
        })
        .sum();
    Ok(total / group.len() as f64)
}

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

/// Chạy thí nghiệm chủ đề cỡ sách (cửa sổ ±2, d = 16, hạt giống 5) với các mốc `checkpoints`.
pub fn book_topics(tying: Tying, checkpoints: &[usize]) -> Result<TopicRun> {
    run_topics(
        &BOOK_TOPICS,
        2,
        16,
        &BOOK_TOPICS_TRAIN,
        tying,
        5,
        checkpoints,
    )
}
