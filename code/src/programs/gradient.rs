//! Chương trình minh hoạ chương 3: kiểm gradient bằng sai phân; một bước hạ gradient trên W.

use ndarray::Array2;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{fmt_vec, vi, vi_sci, Output, Program};
use crate::cross_entropy::cross_entropy;
use crate::error::Result;
use crate::gradcheck::{max_relative_error, numerical_gradient, STEP};
use crate::gradient::{
    logit_gradient, output_logits, output_loss, sgd_step_output, TiedModel, EXAMPLE_H, EXAMPLE_LR,
    EXAMPLE_TARGET, EXAMPLE_W,
};
use crate::softmax::softmax;

/// Các chương trình của chương 3.
pub const PROGRAMS: &[Program] = &[
    Program {
        name: "gradient_check",
        run: gradient_check,
    },
    Program {
        name: "gradient_step",
        run: gradient_step,
    },
];

// ANCHOR: gradient_check
fn gradient_check() -> Result<Output> {
    let mut out = Output::default();
    // (3.2) trên một vector logit.
    let z = [1.0, -0.5, 2.0, 0.3];
    let g = logit_gradient(&z, 0)?;
    let numeric = numerical_gradient(|x| cross_entropy(x, 0), &z, STEP)?;
    let err_logits = max_relative_error(&g, &numeric)?;
    out.line(format!("P − y            = {}", fmt_vec(&g)));
    out.line(format!("sai phân trung tâm = {}", fmt_vec(&numeric)));
    out.line(format!("sai số tương đối  = {err_logits:.1e}"));
    // (3.7) trên mô hình chia sẻ trọng số: V = 6, d = 3, ngữ cảnh (0, 1), token đúng 2.
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let e = Array2::from_shape_fn((6, 3), |_| rng.random_range(-1.0..1.0));
    let a = Array2::from_shape_fn((3, 3), |_| rng.random_range(-1.5..1.5));
    let model = TiedModel::new(e, a)?;
    let (context, target) = ([0, 1], 2);
    let grad = model.gradient(&context, target)?;
    let flat: Vec<f64> = model.e.iter().copied().collect();
    let numeric = numerical_gradient(
        |x| {
            let e = Array2::from_shape_vec(model.e.dim(), x.to_vec()).map_err(|err| {
                crate::Error::InvalidParameter {
                    what: "E",
                    reason: err.to_string(),
                }
            })?;
            TiedModel::new(e, model.a.clone())?.loss(&context, target)
        },
        &flat,
        STEP,
    )?;
    let as_vec = |m: &Array2<f64>| m.iter().copied().collect::<Vec<f64>>();
    let err_full = max_relative_error(&as_vec(&grad.e_full()), &numeric)?;
    let err_output = max_relative_error(&as_vec(&grad.e_output), &numeric)?;
    out.line("mô hình chia sẻ trọng số (V = 6, d = 3, ngữ cảnh (0, 1), token đúng 2):");
    out.line(format!(
        "  đầu ra + đầu vào (3.7): sai số tương đối = {err_full:.1e}"
    ));
    out.line(format!(
        "  chỉ đường đầu ra      : sai số tương đối = {err_output:.2}"
    ));
    out.value("err_logits", vi_sci(err_logits, 1));
    out.value("err_full", vi_sci(err_full, 1));
    out.value("err_output", vi(err_output, 2));
    Ok(out)
}
// ANCHOR_END: gradient_check

fn gradient_step() -> Result<Output> {
    let w = Array2::from_shape_fn((4, 2), |(i, k)| EXAMPLE_W[i][k]);
    let h = EXAMPLE_H;
    let z0 = output_logits(w.view(), &h)?;
    let p = softmax(&z0)?;
    let w1 = sgd_step_output(w.view(), &h, EXAMPLE_TARGET, EXAMPLE_LR)?;
    let z1 = output_logits(w1.view(), &h)?;
    let (l0, l1) = (
        output_loss(w.view(), &h, EXAMPLE_TARGET)?,
        output_loss(w1.view(), &h, EXAMPLE_TARGET)?,
    );
    let mut out = Output::default();
    out.line(format!("z trước = {}", fmt_vec(&z0)));
    out.line(format!("P       = {}", fmt_vec(&p)));
    out.line(format!(
        "P − y   = {}",
        fmt_vec(&logit_gradient(&z0, EXAMPLE_TARGET)?)
    ));
    out.line(format!("z sau   = {}", fmt_vec(&z1)));
    out.line(format!("L: {l0:.4} → {l1:.4}"));
    out.value("p0", vi(p[0], 3));
    out.value("p1", vi(p[1], 3));
    out.value("p3", vi(p[3], 3));
    out.value("loss_before", vi(l0, 4));
    out.value("loss_after", vi(l1, 4));
    out.value("eta", vi(EXAMPLE_LR, 1));
    Ok(out)
}
