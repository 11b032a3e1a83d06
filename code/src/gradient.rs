//! Gradient của entropy chéo (chương 3): theo logit, theo tầng đầu ra `z = W h`, và theo ma trận
//! embedding dùng chung khi chia sẻ trọng số (weight tying) `W = E` — cả hai đường: đầu ra và đầu vào.

use ndarray::{Array1, Array2, ArrayView2};

use crate::cross_entropy::cross_entropy;
use crate::error::{ensure_finite, ensure_len, Error, Result};
use crate::numerics::Shifted;
use crate::softmax::softmax;

// ANCHOR: softmax_jacobian
/// Phương trình (3.1): ma trận Jacobi của softmax, `∂P_i/∂z_j = P_i (1[i = j] − P_j)`.
pub fn softmax_jacobian(logits: &[f64]) -> Result<Array2<f64>> {
    let p = softmax(logits)?;
    let v = p.len();
    Ok(Array2::from_shape_fn((v, v), |(i, j)| {
        let delta = if i == j { 1.0 } else { 0.0 };
        p[i] * (delta - p[j])
    }))
}
// ANCHOR_END: softmax_jacobian

// ANCHOR: logit_gradient
/// Phương trình (3.2): `∂L/∂z = P − y`, với `y` là vector one-hot của token đúng.
pub fn logit_gradient(logits: &[f64], target: usize) -> Result<Vec<f64>> {
    if target >= logits.len() {
        return Err(Error::TokenOutOfRange {
            id: target,
            vocab: logits.len(),
        });
    }
    // (5.9): thành phần đúng P_y − 1 = −Σ_{j≠y} P_j, không triệt tiêu khi P_y ≈ 1
    Ok(Shifted::new(logits)?.gradient(target))
}
// ANCHOR_END: logit_gradient

/// Kiểm `w` (V×d) và `h` (d) khớp kích thước và hữu hạn.
fn check_layer(w: ArrayView2<'_, f64>, h: &[f64]) -> Result<()> {
    if w.is_empty() {
        return Err(Error::Empty("ma trận đầu ra W"));
    }
    ensure_len("số cột của W so với độ dài h", w.ncols(), h.len())?;
    ensure_finite("trọng số W", w.iter())?;
    ensure_finite("vector ẩn h", h)
}

/// Logit của tầng đầu ra (mục 3.3): `z = W h`, tức `z_i = w_iᵀ h`.
pub fn output_logits(w: ArrayView2<'_, f64>, h: &[f64]) -> Result<Vec<f64>> {
    check_layer(w, h)?;
    Ok(w.dot(&Array1::from(h.to_vec())).to_vec())
}

/// Mất mát của tầng đầu ra (mục 3.3): `L = −log softmax(W h)_y`, như (2.2).
pub fn output_loss(w: ArrayView2<'_, f64>, h: &[f64], target: usize) -> Result<f64> {
    cross_entropy(&output_logits(w, h)?, target)
}

/// Gradient của tầng đầu ra `z = W h`.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputGradient {
    /// `∂L/∂z = P − y` (3.2).
    pub logits: Vec<f64>,
    /// `∂L/∂W = (P − y) hᵀ` (3.3), kích thước V×d.
    pub w: Array2<f64>,
    /// `∂L/∂h = E_P[w] − w_y` (3.4), kích thước d.
    pub h: Array1<f64>,
}

// ANCHOR: output_gradient
/// Phương trình (3.3) và (3.4): `∂L/∂W = (P − y) hᵀ` và `∂L/∂h = Wᵀ(P − y) = Σ_i P_i w_i − w_y`.
pub fn output_gradient(w: ArrayView2<'_, f64>, h: &[f64], target: usize) -> Result<OutputGradient> {
    let z = output_logits(w, h)?;
    let g = logit_gradient(&z, target)?;
    let p = Array1::from(softmax(&z)?);
    // (3.3): hàng i của ∂L/∂W là (P_i − y_i) h.
    let grad_w = Array2::from_shape_fn(w.dim(), |(i, k)| g[i] * h[k]);
    // (3.4): "kỳ vọng trừ thực tế": E_P[w] = Σ_i P_i w_i, trừ hàng của token đúng.
    let grad_h = w.t().dot(&p) - w.row(target);
    Ok(OutputGradient {
        logits: g,
        w: grad_w,
        h: grad_h,
    })
}
// ANCHOR_END: output_gradient

/// Ví dụ 2-D dùng chung cho hình và chương trình của chương 3: bốn hàng `w_i` của W (V = 4, d = 2),
/// vector ẩn `h`, token đúng 0 và tốc độ học `η`.
pub const EXAMPLE_W: [[f64; 2]; 4] = [[-0.6, 1.0], [1.2, 0.4], [0.3, -1.1], [-1.2, -0.5]];
/// Vector ẩn `h` của ví dụ 2-D.
pub const EXAMPLE_H: [f64; 2] = [1.5, 1.0];
/// Token đúng của ví dụ 2-D.
pub const EXAMPLE_TARGET: usize = 0;
/// Tốc độ học của ví dụ 2-D (lớn để bước đi nhìn thấy được trên hình).
pub const EXAMPLE_LR: f64 = 0.5;

