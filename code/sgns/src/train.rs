//! Huấn luyện skip-gram với lấy mẫu âm (SGNS), đa luồng kiểu Hogwild, như công cụ word2vec.

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use embedding_loss::negative_sampling::{keep_probability, NoiseSampler};
use indicatif::ProgressBar;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::corpus::{Corpus, Vocab};
use crate::error::{Error, Result};
use crate::kernels::{axpy, dot, sigmoid, SharedMatrix};

/// Siêu tham số huấn luyện (mặc định giống word2vec với `-cbow 0`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    /// Số chiều d.
    pub dim: usize,
    /// Bán kính cửa sổ tối đa W (cửa sổ động, phương trình 4.8).
    pub window: usize,
    /// Số mẫu âm K mỗi cặp.
    pub negative: usize,
    /// Ngưỡng lấy mẫu con t (phương trình 4.7); 0 = tắt.
    pub sample: f64,
    /// Tốc độ học ban đầu, giảm tuyến tính về 1e-4 lần giá trị này.
    pub alpha: f32,
    /// Số lượt qua kho.
    pub epochs: usize,
    /// Số luồng.
    pub threads: usize,
    /// Hạt giống.
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            dim: 100,
            window: 5,
            negative: 5,
            sample: 1e-3,
            alpha: 0.025,
            epochs: 1,
            threads: 2,
            seed: 1,
        }
    }
}

/// Mô hình đã huấn luyện: vector tâm (đầu vào) `v_w` và vector ngữ cảnh (đầu ra) `u_c`, phẳng theo dòng.
pub struct Model {
    /// Từ vựng.
    pub vocab: Vocab,
    /// Số chiều d.
    pub dim: usize,
    /// Ma trận đầu vào V × d (đây là «embedding» được ghi ra).
    pub input: Vec<f32>,
    /// Ma trận đầu ra V × d.
    pub output: Vec<f32>,
}

fn invalid(name: &'static str, reason: &str) -> Error {
    Error::InvalidParameter {
        name,
        reason: reason.to_owned(),
    }
}

fn validate(cfg: &Config) -> Result<()> {
    if cfg.dim == 0 {
        return Err(invalid("size", "cần ≥ 1"));
    }
    if cfg.window == 0 {
        return Err(invalid("window", "cần ≥ 1"));
    }
    if cfg.negative == 0 {
        return Err(invalid("negative", "cần ≥ 1"));
    }
    if !(cfg.sample.is_finite() && cfg.sample >= 0.0) {
        return Err(invalid("sample", "cần 0 ≤ t < ∞"));
    }
    if !(cfg.alpha.is_finite() && cfg.alpha > 0.0) {
        return Err(invalid("alpha", "cần 0 < α < ∞"));
    }
    if cfg.epochs == 0 || cfg.threads == 0 {
        return Err(invalid("epochs/threads", "cần ≥ 1"));
    }
    Ok(())
}

/// Chia các câu thành `parts` đoạn liên tiếp có số token gần bằng nhau.
fn split_sentences(corpus: &Corpus, parts: usize) -> Vec<Range<usize>> {
    let n_sent = corpus.sentences.len() - 1;
    let per = corpus.num_tokens().div_ceil(parts).max(1);
    let mut ranges = Vec::with_capacity(parts);
    let mut start = 0;
    for s in 0..n_sent {
        if corpus.sentences[s + 1] >= per * (ranges.len() + 1) && ranges.len() + 1 < parts {
            ranges.push(start..s + 1);
            start = s + 1;
        }
    }
    ranges.push(start..n_sent);
    ranges
}

struct Shared<'a> {
    corpus: &'a Corpus,
    cfg: &'a Config,
    input: SharedMatrix,
    output: SharedMatrix,
    noise: NoiseSampler,
    keep: Vec<f32>,
    processed: AtomicU64,
    total: u64,
    progress: Option<&'a ProgressBar>,
}

