//! Huấn luyện GPT nhỏ bằng Adam trên kho ngữ liệu tổng hợp «lặp lại» có cấu trúc biết trước, và đo
//! độ lớn gradient đi tới `E` theo từng nhánh.

use ndarray::Array2;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::model::{backward, forward, Config, Params};
use crate::error::{Error, Result};

/// Token mở đầu chuỗi (BOS); các token nội dung là `1..V`.
pub const BOS: usize = 0;

// ANCHOR: repeat_sequence
/// Một chuỗi `BOS, r_1..r_k, r_1..r_k` với `r_i` đều trên `1..V`: nửa đầu không đoán được, nửa sau
/// là bản sao chính xác — chỉ đoán được nếu nhìn lại đúng `k − 1` vị trí, tức là nhờ attention.
pub fn repeat_sequence(rng: &mut ChaCha8Rng, vocab: usize, half: usize) -> Result<Vec<usize>> {
    ensure_content_tokens(vocab)?;
    let block: Vec<usize> = (0..half).map(|_| rng.random_range(1..vocab)).collect();
    let mut seq = vec![BOS];
    seq.extend(&block);
    seq.extend(&block);
    Ok(seq)
}
// ANCHOR_END: repeat_sequence

/// Mất mát trung bình mỗi token tốt nhất có thể trên kho «lặp lại»: `k` vị trí đều trên `V − 1`
/// token (mỗi vị trí `ln(V − 1)`), `k` vị trí tất định (0), nên `ln(V − 1) / 2`.
pub fn achievable_loss(vocab: usize) -> Result<f64> {
    ensure_content_tokens(vocab)?;
    Ok(((vocab - 1) as f64).ln() / 2.0)
}

/// Kho «lặp lại» cần BOS và ít nhất một token nội dung: `V ≥ 2`.
fn ensure_content_tokens(vocab: usize) -> Result<()> {
    if vocab >= 2 {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            what: "kích thước từ vựng V",
            reason: format!("kho «lặp lại» cần V ≥ 2, nhận {vocab}"),
        })
    }
}

/// Siêu tham số của một lần huấn luyện.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainConfig {
    /// Kích thước mô hình (`context` phải ≥ `2 · half`).
    pub model: Config,
    /// Độ dài `k` của khối lặp.
    pub half: usize,
    /// Số chuỗi mỗi bước.
    pub batch: usize,
    /// Số bước Adam.
    pub steps: usize,
    /// Tốc độ học của Adam.
    pub lr: f64,
    /// Hạt giống (khởi tạo và dữ liệu).
    pub seed: u64,
}

/// Số liệu của một bước: mất mát trung bình mỗi token và chuẩn Frobenius của gradient theo nhánh.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepRecord {
    /// Mất mát trung bình mỗi token của batch, trước cập nhật.
    pub loss: f64,
    /// `‖∂L/∂E‖` nhánh ra (unembedding).
    pub output: f64,
    /// `‖∂L/∂E‖` nhánh vào (tra cứu, mọi đường).
    pub input: f64,
    /// Phần của nhánh vào đi qua `LN₁` và attention.
    pub input_attention: f64,
    /// Phần của nhánh vào không qua attention (kết nối tắt thứ nhất, gồm cả đường qua MLP).
    pub input_skip: f64,
    /// `‖∂L/∂P‖` (embedding vị trí).
    pub position: f64,
    /// `‖∂L/∂E‖` của E dùng chung (tổng hai nhánh).
    pub tied: f64,
}

/// Kết quả huấn luyện: tham số cuối và lịch sử từng bước.
#[derive(Debug, Clone)]
pub struct TrainingRun {
    /// Tham số sau huấn luyện.
    pub params: Params,
    /// Một bản ghi mỗi bước.
    pub history: Vec<StepRecord>,
}

fn frobenius(m: &Array2<f64>) -> f64 {
    m.iter().map(|v| v * v).sum::<f64>().sqrt()
}

// ANCHOR: adam
/// Adam (Kingma & Ba, 2015) với `β₁ = 0.9`, `β₂ = 0.999`, `ε = 1e-8` và hiệu chỉnh độ lệch.
struct Adam {
    m: Vec<f64>,
    v: Vec<f64>,
    t: i32,
}