// ANCHOR: sgd_step
/// Phương trình (3.8): một bước hạ gradient trên W, `w_i ← w_i − η (P_i − y_i) h`; trả về W mới.
pub fn sgd_step_output(
    w: ArrayView2<'_, f64>,
    h: &[f64],
    target: usize,
    learning_rate: f64,
) -> Result<Array2<f64>> {
    if !(learning_rate.is_finite() && learning_rate > 0.0) {
        return Err(Error::InvalidParameter {
            what: "tốc độ học η",
            reason: format!("cần 0 < η < ∞, nhận {learning_rate}"),
        });
    }
    let grad = output_gradient(w, h, target)?;
    Ok(&w - &(grad.w * learning_rate))
}
// ANCHOR_END: sgd_step

/// Mô hình nhỏ có chia sẻ trọng số: ngữ cảnh `c_1..c_k` → `ē = (1/k) Σ e_{c_j}` → `h = tanh(A ē)`
/// → `z = E h` → `L = −log softmax(z)_y`. Ma trận `E` (V×d) vừa tạo ra h (đầu vào) vừa chấm điểm (đầu ra).
#[derive(Debug, Clone, PartialEq)]
pub struct TiedModel {
    /// Ma trận embedding dùng chung `E ∈ R^{V×d}`.
    pub e: Array2<f64>,
    /// Ma trận của tầng ẩn `A ∈ R^{d×d}`.
    pub a: Array2<f64>,
}

/// Các đại lượng trung gian của lượt tính xuôi.
struct Forward {
    mean: Array1<f64>,
    hidden: Array1<f64>,
    logits: Vec<f64>,
}

/// Gradient của [`TiedModel`], tách theo hai đường mà E nhận gradient.
#[derive(Debug, Clone, PartialEq)]
pub struct TiedGradient {
    /// Đường đầu ra (điều bài gốc viết): `(P − y) hᵀ`.
    pub e_output: Array2<f64>,
    /// Đường đầu vào: qua `h = tanh(A ē)` về các hàng ngữ cảnh `e_{c_j}`.
    pub e_input: Array2<f64>,
    /// `∂L/∂A`.
    pub a: Array2<f64>,
}

impl TiedGradient {
    /// Phương trình (3.7): gradient đầy đủ của E là tổng hai đường.
    pub fn e_full(&self) -> Array2<f64> {
        &self.e_output + &self.e_input
    }
}

impl TiedModel {
    /// Tạo mô hình; lỗi nếu kích thước không khớp hoặc có giá trị không hữu hạn.
    pub fn new(e: Array2<f64>, a: Array2<f64>) -> Result<Self> {
        if e.is_empty() {
            return Err(Error::Empty("ma trận embedding E"));
        }
        let d = e.ncols();
        if a.dim() != (d, d) {
            return Err(Error::ShapeMismatch {
                what: "ma trận A",
                expected: format!("{d}×{d}"),
                found: format!("{}×{}", a.nrows(), a.ncols()),
            });
        }
        ensure_finite("trọng số E", e.iter())?;
        ensure_finite("trọng số A", a.iter())?;
        Ok(Self { e, a })
    }

    fn forward(&self, context: &[usize], target: usize) -> Result<Forward> {
        if context.is_empty() {
            return Err(Error::Empty("ngữ cảnh"));
        }
        let vocab = self.e.nrows();
        if let Some(&id) = context.iter().chain([&target]).find(|&&c| c >= vocab) {
            return Err(Error::TokenOutOfRange { id, vocab });
        }
        let mut mean = Array1::zeros(self.e.ncols());
        for &c in context {
            mean += &self.e.row(c);
        }
        mean /= context.len() as f64;
        let hidden = self.a.dot(&mean).mapv(f64::tanh);
        let logits = self.e.dot(&hidden).to_vec();
        Ok(Forward {
            mean,
            hidden,
            logits,
        })
    }

    /// Mất mát của mô hình (3.7): `L = −log softmax(E h)_y` với `h = tanh(A ē)`.
    pub fn loss(&self, context: &[usize], target: usize) -> Result<f64> {
        cross_entropy(&self.forward(context, target)?.logits, target)
    }
}

// ANCHOR: tied_gradient
impl TiedModel {
    /// Phương trình (3.7): gradient của E = đường đầu ra `(P − y) hᵀ` + đường đầu vào
    /// `(1/k) Aᵀ[(1 − h⊙h) ⊙ Eᵀ(P − y)]` cộng vào mỗi hàng ngữ cảnh `e_{c_j}`.
    pub fn gradient(&self, context: &[usize], target: usize) -> Result<TiedGradient> {
        let fwd = self.forward(context, target)?;
        let g = Array1::from(logit_gradient(&fwd.logits, target)?);
        // Đường đầu ra: z_i = e_iᵀ h ⇒ ∂L/∂e_i += (P_i − y_i) h.
        let e_output = Array2::from_shape_fn(self.e.dim(), |(i, k)| g[i] * fwd.hidden[k]);
        // Đường đầu vào: ∂L/∂h = Eᵀ(P − y), qua tanh, qua A, chia đều cho k hàng ngữ cảnh.
        let grad_h = self.e.t().dot(&g);
        let grad_pre = &grad_h * &fwd.hidden.mapv(|t| 1.0 - t * t);
        let grad_mean = self.a.t().dot(&grad_pre);
        let mut e_input = Array2::zeros(self.e.dim());
        for &c in context {
            let mut row = e_input.row_mut(c);
            row.scaled_add(1.0 / context.len() as f64, &grad_mean);
        }
        let a = Array2::from_shape_fn(self.a.dim(), |(r, k)| grad_pre[r] * fwd.mean[k]);
        Ok(TiedGradient {
            e_output,
            e_input,
            a,
        })
    }
}
// ANCHOR_END: tied_gradient
