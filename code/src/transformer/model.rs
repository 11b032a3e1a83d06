//! Ghép các tầng thành mô hình: lượt xuôi (7.1)–(7.6) và lượt ngược ra mọi tham số (7.7)–(7.10).

use ndarray::{Array1, Array2, ArrayViewD, ArrayViewMutD};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use super::attention::{attention_backward, attention_forward, AttentionCache, AttentionWeights};
use super::embed::{
    cross_entropy_backward, cross_entropy_forward, encoder_backward, encoder_forward,
    unembed_backward, unembed_forward,
};
use super::layer_norm::{layer_norm_backward, layer_norm_forward, LayerNormCache};
use super::mlp::{mlp_backward, mlp_forward, MlpCache, MlpWeights};
use crate::error::{ensure_len, Error, Result};

/// Kích thước mô hình.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    /// Kích thước từ vựng V.
    pub vocab: usize,
    /// Số chiều d của embedding và của dòng dư (residual stream).
    pub dim: usize,
    /// Số vị trí tối đa (số hàng của ma trận vị trí E_pos).
    pub context: usize,
}

// ANCHOR: params
/// Toàn bộ tham số. `wte` là ma trận `E` (V × d) dùng **hai lần**: tra cứu ở (7.1) và unembedding ở (7.5).
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Embedding token `E`, V × d (dùng chung với unembedding).
    pub wte: Array2<f64>,
    /// Embedding vị trí học được `P`, context × d.
    pub wpe: Array2<f64>,
    /// `γ` của layer norm trước attention.
    pub ln1_gamma: Array1<f64>,
    /// `β` của layer norm trước attention.
    pub ln1_beta: Array1<f64>,
    /// Bốn ma trận của tầng chú ý.
    pub attn: AttentionWeights,
    /// `γ` của layer norm trước MLP.
    pub ln2_gamma: Array1<f64>,
    /// `β` của layer norm trước MLP.
    pub ln2_beta: Array1<f64>,
    /// Hai ma trận của MLP.
    pub mlp: MlpWeights,
    /// `γ` của layer norm cuối.
    pub lnf_gamma: Array1<f64>,
    /// `β` của layer norm cuối.
    pub lnf_beta: Array1<f64>,
}
// ANCHOR_END: params

