//! Động học của embedding (chương 8): một mô hình softmax đầy đủ nhỏ, huấn luyện bằng entropy chéo.
//!
//! Mô hình dự đoán token đích `c` (token kế tiếp, hoặc từ ngữ cảnh) từ embedding `h = e_w` của token
//! hiện tại: logit `z = O h`, mất mát `L = −log softmax(z)_c` (phương trình 2.2). Ma trận đầu ra `O`
//! là một ma trận riêng `U` (không chia sẻ, untied) hoặc chính `E` (chia sẻ trọng số, tied).

use ndarray::{Array1, Array2, Axis};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use crate::cross_entropy::cross_entropy;
use crate::error::{ensure_finite, ensure_len, Error, Result};
use crate::softmax::softmax;

/// Hai biến thể của ma trận đầu ra.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tying {
    /// `U = E`: một ma trận vừa tra cứu đầu vào vừa chấm điểm đầu ra.
    Tied,
    /// `U` là một ma trận riêng.
    Untied,
}

/// Mô hình softmax đầy đủ: embedding đầu vào `E ∈ R^{V×d}` và (nếu không chia sẻ) `U ∈ R^{V×d}`.
#[derive(Debug, Clone, PartialEq)]
pub struct SoftmaxModel {
    /// Ma trận embedding đầu vào E.
    pub input: Array2<f64>,
    /// Ma trận đầu ra U; `None` khi chia sẻ trọng số (khi đó U = E).
    pub output: Option<Array2<f64>>,
}

/// Gradient của mất mát trung bình theo các tham số, cùng hình dạng với mô hình.
#[derive(Debug, Clone, PartialEq)]
pub struct Gradient {
    /// `∂L/∂E` (với mô hình chia sẻ: tổng của đường đầu vào và đường đầu ra).
    pub input: Array2<f64>,
    /// `∂L/∂U` (chỉ có khi không chia sẻ).
    pub output: Option<Array2<f64>>,
}

impl SoftmaxModel {
    /// Khởi tạo ngẫu nhiên N(0, scale²) có hạt giống.
    pub fn new(vocab: usize, dim: usize, tying: Tying, scale: f64, seed: u64) -> Result<Self> {
        if vocab == 0 || dim == 0 {
            return Err(Error::Empty("V và d phải dương"));
        }
        let normal = Normal::new(0.0, scale).map_err(|e| Error::InvalidParameter {
            what: "độ lệch chuẩn khởi tạo",
            reason: e.to_string(),
        })?;
        let cells = vocab
            .checked_mul(dim)
            .ok_or_else(|| Error::InvalidParameter {
                what: "V·d",
                reason: format!("vượt {}", usize::MAX),
            })?;
        let matrices = if tying == Tying::Untied { 2 } else { 1 };
        crate::memory::ensure_allocation("tham số của mô hình", cells, 8 * matrices)?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut draw = || Array2::from_shape_simple_fn((vocab, dim), || normal.sample(&mut rng));
        let input = draw();
        let output = (tying == Tying::Untied).then(draw);
        Ok(Self { input, output })
    }

    /// Ma trận đầu ra `O` (U, hoặc E khi chia sẻ).
    pub fn output_matrix(&self) -> &Array2<f64> {
        self.output.as_ref().unwrap_or(&self.input)
    }

    fn check_pairs(&self, pairs: &[(usize, usize)]) -> Result<()> {
        if pairs.is_empty() {
            return Err(Error::Empty("batch cặp (đầu vào, đích)"));
        }
        let vocab = self.input.nrows();
        match pairs
            .iter()
            .flat_map(|&(w, c)| [w, c])
            .find(|&t| t >= vocab)
        {
            Some(id) => Err(Error::TokenOutOfRange { id, vocab }),
            None => Ok(()),
        }
    }

    /// Logit `z = O e_w` của một token đầu vào.
    pub fn logits(&self, token: usize) -> Result<Array1<f64>> {
        self.check_pairs(&[(token, token)])?;
        Ok(self.output_matrix().dot(&self.input.row(token)))
    }

