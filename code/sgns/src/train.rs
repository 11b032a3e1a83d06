//! Huấn luyện skip-gram với lấy mẫu âm (SGNS), đa luồng kiểu Hogwild, như công cụ word2vec.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Mutex;

use embedding_loss::negative_sampling::{keep_probability, NoiseSampler};
use indicatif::ProgressBar;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::corpus::{Corpus, Vocab};
use crate::error::{Error, Result};
use crate::kernels::{axpy, dot, sgns_coefficient, SharedMatrix};

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

/// Mô hình đã huấn luyện: vector đầu vào `v_w` và vector đầu ra `u_w` của mỗi từ, phẳng theo dòng.
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
    if cfg.threads > MAX_THREADS {
        return Err(invalid(
            "threads",
            &format!("tối đa {MAX_THREADS} luồng, nhận {}", cfg.threads),
        ));
    }
    Ok(())
}

/// Số luồng tối đa.
pub const MAX_THREADS: usize = 1024;

/// Số byte mỗi ô V×d cần khi huấn luyện và ghi: hai ma trận f32 (4 + 4), bản khởi tạo tạm và bản chuyển
/// sang nguyên tử (4 + 4), văn bản đầu ra (≤ 14 byte mỗi số), làm tròn lên.
const BYTES_PER_CELL: usize = 32;

/// Kiểm bộ nhớ **trước** mọi cấp phát: V·d ô × [`BYTES_PER_CELL`] byte, cộng mỗi luồng 3 bộ đệm d số f32.
pub fn check_memory(vocab: usize, cfg: &Config) -> Result<()> {
    let cells = vocab
        .checked_mul(cfg.dim)
        .and_then(|c| c.checked_add(cfg.threads.checked_mul(cfg.dim)?.checked_mul(3)?))
        .ok_or_else(|| {
            invalid(
                "size",
                &format!("V·d = {vocab}·{} vượt {}", cfg.dim, usize::MAX),
            )
        })?;
    embedding_loss::memory::ensure_allocation("V·d", cells, BYTES_PER_CELL)
        .map(|_| ())
        .map_err(|e| match e {
            embedding_loss::Error::InvalidParameter { reason, .. } => invalid(
                "size",
                &format!("ma trận V×d = {vocab}×{}: {reason}", cfg.dim),
            ),
            other => invalid("size", &other.to_string()),
        })
}

/// Số token (tối thiểu) của một khối câu liên tiếp giao cho một luồng, như một «việc» (job) của gensim.
const BLOCK_TOKENS: usize = 10_000;

/// Chia các câu thành khối ≈ [`BLOCK_TOKENS`] token và chia khối xen kẽ cho `parts` luồng: luồng `t` nhận các
/// khối `t, t + parts, t + 2·parts, …`, nên mọi luồng cùng đi qua kho theo thứ tự của nó (như hàng đợi việc của
/// gensim), thay vì mỗi luồng một đoạn riêng của kho.
fn split_sentences(corpus: &Corpus, parts: usize) -> Vec<Vec<Range<usize>>> {
    let n_sent = corpus.sentences.len() - 1;
    let mut blocks = Vec::new();
    let mut start = 0;
    for s in 0..n_sent {
        if corpus.sentences[s + 1] - corpus.sentences[start] >= BLOCK_TOKENS {
            blocks.push(start..s + 1);
            start = s + 1;
        }
    }
    if start < n_sent {
        blocks.push(start..n_sent);
    }
    let mut per_thread = vec![Vec::new(); parts.min(blocks.len()).max(1)];
    let n = per_thread.len();
    for (i, block) in blocks.into_iter().enumerate() {
        per_thread[i % n].push(block);
    }
    per_thread
}

/// Thống kê một lượt (epoch) qua kho, báo khi mọi luồng đã xong lượt đó.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochStats {
    /// Số thứ tự lượt, từ 1.
    pub epoch: usize,
    /// Mất mát SGNS trung bình mỗi cặp, `L = −J` của (4.2), ước lượng trên một cặp mỗi [`LOSS_EVERY`] cặp.
    pub loss: f64,
    /// Tốc độ học lúc luồng cuối cùng xong lượt.
    pub alpha: f32,
}

/// Mất mát được tính trên một cặp mỗi `LOSS_EVERY` cặp: ước lượng không chệch, gần như không tốn thời gian.
pub const LOSS_EVERY: u32 = 16;

