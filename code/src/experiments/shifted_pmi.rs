//! Thí nghiệm Levy–Goldberg của chương 4: SGNS phân rã (vector không ràng buộc) trên một bảng đồng xuất
//! hiện tổng hợp hội tụ tới `u_cᵀv_w = PMI − log k`.

use std::sync::OnceLock;

use ndarray::Array2;

use crate::error::Result;
use crate::pmi::{
    fit_factorized, pmi_matrix, synthetic_cooccurrence, unigram_contexts, FactorizedFit, FitOptions,
};

/// Thí nghiệm Levy–Goldberg dùng chung cho chương trình, hình và lời văn.
pub struct PmiExperiment {
    /// Kết quả tối ưu.
    pub fit: FactorizedFit,
    /// `PMI − log K` từ số đếm.
    pub target: Array2<f64>,
    /// Số mẫu âm k.
    pub k: f64,
}

// ANCHOR: pmi_experiment
/// Bảng 6 × 6 từ chuỗi Markov 20 000 token (cửa sổ 2), k = 5, d = 6, leo gradient toàn batch.
pub(crate) fn pmi_experiment() -> Result<PmiExperiment> {
    let counts = synthetic_cooccurrence(6, 20_000, 2, 5)?;
    let k = 5.0;
    let noise = unigram_contexts(&counts)?;
    let opts = FitOptions {
        dim: 6,
        lr: 0.05,
        tol: 1e-8,
        max_steps: 50_000,
        seed: 2014,
    };
    let fit = fit_factorized(&counts, &noise, k, opts)?;
    let target = pmi_matrix(&counts)?.mapv(|p| p - k.ln());
    Ok(PmiExperiment { fit, target, k })
}
// ANCHOR_END: pmi_experiment

/// Thí nghiệm [`pmi_experiment`], chạy một lần mỗi tiến trình rồi dùng lại (chương trình và hình chung).
pub fn book_pmi() -> Result<&'static PmiExperiment> {
    static RUN: OnceLock<Result<PmiExperiment>> = OnceLock::new();
    RUN.get_or_init(pmi_experiment)
        .as_ref()
        .map_err(Clone::clone)
}