impl Params {
    /// Khởi tạo có hạt giống: `E, P ~ N(0, 0.1²)`, ma trận chú ý và `W₁` `~ N(0, 1/d)`, `W₂ ~ N(0, 1/(4d))`,
    /// `γ = 1`, `β = 0`.
    pub fn init(cfg: Config, seed: u64) -> Result<Self> {
        if cfg.vocab == 0 || cfg.dim == 0 || cfg.context == 0 {
            return Err(Error::InvalidParameter {
                what: "cấu hình mô hình",
                reason: format!("V, d, ngữ cảnh phải dương, nhận {cfg:?}"),
            });
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let small = Normal::new(0.0, 0.1).map_err(|e| Error::InvalidParameter {
            what: "phân phối khởi tạo",
            reason: e.to_string(),
        })?;
        let wide = Normal::new(0.0, 1.0 / (cfg.dim as f64).sqrt()).map_err(|e| {
            Error::InvalidParameter {
                what: "phân phối khởi tạo",
                reason: e.to_string(),
            }
        })?;
        let d = cfg.dim;
        let mut matrix = |rows, dist: &Normal<f64>| {
            Array2::from_shape_simple_fn((rows, d), || dist.sample(&mut rng))
        };
        let wte = matrix(cfg.vocab, &small);
        let wpe = matrix(cfg.context, &small);
        let attn = AttentionWeights {
            wq: matrix(d, &wide),
            wk: matrix(d, &wide),
            wv: matrix(d, &wide),
            wo: matrix(d, &wide),
        };
        let w1 = Array2::from_shape_simple_fn((d, 4 * d), || wide.sample(&mut rng));
        let w2 = Array2::from_shape_simple_fn((4 * d, d), || wide.sample(&mut rng) / 2.0);
        Ok(Self {
            wte,
            wpe,
            ln1_gamma: Array1::ones(d),
            ln1_beta: Array1::zeros(d),
            attn,
            ln2_gamma: Array1::ones(d),
            ln2_beta: Array1::zeros(d),
            mlp: MlpWeights { w1, w2 },
            lnf_gamma: Array1::ones(d),
            lnf_beta: Array1::zeros(d),
        })
    }

    /// Kích thước của mô hình này.
    pub fn config(&self) -> Config {
        Config {
            vocab: self.wte.nrows(),
            dim: self.wte.ncols(),
            context: self.wpe.nrows(),
        }
    }

    /// Mọi mảng tham số theo thứ tự cố định (thứ tự của [`Params::to_vec`]).
    fn views(&self) -> [ArrayViewD<'_, f64>; 14] {
        [
            self.wte.view().into_dyn(),
            self.wpe.view().into_dyn(),
            self.ln1_gamma.view().into_dyn(),
            self.ln1_beta.view().into_dyn(),
            self.attn.wq.view().into_dyn(),
            self.attn.wk.view().into_dyn(),
            self.attn.wv.view().into_dyn(),
            self.attn.wo.view().into_dyn(),
            self.ln2_gamma.view().into_dyn(),
            self.ln2_beta.view().into_dyn(),
            self.mlp.w1.view().into_dyn(),
            self.mlp.w2.view().into_dyn(),
            self.lnf_gamma.view().into_dyn(),
            self.lnf_beta.view().into_dyn(),
        ]
    }

    fn views_mut(&mut self) -> [ArrayViewMutD<'_, f64>; 14] {
        [
            self.wte.view_mut().into_dyn(),
            self.wpe.view_mut().into_dyn(),
            self.ln1_gamma.view_mut().into_dyn(),
            self.ln1_beta.view_mut().into_dyn(),
            self.attn.wq.view_mut().into_dyn(),
            self.attn.wk.view_mut().into_dyn(),
            self.attn.wv.view_mut().into_dyn(),
            self.attn.wo.view_mut().into_dyn(),
            self.ln2_gamma.view_mut().into_dyn(),
            self.ln2_beta.view_mut().into_dyn(),
            self.mlp.w1.view_mut().into_dyn(),
            self.mlp.w2.view_mut().into_dyn(),
            self.lnf_gamma.view_mut().into_dyn(),
            self.lnf_beta.view_mut().into_dyn(),
        ]
    }

    /// Mọi tham số trải phẳng thành một vector (thứ tự cố định), dùng cho bộ kiểm gradient và Adam.
    pub fn to_vec(&self) -> Vec<f64> {
        let mut out = Vec::new();
        for v in self.views() {
            match v.as_slice() {
                Some(s) => out.extend_from_slice(s),
                None => out.extend(v.iter()),
            }
        }
        out
    }

    /// Bản sao cùng hình dạng với các giá trị lấy từ `flat` (ngược của [`Params::to_vec`]).
    pub fn with_values(&self, flat: &[f64]) -> Result<Self> {
        let count: usize = self.views().iter().map(|v| v.len()).sum();
        ensure_len("số tham số", count, flat.len())?;
        let mut out = self.clone();
        let mut rest = flat;
        for mut v in out.views_mut() {
            let (head, tail) = rest.split_at(v.len());
            match v.as_slice_mut() {
                Some(s) => s.copy_from_slice(head),
                None => v.iter_mut().zip(head).for_each(|(p, &x)| *p = x),
            }
            rest = tail;
        }
        Ok(out)
    }
}

/// Bộ nhớ đệm của một lượt xuôi trên một chuỗi.
#[derive(Debug, Clone)]
pub struct Forward {
    inputs: Vec<usize>,
    targets: Vec<usize>,
    ln1: LayerNormCache,
    attn: AttentionCache,
    ln2: LayerNormCache,
    mlp: MlpCache,
    lnf: LayerNormCache,
    u: Array2<f64>,
    /// Logit `ℓ` (T × V).
    pub logits: Array2<f64>,
    probs: Array2<f64>,
    /// Mất mát chuỗi (7.6), là tổng theo T vị trí.
    pub loss: f64,
}

impl Forward {
    /// Trọng số chú ý `A` của chuỗi này.
    pub fn attention(&self) -> &Array2<f64> {
        self.attn.weights()
    }