/// Những gì bên gọi muốn theo dõi: thanh tiến độ (token đã đọc, mất mát chạy và tốc độ học trong thông
/// điệp) và một hàm được gọi một lần mỗi lượt.
#[derive(Default)]
pub struct Observer<'a> {
    /// Thanh tiến độ: tăng theo số token đã đọc; thông điệp là mất mát chạy và tốc độ học.
    pub bar: Option<&'a ProgressBar>,
    /// Gọi khi một lượt xong (ở luồng xong sau cùng).
    pub on_epoch: Option<&'a (dyn Fn(EpochStats) + Sync)>,
}

/// Tổng mất mát, số cặp đã đo và số luồng đã xong của một lượt đang chạy.
type EpochAcc = (f64, u64, usize);

struct Shared<'a> {
    corpus: &'a Corpus,
    cfg: &'a Config,
    input: SharedMatrix,
    output: SharedMatrix,
    noise: NoiseSampler,
    keep: Vec<f32>,
    processed: AtomicU64,
    total: u64,
    observer: &'a Observer<'a>,
    epochs: Mutex<HashMap<usize, EpochAcc>>,
    workers: usize,
}

/// Huấn luyện SGNS trên `corpus`; `progress` (nếu có) được tăng theo số token đã đọc.
pub fn train(corpus: &Corpus, cfg: &Config, progress: Option<&ProgressBar>) -> Result<Model> {
    let observer = Observer {
        bar: progress,
        on_epoch: None,
    };
    train_observed(corpus, cfg, &observer)
}

/// Như [`train`], báo mất mát chạy, tốc độ học và một [`EpochStats`] mỗi lượt cho `observer`.
pub fn train_observed(corpus: &Corpus, cfg: &Config, observer: &Observer<'_>) -> Result<Model> {
    validate(cfg)?;
    if corpus.vocab.len() < 2 {
        return Err(Error::TooFewWords(corpus.vocab.len()));
    }
    check_memory(corpus.vocab.len(), cfg)?;
    let (v, d) = (corpus.vocab.len(), cfg.dim);
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    // khởi tạo như gensim: đầu vào đều trong [−1/d, 1/d) (word2vec C: [−0.5/d, 0.5/d)), đầu ra bằng 0
    let init: Vec<f32> = (0..v * d)
        .map(|_| (2.0 * rng.random::<f32>() - 1.0) / d as f32)
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
    let chunks = split_sentences(corpus, cfg.threads);
    let shared = Shared {
        corpus,
        cfg,
        input: SharedMatrix::from_vec(init, d),
        output: SharedMatrix::from_vec(vec![0.0; v * d], d),
        noise,
        keep,
        processed: AtomicU64::new(0),
        total: cfg.epochs.saturating_mul(corpus.num_tokens()) as u64,
        observer,
        epochs: Mutex::new(HashMap::new()),
        workers: chunks.len(),
    };
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
fn worker(sh: &Shared<'_>, tid: u64, blocks: Vec<Range<usize>>) {
    let cfg = sh.cfg;
    let d = cfg.dim;
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed.wrapping_add(1 + tid));
    // mọi bộ đệm được cấp phát một lần; vòng trong không cấp phát
    let (mut v, mut u, mut step_v) = (vec![0.0f32; d], vec![0.0f32; d], vec![0.0f32; d]);
    let mut sentence: Vec<u32> = Vec::new();
    let (mut unreported, mut alpha) = (0u64, cfg.alpha);
    let mut pair_counter = 0u32;
    for epoch in 1..=cfg.epochs {
        // mất mát của lượt này và của cửa sổ báo cáo hiện tại (tổng, số cặp đã đo)
        let (mut epoch_loss, mut window_loss) = ((0.0f64, 0u64), (0.0f64, 0u64));
        for s in blocks.iter().flat_map(Clone::clone) {
            let tokens = &sh.corpus.tokens[sh.corpus.sentences[s]..sh.corpus.sentences[s + 1]];
            unreported += tokens.len() as u64;
            if unreported >= 10_000 {
                // tốc độ học giảm tuyến tính theo số token toàn cục đã đọc, như word2vec
                let done = sh.processed.fetch_add(unreported, Relaxed) + unreported;
                alpha = cfg.alpha * (1.0 - done as f32 / (sh.total + 1) as f32).max(1e-4);
                if let Some(pb) = sh.observer.bar {
                    pb.inc(unreported);
                    if window_loss.1 > 0 {
                        let mean = window_loss.0 / window_loss.1 as f64;
                        pb.set_message(format!("mất mát {mean:.4} · α {alpha:.5}"));
                    }
                }
                (unreported, window_loss) = (0, (0.0, 0));
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
                        // như word2vec C và gensim: vector đầu vào của từ ngữ cảnh c dự đoán từ tâm w
                        sh.input.load_row(c as usize, &mut v);
                        step_v.fill(0.0);
                        pair_counter = (pair_counter + 1) % LOSS_EVERY;
                        let track = pair_counter == 0;
                        let loss = pair_update(
                            sh,
                            &mut rng,
                            w as usize,
                            alpha,
                            &v,
                            &mut u,
                            &mut step_v,
                            track,
                        );
                        sh.input.add_to_row(c as usize, &step_v);
                        if track {
                            epoch_loss = (epoch_loss.0 + f64::from(loss), epoch_loss.1 + 1);
                            window_loss = (window_loss.0 + f64::from(loss), window_loss.1 + 1);
                        }
                    }
                }
            }
        }
        finish_epoch(sh, epoch, epoch_loss, alpha);
    }
    sh.processed.fetch_add(unreported, Relaxed);
    if let Some(pb) = sh.observer.bar {
        pb.inc(unreported);
    }
}

