//! Tự chú ý nhân quả một đầu (causal single-head self-attention): lượt xuôi (7.3), lượt ngược (7.7).

use ndarray::Array2;

use super::ensure_shape;
use crate::error::Result;
use crate::softmax::softmax;

/// Bốn ma trận `d × d` của tầng chú ý: truy vấn, khoá, giá trị và chiếu đầu ra.
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionWeights {
    /// `W_Q`: `q_t = a_t W_Q`.
    pub wq: Array2<f64>,
    /// `W_K`: `k_t = a_t W_K`.
    pub wk: Array2<f64>,
    /// `W_V`: `v_t = a_t W_V`.
    pub wv: Array2<f64>,
    /// `W_O`: chiếu đầu ra `y = (A V) W_O`.
    pub wo: Array2<f64>,
}

impl AttentionWeights {
    /// Kiểm cả bốn ma trận đều là `d × d`.
    fn ensure_dim(&self, d: usize) -> Result<()> {
        for (what, m) in [
            ("W_Q", &self.wq),
            ("W_K", &self.wk),
            ("W_V", &self.wv),
            ("W_O", &self.wo),
        ] {
            ensure_shape(what, m, &[d, d])?;
        }
        Ok(())
    }
}

/// Bộ nhớ đệm của lượt xuôi.
#[derive(Debug, Clone)]
pub struct AttentionCache {
    x: Array2<f64>,
    q: Array2<f64>,
    k: Array2<f64>,
    v: Array2<f64>,
    att: Array2<f64>,
    o: Array2<f64>,
}

impl AttentionCache {
    /// Ma trận trọng số chú ý `A` (`T × T`, tam giác dưới, mỗi hàng cộng lại bằng 1).
    pub fn weights(&self) -> &Array2<f64> {
        &self.att
    }
}

// ANCHOR: attention_forward
/// Phương trình (7.3): `A = softmax(Q Kᵀ/√d + M)` với `M_ij = −∞` khi `j > i` (mặt nạ nhân quả),
/// `y = A V W_O`. Vị trí bị che không được tính: `A_ij = 0` đúng bằng không khi `j > i`.
pub fn attention_forward(
    x: &Array2<f64>,
    w: &AttentionWeights,
) -> Result<(Array2<f64>, AttentionCache)> {
    let (t_len, d) = x.dim();
    w.ensure_dim(d)?;
    let (q, k, v) = (x.dot(&w.wq), x.dot(&w.wk), x.dot(&w.wv));
    let scale = 1.0 / (d as f64).sqrt();
    let mut att = Array2::zeros((t_len, t_len));
    for i in 0..t_len {
        // chỉ các vị trí j ≤ i: tương lai không bao giờ được đọc
        let scores: Vec<f64> = (0..=i).map(|j| q.row(i).dot(&k.row(j)) * scale).collect();
        for (j, a) in softmax(&scores)?.into_iter().enumerate() {
            att[[i, j]] = a;
        }
    }
    let o = att.dot(&v);
    let y = o.dot(&w.wo);
    let cache = AttentionCache {
        x: x.clone(),
        q,
        k,
        v,
        att,
        o,
    };
    Ok((y, cache))
}
// ANCHOR_END: attention_forward

// ANCHOR: attention_backward
/// Phương trình (7.7): lượt ngược của (7.3). Phần cốt lõi là ma trận Jacobi của softmax theo hàng:
/// `∂L/∂S_ij = A_ij (∂L/∂A_ij − Σ_k A_ik ∂L/∂A_ik)`. Trả `(∂L/∂x, gradient của bốn ma trận)`.
pub fn attention_backward(
    dy: &Array2<f64>,
    w: &AttentionWeights,
    cache: &AttentionCache,
) -> Result<(Array2<f64>, AttentionWeights)> {
    let (t_len, d) = cache.x.dim();
    ensure_shape("gradient đầu ra của attention", dy, &[t_len, d])?;
    w.ensure_dim(d)?;
    let scale = 1.0 / (d as f64).sqrt();
    let dwo = cache.o.t().dot(dy);
    let d_o = dy.dot(&w.wo.t());
    let datt = d_o.dot(&cache.v.t());
    let dv = cache.att.t().dot(&d_o);
    let mut dscores = Array2::zeros((t_len, t_len));
    for i in 0..t_len {
        let a = cache.att.row(i);
        let dot: f64 = (0..=i).map(|k| a[k] * datt[[i, k]]).sum();
        for j in 0..=i {
            dscores[[i, j]] = a[j] * (datt[[i, j]] - dot);
        }
    }
    let dq = dscores.dot(&cache.k) * scale;
    let dk = dscores.t().dot(&cache.q) * scale;
    let grads = AttentionWeights {
        wq: cache.x.t().dot(&dq),
        wk: cache.x.t().dot(&dk),
        wv: cache.x.t().dot(&dv),
        wo: dwo,
    };
    let dx = dq.dot(&w.wq.t()) + dk.dot(&w.wk.t()) + dv.dot(&w.wv.t());
    Ok((dx, grads))
}
// ANCHOR_END: attention_backward
