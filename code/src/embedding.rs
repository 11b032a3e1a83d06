//! Ma trận embedding và phép tra cứu `e_w = E[w]` (chương 1).

use ndarray::{Array1, Array2, ArrayView1};

use crate::error::{Error, Result};

// ANCHOR: embedding_struct
/// Ma trận embedding `E ∈ R^{V×d}` (phương trình 1.1): hàng `w` là vector của token `w`.
#[derive(Debug, Clone, PartialEq)]
pub struct Embedding {
    weights: Array2<f64>,
}
// ANCHOR_END: embedding_struct

impl Embedding {
    /// Tạo embedding từ ma trận `V×d`; lỗi nếu ma trận rỗng hoặc có giá trị không hữu hạn.
    pub fn new(weights: Array2<f64>) -> Result<Self> {
        if weights.is_empty() {
            return Err(Error::Empty("ma trận embedding"));
        }
        crate::error::ensure_finite("trọng số embedding", weights.iter())?;
        Ok(Self { weights })
    }

    /// Kích thước từ vựng V (số hàng của E).
    pub fn vocab_size(&self) -> usize {
        self.weights.nrows()
    }

    /// Số chiều d (số cột của E).
    pub fn dim(&self) -> usize {
        self.weights.ncols()
    }

    /// Toàn bộ ma trận E.
    pub fn weights(&self) -> &Array2<f64> {
        &self.weights
    }
}

/// Vector one-hot `x_w ∈ {0,1}^V` với `x_w[w] = 1` (dùng trong phương trình 1.2).
pub fn one_hot(token: usize, vocab: usize) -> Result<Array1<f64>> {
    if token >= vocab {
        return Err(Error::TokenOutOfRange { id: token, vocab });
    }
    crate::memory::ensure_allocation("vector one-hot", vocab, 8)?;
    let mut x = Array1::zeros(vocab);
    x[token] = 1.0;
    Ok(x)
}

/// Phương trình (1.4): số tham số của E là `V·d`, số byte là `V·d·b` với `b` byte mỗi số.
pub fn parameter_bytes(vocab: usize, dim: usize, bytes_per_param: usize) -> Result<(usize, usize)> {
    let params = vocab.checked_mul(dim).ok_or_else(|| overflow("V·d"))?;
    let bytes = params
        .checked_mul(bytes_per_param)
        .ok_or_else(|| overflow("V·d·b"))?;
    Ok((params, bytes))
}

fn overflow(what: &'static str) -> Error {
    Error::InvalidParameter {
        what,
        reason: format!("vượt {}", usize::MAX),
    }
}

/// Kích thước từ vựng của GPT-2 (BPE 50.257 token).
pub const GPT2_VOCAB: usize = 50_257;
/// Độ dài ngữ cảnh tối đa của GPT-2 (số embedding vị trí).
pub const GPT2_CONTEXT: usize = 1_024;
/// Bốn cỡ GPT-2: (tên, số tầng, d_model).
pub const GPT2_SIZES: [(&str, usize, usize); 4] = [
    ("small", 12, 768),
    ("medium", 24, 1024),
    ("large", 36, 1280),
    ("xl", 48, 1600),
];

/// Phương trình (1.5): tổng số tham số của GPT-2 theo kiến trúc: mỗi tầng có attention (4d² + 4d), MLP (8d² + 5d),
/// hai layer norm (4d); cộng embedding token (V·d), embedding vị trí (1024·d), layer norm cuối (2d).
/// Unembedding chia sẻ trọng số với E nên không tính thêm.
pub fn gpt2_parameters(layers: usize, d: usize) -> Result<usize> {
    let (l, d) = (layers as u128, d as u128);
    let total = d
        .checked_mul(d)
        .and_then(|dd| dd.checked_mul(12))
        .and_then(|x| x.checked_add(13 * d))
        .and_then(|per_layer| l.checked_mul(per_layer))
        .and_then(|x| x.checked_add((GPT2_VOCAB as u128 + GPT2_CONTEXT as u128 + 2) * d));
    total
        .and_then(|t| usize::try_from(t).ok())
        .ok_or_else(|| overflow("số tham số GPT-2"))
}

// ANCHOR: lookup
impl Embedding {
    /// Phương trình (1.1): tra cứu `e_w = E[w]` — chỉ đọc một hàng, chi phí O(d), không nhân ma trận.
    pub fn lookup(&self, token: usize) -> Result<ArrayView1<'_, f64>> {
        if token >= self.vocab_size() {
            return Err(Error::TokenOutOfRange {
                id: token,
                vocab: self.vocab_size(),
            });
        }
        Ok(self.weights.row(token))
    }
}
// ANCHOR_END: lookup

// ANCHOR: one_hot_lookup
impl Embedding {
    /// Phương trình (1.2): cùng kết quả qua phép nhân `x_wᵀ E` với `x_w` là vector one-hot —
    /// chi phí O(V·d); chỉ dùng để kiểm chứng (1.1).
    pub fn one_hot_lookup(&self, token: usize) -> Result<Array1<f64>> {
        let one_hot = one_hot(token, self.vocab_size())?;
        Ok(one_hot.dot(&self.weights))
    }
}
// ANCHOR_END: one_hot_lookup

// ANCHOR: lookup_backward
impl Embedding {
    /// Phương trình (1.3): gradient của mất mát theo E khi chỉ tra cứu token `w`:
    /// `∂L/∂E = x_w (∂L/∂e_w)ᵀ` — mọi hàng bằng 0 trừ hàng `w`.
    pub fn lookup_backward(&self, token: usize, grad_row: &[f64]) -> Result<Array2<f64>> {
        crate::error::ensure_len("gradient của e_w", self.dim(), grad_row.len())?;
        crate::error::ensure_finite("gradient của e_w", grad_row)?;
        let x = one_hot(token, self.vocab_size())?;
        let g = ArrayView1::from(grad_row);
        Ok(Array2::from_shape_fn(
            (self.vocab_size(), self.dim()),
            |(i, j)| x[i] * g[j],
        ))
    }
}
// ANCHOR_END: lookup_backward
