//! Chương trình minh hoạ chương 4: một bước SGNS, kiểm định khi-bình-phương của bộ lấy mẫu nhiễu,
//! lấy mẫu con, và thí nghiệm Levy–Goldberg.

use super::{vi, vi_sci, Output, Program};
use crate::error::Result;
use crate::experiments::shifted_pmi::book_pmi;
use crate::gradcheck::{max_relative_error, numerical_gradient, STEP};
use crate::negative_sampling::{
    chi_square_critical, chi_square_statistic, keep_probability, noise_distribution,
    noise_histogram, sgns_gradients, sgns_loss, sgns_objective, sigmoid, zipf_counts,
};

/// Các chương trình của chương 4.
pub const PROGRAMS: &[Program] = &[
    Program {
        name: "sgns_step",
        run: sgns_step,
    },
    Program {
        name: "noise_chi_square",
        run: noise_chi_square,
    },
    Program {
        name: "subsampling_rates",
        run: subsampling_rates,
    },
    Program {
        name: "pmi_recovery",
        run: pmi_recovery,
    },
];

fn fmt_vec(v: &[f64]) -> String {
    let items: Vec<String> = v.iter().map(|x| format!("{x:+.4}")).collect();
    format!("[{}]", items.join(", "))
}

// ANCHOR: sgns_step
fn sgns_step() -> Result<Output> {
    let v_w = [0.5, -0.2, 0.1];
    let u_c = [0.4, 0.1, -0.3];
    let u_n1 = [-0.6, 0.3, 0.2];
    let u_n2 = [0.7, -0.1, 0.5];
    let negatives: [&[f64]; 2] = [&u_n1, &u_n2];
    let j = sgns_objective(&v_w, &u_c, &negatives)?;
    let l = sgns_loss(&v_w, &u_c, &negatives)?;
    let g = sgns_gradients(&v_w, &u_c, &negatives)?;
    // kiểm gradient theo v_w bằng sai phân trung tâm
    let numeric = numerical_gradient(|v| sgns_loss(v, &u_c, &negatives), &v_w, STEP)?;
    let err = max_relative_error(&g.center, &numeric)?;
    let mut out = Output::default();
    let s_c: f64 = u_c.iter().zip(&v_w).map(|(a, b)| a * b).sum();
    out.line(format!(
        "s_c = u_cᵀv_w = {s_c:+.4}, σ(s_c) = {:.4}",
        sigmoid(s_c)
    ));
    out.line(format!(
        "J (cực đại hoá) = {j:.4}   L = −J (cực tiểu hoá) = {l:.4}"
    ));
    out.line(format!("∂L/∂v_w   = {}", fmt_vec(&g.center)));
    out.line(format!("sai phân  = {}", fmt_vec(&numeric)));
    out.line(format!("∂L/∂u_c   = {}", fmt_vec(&g.context)));
    for (k, gn) in g.negatives.iter().enumerate() {
        out.line(format!("∂L/∂u_n{}  = {}", k + 1, fmt_vec(gn)));
    }
    out.line(format!(
        "sai số tương đối lớn nhất (giải tích so với sai phân): {err:.1e}"
    ));
    out.value("objective", vi(j, 4));
    out.value("loss", vi(l, 4));
    out.value("gradcheck", vi_sci(err, 1));
    Ok(out)
}
// ANCHOR_END: sgns_step

// ANCHOR: noise_chi_square
fn noise_chi_square() -> Result<Output> {
    let counts = zipf_counts(50)?;
    let draws = 200_000;
    let hist = noise_histogram(&counts, 0.75, draws, 2014)?;
    let df = counts.len() - 1;
    let critical = chi_square_critical(df, 3.090_232)?;
    let stat = chi_square_statistic(&hist, &noise_distribution(&counts, 0.75)?)?;
    let wrong = chi_square_statistic(&hist, &noise_distribution(&counts, 1.0)?)?;
    let uni = noise_distribution(&counts, 1.0)?;
    let p34 = noise_distribution(&counts, 0.75)?;
    let mut out = Output::default();
    out.line(format!(
        "{draws} lần rút từ bảng alias, V = {}, hạt giống 2014",
        counts.len()
    ));
    out.line("hạng  count   P_unigram  P_n (3/4)  tần suất rút");
    for r in [0, 1, 9, 49] {
        out.line(format!(
            "{:>4}  {:>6}  {:>9.5}  {:>9.5}  {:>11.5}",
            r + 1,
            counts[r],
            uni[r],
            p34[r],
            hist[r] as f64 / draws as f64
        ));
    }
    out.line(format!(
        "X² so với P_n (3/4) = {stat:.1}   ngưỡng χ²(df = {df}, mức 0.001) ≈ {critical:.1}"
    ));
    out.line(format!("X² so với unigram   = {wrong:.0}  → bác bỏ"));
    let min_expected = p34.iter().fold(f64::INFINITY, |m, &p| m.min(p)) * draws as f64;
    out.value("min_expected", vi(min_expected, 0));
    out.value("draws", vi(draws as f64, 0));
    out.value("df", df);
    out.value("stat", vi(stat, 1));
    out.value("critical", vi(critical, 1));
    out.value("wrong", vi(wrong, 0));
    out.value("top_unigram", vi(uni[0], 3));
    out.value("top_34", vi(p34[0], 3));
    out.value("last_ratio", vi(p34[49] / uni[49], 1));
    Ok(out)
}
// ANCHOR_END: noise_chi_square

fn subsampling_rates() -> Result<Output> {
    let t = 1e-4;
    let mut out = Output::default();
    out.line(format!("ngưỡng t = {t:e}"));
    out.line("tần suất f   giữ (mã C)   giữ (bài báo √(t/f))");
    for f in [5e-2, 1e-2, 1e-3, 2.618e-4, 1e-4] {
        let c = keep_probability(f, t)?;
        out.line(format!(
            "{f:>10.1e}   {c:>10.4}   {:>10.4}",
            (t / f).sqrt().min(1.0)
        ));
    }
    let phi2 = ((1.0 + 5.0_f64.sqrt()) / 2.0).powi(2);
    out.value("phi2", vi(phi2, 3));
    Ok(out)
}

fn pmi_recovery() -> Result<Output> {
    let e = book_pmi()?;
    let err = (&e.fit.dots - &e.target)
        .iter()
        .fold(0.0_f64, |m, x| m.max(x.abs()));
    let (lo, hi) = e
        .target
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        });
    let mut out = Output::default();
    out.line(format!("K = {}, log K = {:.4}", e.k, e.k.ln()));
    out.line(format!("PMI − log K nằm trong [{lo:.3}, {hi:.3}]"));
    out.line(format!(
        "số bước leo gradient: {}, max |∂ℓ̃/∂x| cuối = {:.1e}",
        e.fit.steps, e.fit.grad_norm
    ));
    out.line(format!("max |u_cᵀv_w − (PMI − log K)| = {err:.1e}"));
    out.value("steps", vi(e.fit.steps as f64, 0));
    out.value("max_err", vi_sci(err, 1));
    Ok(out)
}