    /// Mất mát trung bình `(1/B) Σ_b −log P(c_b | w_b)` trên một batch (phương trình 2.6).
    pub fn loss(&self, pairs: &[(usize, usize)]) -> Result<f64> {
        self.check_pairs(pairs)?;
        let mut total = 0.0;
        for &(w, c) in pairs {
            total += cross_entropy(self.logits(w)?.as_slice().unwrap_or(&[]), c)?;
        }
        Ok(total / pairs.len() as f64)
    }

    /// Mọi tham số trải phẳng (E rồi U), để dùng với bộ kiểm gradient.
    pub fn flat(&self) -> Vec<f64> {
        let mut v: Vec<f64> = self.input.iter().copied().collect();
        if let Some(u) = &self.output {
            v.extend(u.iter());
        }
        v
    }

    /// Mô hình cùng hình dạng với tham số lấy từ vector phẳng `theta` (thứ tự như [`Self::flat`]).
    pub fn with_flat(&self, theta: &[f64]) -> Result<Self> {
        ensure_len("số tham số", self.flat().len(), theta.len())?;
        ensure_finite("vector tham số θ", theta)?;
        let n = self.input.len();
        let shape = self.input.raw_dim();
        let make = |s: &[f64]| {
            Array2::from_shape_vec(shape, s.to_vec()).map_err(|e| Error::ShapeMismatch {
                what: "ma trận tham số",
                expected: format!("{shape:?}"),
                found: e.to_string(),
            })
        };
        let input = make(&theta[..n])?;
        let output = match self.output {
            Some(_) => Some(make(&theta[n..])?),
            None => None,
        };
        Ok(Self { input, output })
    }
}

// ANCHOR: gradient
impl SoftmaxModel {
    /// Phương trình (8.4), cho cả batch: với `G = (P − Y)/B` (hàng b là `π^(b) − y_{c_b}`) và `E_B` là
    /// các hàng `e_{w_b}`, đường đầu ra cho `∂L/∂U = Gᵀ E_B`, đường đầu vào cho `∂L/∂e_{w_b} += (G U)_b`;
    /// khi chia sẻ, cả hai cộng vào cùng một ma trận E. Trả kèm mất mát trung bình (2.6) của batch.
    pub fn loss_and_gradient(&self, pairs: &[(usize, usize)]) -> Result<(f64, Gradient)> {
        self.check_pairs(pairs)?;
        let o = self.output_matrix();
        let inputs: Vec<usize> = pairs.iter().map(|&(w, _)| w).collect();
        let h = self.input.select(Axis(0), &inputs); // B×d
        let mut g = h.dot(&o.t()); // logit, B×V
        let scale = 1.0 / pairs.len() as f64;
        let mut loss = 0.0;
        for (mut row, &(_, c)) in g.outer_iter_mut().zip(pairs) {
            let z = row.as_slice().unwrap_or(&[]);
            loss += cross_entropy(z, c)? * scale;
            let p = softmax(z)?;
            for (gi, pi) in row.iter_mut().zip(p) {
                *gi = pi * scale;
            }
            row[c] -= scale;
        }
        let d_output = g.t().dot(&h); // đường đầu ra: Gᵀ H
        let d_rows = g.dot(o); // đường đầu vào: hàng b là Oᵀ g_b
        let mut d_input = Array2::zeros(self.input.raw_dim());
        for (&w, row) in inputs.iter().zip(d_rows.outer_iter()) {
            d_input.row_mut(w).scaled_add(1.0, &row);
        }
        let grad = match self.output {
            Some(_) => Gradient {
                input: d_input,
                output: Some(d_output),
            },
            None => Gradient {
                input: d_input + d_output,
                output: None,
            },
        };
        Ok((loss, grad))
    }

    /// Chỉ gradient (8.4) của batch.
    pub fn gradient(&self, pairs: &[(usize, usize)]) -> Result<Gradient> {
        Ok(self.loss_and_gradient(pairs)?.1)
    }
}
// ANCHOR_END: gradient

