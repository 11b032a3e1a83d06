//! Chương trình minh hoạ chương 6: entropy, entropy chéo, KL (chỉ cần std: chạy được trong trang).

use super::{fmt_vec, vi, Output, Program};
use crate::error::Result;
use crate::information::{cross_entropy_pq, entropy, kl_divergence, nats_to_bits};

/// Chương trình entropy và KL của chương 6.
pub const PROGRAMS: &[Program] = &[Program {
    name: "entropy_kl",
    run: entropy_kl,
}];

// ANCHOR: entropy_kl
fn entropy_kl() -> Result<Output> {
    let p = [0.5, 0.3, 0.15, 0.05];
    let q = [0.25; 4];
    let (h, ce, kl) = (
        entropy(&p)?,
        cross_entropy_pq(&p, &q)?,
        kl_divergence(&p, &q)?,
    );
    let mut out = Output::default();
    out.line(format!("p = {}, q = {} (đều)", fmt_vec(&p), fmt_vec(&q)));
    out.line(format!("H(p) = {h:.4} nat = {:.4} bit", nats_to_bits(h)));
    out.line(format!(
        "H(p, q) = {ce:.4},  H(p) + KL(p‖q) = {h:.4} + {kl:.4} = {:.4}",
        h + kl
    ));
    let (a, b) = ([0.5, 0.5], [0.9, 0.1]);
    let (ab, ba) = (kl_divergence(&a, &b)?, kl_divergence(&b, &a)?);
    out.line(format!(
        "KL((0.5, 0.5) ‖ (0.9, 0.1)) = {ab:.4},  KL((0.9, 0.1) ‖ (0.5, 0.5)) = {ba:.4}"
    ));
    let zero = kl_divergence(&[0.5, 0.5], &[1.0, 0.0])?;
    out.line(format!("KL((0.5, 0.5) ‖ (1, 0)) = {zero}"));
    out.value("h", vi(h, 4));
    out.value("h_bits", vi(nats_to_bits(h), 4));
    out.value("ce", vi(ce, 4));
    out.value("kl", vi(kl, 4));
    out.value("kl_ab", vi(ab, 4));
    out.value("kl_ba", vi(ba, 4));
    Ok(out)
}
// ANCHOR_END: entropy_kl
