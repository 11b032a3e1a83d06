//! SGNS là phân rã ma trận PMI dịch chuyển (Levy & Goldberg, 2014) — chương 4.
//!
//! Trên một bảng đồng xuất hiện `#(w, c)` (W từ × C ngữ cảnh), mục tiêu SGNS *kỳ vọng* (4.9) tách
//! thành tổng các ô; khi số chiều không bị ràng buộc, cực đại đạt được từng ô một (4.10):
//! `u_cᵀv_w = PMI(w, c) − log K` với nhiễu unigram.

use ndarray::Array2;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use crate::error::{ensure_finite, ensure_len, Error, Result};
use crate::information::check_distribution;
use crate::negative_sampling::{log_sigmoid, sigmoid};

fn check_counts(counts: &Array2<f64>) -> Result<()> {
    if counts.is_empty() {
        return Err(Error::Empty("bảng đồng xuất hiện"));
    }
    ensure_finite("số đếm đồng xuất hiện", counts.iter())?;
    if counts.iter().any(|&n| n <= 0.0) {
        return Err(Error::InvalidParameter {
            what: "số đếm đồng xuất hiện",
            reason: "cần mọi ô > 0 để PMI hữu hạn".into(),
        });
    }
    Ok(())
}

/// Kiểm bảng đếm, phân phối nhiễu `P_n` (khớp số cột, là một phân phối) và `k` (hữu hạn, > 0).
fn check_noise(counts: &Array2<f64>, noise: &[f64], k: f64) -> Result<()> {
    check_counts(counts)?;
    ensure_len("phân phối nhiễu P_n", counts.ncols(), noise.len())?;
    check_distribution("phân phối nhiễu P_n", noise)?;
    if !(k.is_finite() && k > 0.0) {
        return Err(Error::InvalidParameter {
            what: "số mẫu âm k",
            reason: format!("cần 0 < k < ∞, nhận {k}"),
        });
    }
    Ok(())
}

fn finite_result(what: &'static str, value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::NonFinite {
            what,
            index: 0,
            value,
        })
    }
}

// ANCHOR: pmi
/// `PMI(w, c) = log( #(w,c)·|D| / (#(w)·#(c)) )` tính từ bảng đếm.
pub fn pmi_matrix(counts: &Array2<f64>) -> Result<Array2<f64>> {
    check_counts(counts)?;
    let total = counts.sum();
    let rows = counts.sum_axis(ndarray::Axis(1));
    let cols = counts.sum_axis(ndarray::Axis(0));
    let pmi = Array2::from_shape_fn(counts.dim(), |(w, c)| {
        // (#(w,c)/#(w)) · (|D|/#(c)): thừa số đầu ≤ 1, thừa số sau ≤ |D|, không tràn khi |D| hữu hạn
        ((counts[[w, c]] / rows[w]) * (total / cols[c])).ln()
    });
    ensure_finite("PMI (tổng số đếm tràn số f64)", pmi.iter())?;
    Ok(pmi)
}

/// Xác suất unigram của ngữ cảnh `P(c) = #(c)/|D|`: nhiễu của định lý Levy–Goldberg.
pub fn unigram_contexts(counts: &Array2<f64>) -> Result<Vec<f64>> {
    check_counts(counts)?;
    let total = counts.sum();
    if !total.is_finite() {
        return Err(Error::InvalidParameter {
            what: "số đếm đồng xuất hiện",
            reason: "tổng tràn số f64".into(),
        });
    }
    Ok(counts
        .sum_axis(ndarray::Axis(0))
        .iter()
        .map(|c| c / total)
        .collect())
}

/// Phương trình (4.9): mục tiêu SGNS kỳ vọng trên cả kho
/// `ℓ(X) = Σ_{w,c} [ #(w,c) log σ(x_wc) + k·#(w)·P_n(c) log σ(−x_wc) ]`.
pub fn expected_objective(
    counts: &Array2<f64>,
    noise: &[f64],
    k: f64,
    x: &Array2<f64>,
) -> Result<f64> {
    check_noise(counts, noise, k)?;
    if x.dim() != counts.dim() {
        return Err(Error::ShapeMismatch {
            what: "ma trận X so với bảng đồng xuất hiện",
            expected: format!("{:?}", counts.dim()),
            found: format!("{:?}", x.dim()),
        });
    }
    ensure_finite("ma trận X", x.iter())?;
    let rows = counts.sum_axis(ndarray::Axis(1));
    let mut total = 0.0;
    for ((w, c), &n) in counts.indexed_iter() {
        let xv = x[[w, c]];
        total += n * log_sigmoid(xv) + k * rows[w] * noise[c] * log_sigmoid(-xv);
    }
    finite_result("mục tiêu kỳ vọng ℓ(X)", total)
}

/// Phương trình (4.10): nghiệm từng ô của (4.9), `x*_wc = log( #(w,c) / (k·#(w)·P_n(c)) )`;
/// với `P_n` unigram, `x* = PMI(w, c) − log K`.
pub fn cellwise_optimum(counts: &Array2<f64>, noise: &[f64], k: f64) -> Result<Array2<f64>> {
    check_noise(counts, noise, k)?;
    if let Some(c) = noise.iter().position(|&p| p <= 0.0) {
        return Err(Error::InvalidDistribution {
            what: "phân phối nhiễu P_n",
            reason: format!("P_n({c}) = 0: nghiệm x*_wc = +∞"),
        });
    }
    let rows = counts.sum_axis(ndarray::Axis(1));
    let x = Array2::from_shape_fn(counts.dim(), |(w, c)| {
        // (#(w,c)/#(w)) / (k·P_n(c)): thừa số đầu ≤ 1, không tràn số khi các số đếm khổng lồ
        ((counts[[w, c]] / rows[w]) / (k * noise[c])).ln()
    });
    ensure_finite("nghiệm x* (tràn số f64)", x.iter())?;
    Ok(x)
}
// ANCHOR_END: pmi