/// Một mẫu dương và K mẫu âm cho vector đầu vào `v` (4.5): cập nhật tại chỗ `u` của từ đích `target` và của
/// các mẫu âm `n_k`, cộng dồn bước của `v` vào `step_v`. Khi `track`, trả mất mát `L = −J` (4.2) của cặp
/// (trước cập nhật); không thì trả 0.
#[inline]
#[allow(clippy::too_many_arguments)]
fn pair_update(
    sh: &Shared<'_>,
    rng: &mut ChaCha8Rng,
    target: usize,
    alpha: f32,
    v: &[f32],
    u: &mut [f32],
    step_v: &mut [f32],
    track: bool,
) -> f32 {
    let mut loss = 0.0;
    for k in 0..=sh.cfg.negative {
        let (word, positive) = if k == 0 {
            (target, true)
        } else {
            let n = sh.noise.sample(rng);
            if n == target {
                continue; // như word2vec: bỏ mẫu âm trùng từ đích thật
            }
            (n, false)
        };
        sh.output.load_row(word, u);
        let s = dot(u, v);
        if track {
            // −log σ(±s) = softplus(∓s), tính ổn định
            loss += softplus(if positive { -s } else { s });
        }
        // g = −η ∂L/∂s: σ(−s) cho mẫu dương (= 1 − σ(s), không triệt tiêu), −σ(s) cho mẫu âm
        let g = sgns_coefficient(s, positive) * alpha;
        axpy(g, u, step_v); // bước của v dùng u cũ
        axpy(g, v, u);
        sh.output.store_row(word, u);
    }
    loss
}
// ANCHOR_END: worker

/// Cộng mất mát của một luồng vào lượt `epoch`; luồng xong sau cùng gọi `on_epoch`.
fn finish_epoch(sh: &Shared<'_>, epoch: usize, (sum, n): (f64, u64), alpha: f32) {
    let Some(hook) = sh.observer.on_epoch else {
        return;
    };
    // một luồng khác hoảng khi giữ khoá thì dữ liệu thống kê vẫn dùng được; gọi `hook` khi còn giữ khoá
    // để các dòng báo cáo ra đúng thứ tự lượt
    let mut map = sh.epochs.lock().unwrap_or_else(|e| e.into_inner());
    let acc = map.entry(epoch).or_insert((0.0, 0, 0));
    *acc = (acc.0 + sum, acc.1 + n, acc.2 + 1);
    if acc.2 == sh.workers {
        if let Some((sum, n, _)) = map.remove(&epoch) {
            hook(EpochStats {
                epoch,
                loss: if n > 0 { sum / n as f64 } else { f64::NAN },
                alpha,
            });
        }
    }
}

/// `softplus(x) = log(1 + eˣ) = max(x, 0) + log(1 + e^{−|x|})`, không tràn số.
#[inline]
fn softplus(x: f32) -> f32 {
    x.max(0.0) + (-x.abs()).exp().ln_1p()
}

#[cfg(test)]
mod kernel_tests;
