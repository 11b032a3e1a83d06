//! Chương trình minh hoạ chương 5: phổ của H; điểm yên ngựa; f32 so với f64.

use ndarray::Array2;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{fmt_vec, vi, vi_sci, Output, Program};
use crate::cross_entropy::cross_entropy;
use crate::error::Result;
use crate::gradcheck::{numerical_gradient, STEP};
use crate::hessian::{
    cross_entropy_f32, curvature_bound, naive_cross_entropy_f32, saddle_gradient, saddle_loss,
    softmax_hessian, symmetric_eigenvalues,
};
use crate::softmax::{naive_softmax, softmax};

/// Các chương trình của chương 5.
pub const PROGRAMS: &[Program] = &[
    Program {
        name: "hessian_spectrum",
        run: hessian_spectrum,
    },
    Program {
        name: "saddle_point",
        run: saddle_point,
    },
    Program {
        name: "float_precision",
        run: float_precision,
    },
];

// ANCHOR: hessian_spectrum
fn hessian_spectrum() -> Result<Output> {
    let z = [2.0, 1.0, 0.0, -1.0];
    let p = softmax(&z)?;
    let h = softmax_hessian(&z)?;
    let eig = symmetric_eigenvalues(&h)?;
    let mut sorted = p.clone();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let bound = curvature_bound(&z)?;
    let mut out = Output::default();
    out.line(format!("z = {}", fmt_vec(&z)));
    out.line(format!("P = {}", fmt_vec(&p)));
    out.line("ℋ = diag(P) − PPᵀ:");
    for row in h.rows() {
        out.line(format!("    {}", fmt_vec(&row.to_vec())));
    }
    out.line(format!("trị riêng λ (SymmetricEigen) = {}", fmt_vec(&eig)));
    out.line(format!(
        "P đã sắp giảm dần             = {}",
        fmt_vec(&sorted)
    ));
    out.line(format!(
        "cận (5.5): min(P_max, 2 max P(1 − P)) = {bound:.4} ≥ λ_max = {:.4}",
        eig[0]
    ));
    out.value("lambda_max", vi(eig[0], 4));
    out.value("lambda_min", vi_sci(eig[eig.len() - 1], 1));
    out.value("p_max", vi(sorted[0], 4));
    out.value("bound", vi(bound, 4));
    Ok(out)
}
// ANCHOR_END: hessian_spectrum

fn saddle_point() -> Result<Output> {
    let origin = [0.0; 3];
    let mut h = Array2::zeros((3, 3));
    for i in 0..3 {
        let row = numerical_gradient(|x| Ok(saddle_gradient(x)?[i]), &origin, STEP)?;
        for (j, v) in row.into_iter().enumerate() {
            h[[i, j]] = v;
        }
    }
    let sym = (&h + &h.t()) / 2.0;
    let eig = symmetric_eigenvalues(&sym)?;
    let v = [std::f64::consts::FRAC_1_SQRT_2, 0.5, -0.5];
    let at = |t: f64| saddle_loss(&v.map(|x| t * x));
    let (l0, l1, lm1) = (at(0.0)?, at(1.0)?, at(-1.0)?);
    let mut out = Output::default();
    out.line("Hessian số của L(h, a, b) = log(1 + e^{h(b − a)}) tại θ = 0:");
    for row in sym.rows() {
        out.line(format!("    {}", fmt_vec(&row.to_vec())));
    }
    out.line(format!("trị riêng = {}", fmt_vec(&eig)));
    out.line(format!(
        "dọc v = (√½, ½, −½): L(−v) = {lm1:.4}, L(0) = {l0:.4}, L(+v) = {l1:.4}"
    ));
    out.line(format!(
        "L(−v) + L(+v) − 2 L(0) = {:.4} < 0: vi phạm bất đẳng thức trung điểm của hàm lồi",
        lm1 + l1 - 2.0 * l0
    ));
    out.value("lambda_neg", vi(eig[2], 4));
    out.value("l0", vi(l0, 4));
    out.value("l1", vi(l1, 4));
    Ok(out)
}

// ANCHOR: float_precision
fn float_precision() -> Result<Output> {
    let mut out = Output::default();
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    out.line("V = 1000 logit đều trong [−s, s]; sai số |L_f32 − L_f64| của entropy chéo ổn định:");
    for (k, s) in [1.0_f32, 100.0, 10_000.0].into_iter().enumerate() {
        let z32: Vec<f32> = (0..1000).map(|_| rng.random_range(-s..s)).collect();
        let z64: Vec<f64> = z32.iter().map(|&x| f64::from(x)).collect();
        let err = (f64::from(cross_entropy_f32(&z32, 0)?) - cross_entropy(&z64, 0)?).abs();
        out.line(format!("  s = {s:>6}: sai số = {err:.2e}"));
        out.value(format!("err{k}"), vi_sci(err, 1));
    }
    let (ln32, ln64) = (f64::from(f32::MAX.ln()), f64::MAX.ln());
    out.line(format!(
        "tràn số của cách ngây thơ: exp(z) = ∞ khi z > {ln32:.2} (f32), z > {ln64:.2} (f64)"
    ));
    let naive32 = naive_cross_entropy_f32(&[89.0, 88.0, 0.0], 1);
    let naive64 = naive_softmax(&[710.0, 709.0, 0.0]);
    out.line(format!(
        "  f32, z = (89, 88, 0): ngây thơ L = {naive32}, ổn định L = {:.6}",
        cross_entropy_f32(&[89.0, 88.0, 0.0], 1)?
    ));
    out.line(format!(
        "  f64, z = (710, 709, 0): softmax ngây thơ = {naive64:?}"
    ));
    out.value("ln_f32", vi(ln32, 2));
    out.value("ln_f64", vi(ln64, 2));
    Ok(out)
}
// ANCHOR_END: float_precision