// ANCHOR: sgd_step
impl SoftmaxModel {
    /// Phương trình (8.1): một bước hạ gradient `Δθ = −η ∇L`.
    pub fn apply(&mut self, grad: &Gradient, lr: f64) -> Result<()> {
        ensure_len(
            "hàng của gradient E",
            self.input.nrows(),
            grad.input.nrows(),
        )?;
        self.input.scaled_add(-lr, &grad.input);
        if let (Some(u), Some(gu)) = (self.output.as_mut(), grad.output.as_ref()) {
            u.scaled_add(-lr, gu);
        }
        ensure_finite("tham số sau bước SGD", self.input.iter())
    }
}
// ANCHOR_END: sgd_step

impl Gradient {
    /// Gradient trải phẳng, cùng thứ tự với [`SoftmaxModel::flat`].
    pub fn flat(&self) -> Vec<f64> {
        let mut v: Vec<f64> = self.input.iter().copied().collect();
        if let Some(u) = &self.output {
            v.extend(u.iter());
        }
        v
    }
}

/// Cấu hình huấn luyện SGD.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainSpec {
    /// Tốc độ học η.
    pub lr: f64,
    /// Số cặp mỗi batch (rút có hoàn lại, đều trên các cặp của kho ngữ liệu).
    pub batch: usize,
    /// Số bước.
    pub steps: usize,
    /// Hạt giống của việc rút batch.
    pub seed: u64,
}

// ANCHOR: train
/// Phương trình (8.3): huấn luyện bằng SGD, `θ^(t) = θ^(0) − η Σ_k ∇L_k`; gọi `observe(t, model, grad)` trước mỗi bước `t` (với gradient sắp dùng)
/// và trả mất mát của từng batch.
pub fn train<F>(
    model: &mut SoftmaxModel,
    pairs: &[(usize, usize)],
    spec: &TrainSpec,
    mut observe: F,
) -> Result<Vec<f64>>
where
    F: FnMut(usize, &SoftmaxModel, &Gradient),
{
    if spec.batch == 0 || !(spec.lr.is_finite() && spec.lr > 0.0) {
        return Err(Error::InvalidParameter {
            what: "cấu hình SGD",
            reason: format!("cần batch > 0 và η > 0, nhận {} và {}", spec.batch, spec.lr),
        });
    }
    model.check_pairs(pairs)?;
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let mut losses = Vec::with_capacity(spec.steps);
    for t in 0..spec.steps {
        let batch: Vec<(usize, usize)> = (0..spec.batch)
            .map(|_| pairs[rng.random_range(0..pairs.len())])
            .collect();
        let (loss, grad) = model.loss_and_gradient(&batch)?;
        losses.push(loss);
        observe(t, model, &grad);
        model.apply(&grad, spec.lr)?;
    }
    Ok(losses)
}
// ANCHOR_END: train

/// Chuẩn Euclid của từng hàng.
pub fn row_norms(m: &Array2<f64>) -> Vec<f64> {
    m.map_axis(Axis(1), |r| r.dot(&r).sqrt()).to_vec()
}

/// Hạng (bắt đầu từ 1) của từng phần tử; các phần tử bằng nhau nhận hạng trung bình.
pub fn ranks(x: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..x.len()).collect();
    idx.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut r = vec![0.0; x.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && x[idx[j + 1]] == x[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            r[k] = avg;
        }
        i = j + 1;
    }
    r
}

/// Hệ số tương quan hạng Spearman: tương quan Pearson giữa các hạng của `x` và của `y`.
pub fn spearman(x: &[f64], y: &[f64]) -> Result<f64> {
    ensure_len("hai dãy của tương quan hạng", x.len(), y.len())?;
    ensure_finite("dãy x", x)?;
    ensure_finite("dãy y", y)?;
    crate::geometry::correlation(&ranks(x), &ranks(y))
}
