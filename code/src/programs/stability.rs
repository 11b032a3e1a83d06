//! Chương trình chương 5, mục «Vì sao log-sum-exp chưa đủ»: sai số tương đối của ba cách tính entropy chéo.

use super::{vi, vi_sci, Output, Program};
use crate::error::Result;
use crate::experiments::stability::{gap_errors, gap_grid};

/// Các chương trình của thí nghiệm ổn định số.
pub const PROGRAMS: &[Program] = &[Program {
    name: "logit_gap",
    run: logit_gap,
}];

// ANCHOR: logit_gap
fn logit_gap() -> Result<Output> {
    let mut out = Output::default();
    out.line("z = (b + g, b), token đúng 0; sai số tương đối so với số lớn 256 bit");
    out.line("     g   ngây thơ (b=0)   LSE − z₀ (b=0)   LSE − z₀ (b=1e4)   dạng (5.8)");
    for g in [0.1, 1.0, 10.0, 20.0, 40.0] {
        let (a, b) = (gap_errors(0.0, g)?, gap_errors(1e4, g)?);
        out.line(format!(
            "{g:>6}   {:>14.1e}   {:>14.1e}   {:>16.1e}   {:>10.1e}",
            a.naive,
            a.lse,
            b.lse,
            a.shifted.max(b.shifted)
        ));
    }
    let worst = gap_grid()
        .into_iter()
        .map(|g| Ok(gap_errors(0.0, g)?.shifted.max(gap_errors(1e4, g)?.shifted)))
        .collect::<Result<Vec<f64>>>()?
        .into_iter()
        .fold(0.0, f64::max);
    out.line(format!(
        "dạng (5.8), lớn nhất trên lưới: {:.2} ε",
        worst / f64::EPSILON
    ));
    out.value("lse_at_20", vi_sci(gap_errors(0.0, 20.0)?.lse, 1));
    out.value("lse_big_at_1", vi_sci(gap_errors(1e4, 1.0)?.lse, 1));
    out.value("worst_eps", vi(worst / f64::EPSILON, 2));
    Ok(out)
}
// ANCHOR_END: logit_gap