    /// Mất mát từng vị trí `−log P(x_t | x_<t)`, t = 1..T.
    pub fn position_losses(&self) -> Vec<f64> {
        self.targets
            .iter()
            .enumerate()
            .map(|(t, &y)| -self.probs[[t, y]].ln())
            .collect()
    }
}

// ANCHOR: forward
/// Lượt xuôi trên chuỗi `x_0, …, x_T`: vị trí `t` đọc `x_0..x_t` và dự đoán `x_{t+1}`.
/// `unembedding` là ma trận dùng ở (7.5); mô hình chia sẻ trọng số truyền chính `params.wte`.
pub fn forward_untied(
    params: &Params,
    unembedding: &Array2<f64>,
    tokens: &[usize],
) -> Result<Forward> {
    if tokens.len() < 2 {
        return Err(Error::Empty("chuỗi cần ít nhất hai token"));
    }
    let (inputs, targets) = (&tokens[..tokens.len() - 1], &tokens[1..]);
    let z = encoder_forward(&params.wte, &params.wpe, inputs)?; // (7.1)
    let (a, ln1) = layer_norm_forward(&z, &params.ln1_gamma, &params.ln1_beta)?; // (7.2)
    let (y, attn) = attention_forward(&a, &params.attn)?; // (7.3)
    let h = &z + &y; // kết nối tắt (residual)
    let (m, ln2) = layer_norm_forward(&h, &params.ln2_gamma, &params.ln2_beta)?;
    let (f, mlp) = mlp_forward(&m, &params.mlp)?; // (7.4)
    let h2 = &h + &f; // kết nối tắt thứ hai
    let (u, lnf) = layer_norm_forward(&h2, &params.lnf_gamma, &params.lnf_beta)?;
    let logits = unembed_forward(&u, unembedding)?; // (7.5)
    let (loss, probs) = cross_entropy_forward(&logits, targets)?; // (7.6)
    Ok(Forward {
        inputs: inputs.to_vec(),
        targets: targets.to_vec(),
        ln1,
        attn,
        ln2,
        mlp,
        lnf,
        u,
        logits,
        probs,
        loss,
    })
}

/// Lượt xuôi của mô hình chia sẻ trọng số: unembedding chính là `E = params.wte`.
pub fn forward(params: &Params, tokens: &[usize]) -> Result<Forward> {
    forward_untied(params, &params.wte, tokens)
}
// ANCHOR_END: forward

/// Gradient của mất mát (7.6) theo mọi tham số, kèm các nhánh đi tới `E`.
#[derive(Debug, Clone)]
pub struct Gradients {
    /// Gradient đầy đủ, cùng hình dạng với [`Params`]; `params.wte` là tổng hai nhánh (7.9).
    pub params: Params,
    /// Nhánh ra (unembedding): `Σ_t (P_t − y_t) u_tᵀ`.
    pub wte_output: Array2<f64>,
    /// Nhánh vào (tra cứu): `∂L/∂e_w = Σ_{t: x_t = w} δ_t`.
    pub wte_input: Array2<f64>,
    /// Phần của nhánh vào đi qua `LN₁` và attention; phần còn lại đi theo kết nối tắt thứ nhất (gồm cả
    /// gradient đã qua MLP).
    pub wte_input_attention: Array2<f64>,
}

// ANCHOR: backward
/// Lượt ngược: gọi các `*_backward` theo thứ tự ngược của [`forward`] (mô hình chia sẻ trọng số).
pub fn backward(params: &Params, fwd: &Forward) -> Result<Gradients> {
    let cfg = params.config();
    let (wte_shape, wpe_shape) = ((cfg.vocab, cfg.dim), (cfg.context, cfg.dim));
    let dlogits = cross_entropy_backward(&fwd.probs, &fwd.targets)?; // P − y
    let (du, wte_output) = unembed_backward(&dlogits, &fwd.u, &params.wte)?; // nhánh ra
    let (dh2, lnf_gamma, lnf_beta) = layer_norm_backward(&du, &params.lnf_gamma, &fwd.lnf)?;
    let (dm, mlp) = mlp_backward(&dh2, &params.mlp, &fwd.mlp)?;
    let (dh_mlp, ln2_gamma, ln2_beta) = layer_norm_backward(&dm, &params.ln2_gamma, &fwd.ln2)?;
    let dh = &dh2 + &dh_mlp; // kết nối tắt thứ hai
    let (da, attn) = attention_backward(&dh, &params.attn, &fwd.attn)?; // (7.7)
    let (dz_attn, ln1_gamma, ln1_beta) = layer_norm_backward(&da, &params.ln1_gamma, &fwd.ln1)?;
    let dz = &dh + &dz_attn; // kết nối tắt thứ nhất: gradient không qua attention + qua attention
    let (wte_input, wpe) = encoder_backward(&dz, &fwd.inputs, wte_shape, wpe_shape)?; // (7.10)
    let (wte_input_attention, _) = encoder_backward(&dz_attn, &fwd.inputs, wte_shape, wpe_shape)?;
    let grads = Params {
        wte: &wte_output + &wte_input, // (7.9): E dùng chung nhận tổng hai nhánh
        wpe,
        ln1_gamma,
        ln1_beta,
        attn,
        ln2_gamma,
        ln2_beta,
        mlp,
        lnf_gamma,
        lnf_beta,
    };
    Ok(Gradients {
        params: grads,
        wte_output,
        wte_input,
        wte_input_attention,
    })
}
// ANCHOR_END: backward

/// Mất mát (7.6) của một chuỗi — hàm gọn cho bộ kiểm gradient.
pub fn loss(params: &Params, tokens: &[usize]) -> Result<f64> {
    Ok(forward(params, tokens)?.loss)
}