impl Adam {
    fn step(&mut self, theta: &mut [f64], grad: &[f64], lr: f64) {
        let (b1, b2) = (0.9_f64, 0.999_f64);
        self.t += 1;
        let (c1, c2) = (1.0 - b1.powi(self.t), 1.0 - b2.powi(self.t));
        for i in 0..theta.len() {
            self.m[i] = b1 * self.m[i] + (1.0 - b1) * grad[i];
            self.v[i] = b2 * self.v[i] + (1.0 - b2) * grad[i] * grad[i];
            theta[i] -= lr * (self.m[i] / c1) / ((self.v[i] / c2).sqrt() + 1e-8);
        }
    }
}
// ANCHOR_END: adam

// ANCHOR: train
/// Tốc độ học giảm theo cosin (như GPT-2/GPT-3): `η_t = η · (1 + cos(π t / S)) / 2` ở bước `t` trong `S`
/// bước — từ `η` xuống gần 0, để những bước cuối không còn đủ lớn gây gai mất mát của Adam.
pub fn cosine_rate(lr: f64, step: usize, steps: usize) -> f64 {
    if steps == 0 {
        return lr;
    }
    lr * 0.5 * (1.0 + (std::f64::consts::PI * step as f64 / steps as f64).cos())
}

/// Huấn luyện `steps` bước; mỗi bước một batch chuỗi mới, gradient là trung bình mỗi token.
pub fn train(cfg: &TrainConfig) -> Result<TrainingRun> {
    if cfg.model.context < 2 * cfg.half || cfg.model.vocab < 2 || cfg.batch == 0 {
        return Err(Error::InvalidParameter {
            what: "cấu hình huấn luyện",
            reason: format!("cần ngữ cảnh ≥ 2k, V ≥ 2, batch ≥ 1; nhận {cfg:?}"),
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    let mut params = Params::init(cfg.model, cfg.seed)?;
    let mut theta = params.to_vec();
    let mut adam = Adam {
        m: vec![0.0; theta.len()],
        v: vec![0.0; theta.len()],
        t: 0,
    };
    let tokens_per_step = (cfg.batch * 2 * cfg.half) as f64;
    let mut history = Vec::with_capacity(cfg.steps);
    for step in 0..cfg.steps {
        let mut grad = vec![0.0; theta.len()];
        let mut loss = 0.0;
        let shape = (cfg.model.vocab, cfg.model.dim);
        let (mut out, mut inp, mut att) = (
            Array2::zeros(shape),
            Array2::zeros(shape),
            Array2::zeros(shape),
        );
        for _ in 0..cfg.batch {
            let seq = repeat_sequence(&mut rng, cfg.model.vocab, cfg.half)?;
            let fwd = forward(&params, &seq)?;
            let g = backward(&params, &fwd)?;
            loss += fwd.loss;
            for (acc, v) in grad.iter_mut().zip(g.params.to_vec()) {
                *acc += v / tokens_per_step;
            }
            out.scaled_add(1.0 / tokens_per_step, &g.wte_output);
            inp.scaled_add(1.0 / tokens_per_step, &g.wte_input);
            att.scaled_add(1.0 / tokens_per_step, &g.wte_input_attention);
        }
        let mean = params.with_values(&grad)?;
        history.push(StepRecord {
            loss: loss / tokens_per_step,
            output: frobenius(&out),
            input: frobenius(&inp),
            input_attention: frobenius(&att),
            input_skip: frobenius(&(&inp - &att)),
            position: frobenius(&mean.wpe),
            tied: frobenius(&mean.wte),
        });
        adam.step(&mut theta, &grad, cosine_rate(cfg.lr, step, cfg.steps));
        params = params.with_values(&theta)?;
    }
    Ok(TrainingRun { params, history })
}
// ANCHOR_END: train

/// Trung bình của một đại lượng `f` trên các bước `range` của lịch sử (0 nếu khoảng rỗng).
pub fn window_mean(
    history: &[StepRecord],
    range: std::ops::Range<usize>,
    f: fn(&StepRecord) -> f64,
) -> f64 {
    let end = range.end.min(history.len());
    let window = &history[range.start.min(end)..end];
    if window.is_empty() {
        0.0
    } else {
        window.iter().map(f).sum::<f64>() / window.len() as f64
    }
}