/// Tham số của [`fit_factorized`].
#[derive(Debug, Clone, Copy)]
pub struct FitOptions {
    /// Số chiều d của vector (không ràng buộc khi d ≥ min(W, C)).
    pub dim: usize,
    /// Bước học của leo gradient.
    pub lr: f64,
    /// Dừng khi `max |∂ℓ̃/∂x_wc| < tol` (ℓ̃: mục tiêu đã chuẩn hoá).
    pub tol: f64,
    /// Số bước tối đa.
    pub max_steps: usize,
    /// Hạt giống khởi tạo.
    pub seed: u64,
}

/// Kết quả tối ưu (4.9) theo dạng phân rã `x_wc = u_cᵀv_w`.
pub struct FactorizedFit {
    /// Ma trận tích vô hướng `X = V Uᵀ` sau tối ưu.
    pub dots: Array2<f64>,
    /// Chuẩn vô cùng của gradient của ℓ̃ (đã chuẩn hoá) theo X ở bước cuối.
    pub grad_norm: f64,
    /// Số bước đã chạy.
    pub steps: usize,
}

// ANCHOR: fit
/// Tối ưu chính xác (4.9) trên tham số `V` (W×d), `U` (C×d) bằng leo gradient toàn batch, khởi tạo
/// ngẫu nhiên nhỏ có hạt giống; dừng khi `max |∂ℓ̃/∂x_wc| < tol` hoặc hết `max_steps`.
/// Số đếm được chia cho khối lượng trung bình của một ô để bước học `lr` không phụ thuộc cỡ kho.
pub fn fit_factorized(
    counts: &Array2<f64>,
    noise: &[f64],
    k: f64,
    opts: FitOptions,
) -> Result<FactorizedFit> {
    check_counts(counts)?;
    ensure_len("phân phối nhiễu P_n", counts.ncols(), noise.len())?;
    let (nw, nc) = counts.dim();
    let rows = counts.sum_axis(ndarray::Axis(1));
    let scale = counts.sum() / counts.len() as f64;
    let pos = counts.mapv(|n| n / scale);
    let neg = Array2::from_shape_fn((nw, nc), |(w, c)| k * rows[w] * noise[c] / scale);
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let normal = Normal::new(0.0, 0.1).map_err(|e| Error::InvalidParameter {
        what: "khởi tạo",
        reason: e.to_string(),
    })?;
    let mut v = Array2::from_shape_fn((nw, opts.dim), |_| normal.sample(&mut rng));
    let mut u = Array2::from_shape_fn((nc, opts.dim), |_| normal.sample(&mut rng));
    let mut steps = 0;
    loop {
        let x = v.dot(&u.t());
        if x.iter().any(|e: &f64| !e.is_finite()) {
            return Err(Error::InvalidParameter {
                what: "bước học lr",
                reason: format!("leo gradient phân kỳ sau {steps} bước (lr = {})", opts.lr),
            });
        }
        // ∂ℓ/∂x = #(w,c)·σ(−x) − k·#(w)·P_n(c)·σ(x)
        let g = Array2::from_shape_fn((nw, nc), |(w, c)| {
            pos[[w, c]] * sigmoid(-x[[w, c]]) - neg[[w, c]] * sigmoid(x[[w, c]])
        });
        let grad_norm = g.iter().fold(0.0_f64, |m, &e| m.max(e.abs()));
        if grad_norm < opts.tol || steps == opts.max_steps {
            return Ok(FactorizedFit {
                dots: x,
                grad_norm,
                steps,
            });
        }
        let dv = g.dot(&u);
        let du = g.t().dot(&v);
        v.scaled_add(opts.lr, &dv);
        u.scaled_add(opts.lr, &du);
        steps += 1;
    }
}
// ANCHOR_END: fit

// ANCHOR: synthetic
/// Bảng đồng xuất hiện tổng hợp có hạt giống: một chuỗi Markov trên `vocab` từ (ma trận chuyển
/// ngẫu nhiên), dài `length` token; đếm cặp (w, c) cách nhau ≤ `window` vị trí.
pub fn synthetic_cooccurrence(
    vocab: usize,
    length: usize,
    window: usize,
    seed: u64,
) -> Result<Array2<f64>> {
    if vocab == 0 || length < 2 || window == 0 {
        return Err(Error::InvalidParameter {
            what: "kho tổng hợp",
            reason: format!(
                "cần vocab ≥ 1, length ≥ 2, window ≥ 1; nhận {vocab}, {length}, {window}"
            ),
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let transition: Vec<rand_distr::weighted::WeightedAliasIndex<f64>> = (0..vocab)
        .map(|_| {
            let w: Vec<f64> = (0..vocab)
                .map(|_| rand::Rng::random::<f64>(&mut rng).powi(3) + 0.01)
                .collect();
            rand_distr::weighted::WeightedAliasIndex::new(w).map_err(|e| {
                Error::InvalidDistribution {
                    what: "ma trận chuyển",
                    reason: e.to_string(),
                }
            })
        })
        .collect::<Result<_>>()?;
    let mut tokens = Vec::with_capacity(length);
    let mut current = 0;
    for _ in 0..length {
        tokens.push(current);
        current = transition[current].sample(&mut rng);
    }
    let mut counts = Array2::zeros((vocab, vocab));
    for i in 0..length {
        for j in i.saturating_sub(window)..(i + window + 1).min(length) {
            if j != i {
                counts[[tokens[i], tokens[j]]] += 1.0;
            }
        }
    }
    Ok(counts)
}
// ANCHOR_END: synthetic