/// Huấn luyện SGNS trên `corpus`; `progress` (nếu có) được tăng theo số token đã đọc.
pub fn train(corpus: &Corpus, cfg: &Config, progress: Option<&ProgressBar>) -> Result<Model> {
    validate(cfg)?;
    let (v, d) = (corpus.vocab.len(), cfg.dim);
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    // khởi tạo như word2vec: đầu vào đều trong [−0.5/d, 0.5/d), đầu ra bằng 0
    let init: Vec<f32> = (0..v * d)
        .map(|_| (rng.random::<f32>() - 0.5) / d as f32)
        .collect();
    let total_count: u64 = corpus.vocab.counts.iter().sum();
    let keep = corpus
        .vocab
        .counts
        .iter()
        .map(|&c| match cfg.sample {
            t if t > 0.0 => keep_probability(c as f64 / total_count as f64, t).map(|p| p as f32),
            _ => Ok(1.0),
        })
        .collect::<std::result::Result<Vec<f32>, _>>()
        .map_err(|e| invalid("sample", &e.to_string()))?;
    let noise = NoiseSampler::new(&corpus.vocab.counts, 0.75)
        .map_err(|e| invalid("min-count", &e.to_string()))?;
    let shared = Shared {
        corpus,
        cfg,
        input: SharedMatrix::from_vec(init, d),
        output: SharedMatrix::from_vec(vec![0.0; v * d], d),
        noise,
        keep,
        processed: AtomicU64::new(0),
        total: (cfg.epochs * corpus.num_tokens()) as u64,
        progress,
    };
    let chunks = split_sentences(corpus, cfg.threads);
    std::thread::scope(|s| {
        for (tid, chunk) in chunks.into_iter().enumerate() {
            let shared = &shared;
            s.spawn(move || worker(shared, tid as u64, chunk));
        }
    });
    Ok(Model {
        vocab: corpus.vocab.clone(),
        dim: d,
        input: shared.input.into_vec(),
        output: shared.output.into_vec(),
    })
}

// ANCHOR: worker
fn worker(sh: &Shared<'_>, tid: u64, chunk: Range<usize>) {
    let cfg = sh.cfg;
    let d = cfg.dim;
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed.wrapping_add(1 + tid));
    // mọi bộ đệm được cấp phát một lần; vòng trong không cấp phát
    let (mut v, mut u, mut step_v) = (vec![0.0f32; d], vec![0.0f32; d], vec![0.0f32; d]);
    let mut sentence: Vec<u32> = Vec::new();
    let (mut unreported, mut alpha) = (0u64, cfg.alpha);
    for _ in 0..cfg.epochs {
        for s in chunk.clone() {
            let tokens = &sh.corpus.tokens[sh.corpus.sentences[s]..sh.corpus.sentences[s + 1]];
            unreported += tokens.len() as u64;
            if unreported >= 10_000 {
                // tốc độ học giảm tuyến tính theo số token toàn cục đã đọc, như word2vec
                let done = sh.processed.fetch_add(unreported, Relaxed) + unreported;
                alpha = cfg.alpha * (1.0 - done as f32 / (sh.total + 1) as f32).max(1e-4);
                if let Some(pb) = sh.progress {
                    pb.inc(unreported);
                }
                unreported = 0;
            }
            sentence.clear(); // lấy mẫu con (4.7)
            sentence.extend(tokens.iter().filter(|&&w| {
                let p = sh.keep[w as usize];
                p >= 1.0 || rng.random::<f32>() < p
            }));
            for (i, &w) in sentence.iter().enumerate() {
                let radius = cfg.window - rng.random_range(0..cfg.window); // cửa sổ động (4.8)
                let lo = i.saturating_sub(radius);
                let hi = (i + radius).min(sentence.len() - 1);
                for (j, &c) in sentence.iter().enumerate().take(hi + 1).skip(lo) {
                    if j != i {
                        sh.input.load_row(w as usize, &mut v);
                        step_v.fill(0.0);
                        pair_update(sh, &mut rng, c as usize, alpha, &v, &mut u, &mut step_v);
                        sh.input.add_to_row(w as usize, &step_v);
                    }
                }
            }
        }
    }
    sh.processed.fetch_add(unreported, Relaxed);
    if let Some(pb) = sh.progress {
        pb.inc(unreported);
    }
}

/// Một mẫu dương (w, c) và K mẫu âm: cập nhật `u_c`, `u_{n_k}` tại chỗ theo (4.5), cộng dồn bước của `v_w`.
#[inline]
fn pair_update(
    sh: &Shared<'_>,
    rng: &mut ChaCha8Rng,
    context: usize,
    alpha: f32,
    v: &[f32],
    u: &mut [f32],
    step_v: &mut [f32],
) {
    for k in 0..=sh.cfg.negative {
        let (target, label) = if k == 0 {
            (context, 1.0)
        } else {
            let n = sh.noise.sample(rng);
            if n == context {
                continue; // như word2vec: bỏ mẫu âm trùng ngữ cảnh thật
            }
            (n, 0.0)
        };
        sh.output.load_row(target, u);
        // g = −η ∂L/∂s: (1 − σ(s)) cho mẫu dương, −σ(s) cho mẫu âm
        let g = (label - sigmoid(dot(u, v))) * alpha;
        axpy(g, u, step_v); // bước của v_w dùng u cũ
        axpy(g, v, u);
        sh.output.store_row(target, u);
    }
}
// ANCHOR_END: worker

#[cfg(test)]
mod kernel_tests;
