//! Chương trình minh hoạ chương 8: đẳng thức gradient tích luỹ trên một lần chạy SGD ngắn, và
//! thí nghiệm chuẩn–tần suất trên dòng token Zipf.

use super::{vi, vi_sci, Output, Program};
use crate::corpus::{fit_zipf_exponent, zipf_probabilities};
use crate::dynamics::{train, SoftmaxModel, TrainSpec, Tying};
use crate::error::Result;
use crate::experiments::zipf::BOOK_SGNS_NEGATIVES;
use crate::experiments::{book_zipf, book_zipf_sgns, measure_norm_frequency, BOOK_ZIPF};

/// Các chương trình của chương 8.
pub const PROGRAMS: &[Program] = &[
    Program {
        name: "sgd_identity",
        run: sgd_identity,
    },
    Program {
        name: "norm_frequency",
        run: norm_frequency,
    },
    Program {
        name: "norm_frequency_sgns",
        run: norm_frequency_sgns,
    },
];

// ANCHOR: sgd_identity
fn sgd_identity() -> Result<Output> {
    let mut out = Output::default();
    let pairs: Vec<(usize, usize)> = (0..60).map(|i| (i % 8, (3 * i + 1) % 8)).collect();
    let spec = TrainSpec {
        lr: 0.3,
        batch: 4,
        steps: 50,
        seed: 1,
    };
    for (tying, name) in [(Tying::Tied, "chia sẻ"), (Tying::Untied, "không chia sẻ")] {
        let mut model = SoftmaxModel::new(8, 4, tying, 0.5, 7)?;
        let start = model.flat();
        let mut sum = vec![0.0; start.len()];
        train(&mut model, &pairs, &spec, |_, _, g| {
            for (s, x) in sum.iter_mut().zip(g.flat()) {
                *s += x;
            }
        })?;
        let err = model
            .flat()
            .iter()
            .zip(&start)
            .zip(&sum)
            .map(|((e, e0), s)| (e - (e0 - spec.lr * s)).abs())
            .fold(0.0, f64::max);
        let moved = model
            .flat()
            .iter()
            .zip(&start)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        out.line(format!(
            "{name}: {} bước, tham số dời tới {moved:.3}; max |θ(t) − (θ(0) − η Σ ∇L_k)| = {err:.1e}",
            spec.steps
        ));
        let key = if tying == Tying::Tied {
            "tied"
        } else {
            "untied"
        };
        out.value(format!("{key}_err"), vi_sci(err, 1));
    }
    Ok(out)
}
// ANCHOR_END: sgd_identity

fn norm_frequency() -> Result<Output> {
    let mut out = Output::default();
    let q = zipf_probabilities(BOOK_ZIPF.seen, BOOK_ZIPF.exponent)?;
    let entropy: f64 = -q.iter().map(|p| p * p.ln()).sum::<f64>();
    for (tying, key, name) in [
        (Tying::Tied, "tied", "chia sẻ trọng số"),
        (Tying::Untied, "untied", "không chia sẻ"),
    ] {
        let run = book_zipf(tying)?;
        let m = measure_norm_frequency(run, BOOK_ZIPF.seen)?;
        if tying == Tying::Tied {
            let fit = fit_zipf_exponent(&run.counts[..BOOK_ZIPF.seen])?;
            out.line(format!(
                "dòng Zipf: {} token, V = {} (+{} token không xuất hiện), s = {}, s ước lượng = {fit:.3}",
                BOOK_ZIPF.tokens, BOOK_ZIPF.seen, BOOK_ZIPF.unseen, BOOK_ZIPF.exponent
            ));
            out.line(format!(
                "mất mát nhỏ nhất có thể (entropy của luật Zipf) H = {entropy:.3} nat"
            ));
            out.value("fit", vi(fit, 3));
            let min_count = run.counts[..BOOK_ZIPF.seen]
                .iter()
                .min()
                .copied()
                .unwrap_or(0);
            out.value("min_count", min_count);
            out.value(format!("{key}_norm_unseen0"), vi(m.unseen_norm0, 2));
            out.value("entropy", vi(entropy, 3));
        }
        let peak_at = m.rho_peak();
        let (peak, peak_step) = (m.rho[peak_at], m.steps[peak_at]);
        let last = *m.rho.last().unwrap_or(&f64::NAN);
        let norm_top = *m.top.last().unwrap_or(&f64::NAN);
        let (l0, l1) = m.loss;
        let show = |c: Option<f64>, f: fn(f64) -> String| c.map_or("— (không dời)".into(), f);
        out.line(format!("— {name}:"));
        out.line(format!(
            "  mất mát (trung bình 50 batch) đầu {l0:.3} → cuối {l1:.3}"
        ));
        out.line(format!(
            "  ρ Spearman(tần suất, ‖e_w‖): đỉnh {peak:.3} ở bước {peak_step}, cuối {last:.3}"
        ));
        out.line(format!(
            "  chuẩn trung bình cuối: 10 token đầu {norm_top:.3}, 40 token hiếm nhất {:.3}, token không xuất hiện {:.3}",
            m.rare_norm, m.unseen_norm
        ));
        out.line(format!(
            "  cos(độ dời, −μ): token không xuất hiện {}, 40 token hiếm nhất {}",
            show(m.unseen_cos, |c| format!("{c:.3}")),
            show(m.rare_cos, |c| format!("{c:.3}"))
        ));
        out.value(format!("{key}_loss_start"), vi(l0, 3));
        out.value(format!("{key}_loss_end"), vi(l1, 3));
        out.value(format!("{key}_rho_peak"), vi(peak, 2));
        out.value(format!("{key}_rho_peak_step"), vi(peak_step as f64, 0));
        out.value(format!("{key}_rho_end"), vi(last, 2));
        out.value(
            format!("{key}_unseen_cos"),
            show(m.unseen_cos, |c| vi(c, 3)),
        );
        out.value(format!("{key}_rare_cos"), show(m.rare_cos, |c| vi(c, 3)));
        out.value(format!("{key}_norm_top"), vi(norm_top, 2));
        out.value(format!("{key}_norm_rare"), vi(m.rare_norm, 2));
        out.value(format!("{key}_norm_unseen"), vi(m.unseen_norm, 2));
    }
    Ok(out)
}

/// Biến thể lấy mẫu âm (chương 4) của thí nghiệm chuẩn–tần suất: cùng dòng Zipf, cùng khởi tạo, K = 5.
fn norm_frequency_sgns() -> Result<Output> {
    let m = measure_norm_frequency(book_zipf_sgns()?, BOOK_ZIPF.seen)?;
    let (peak_at, top_at) = (m.rho_peak(), m.top_peak());
    let (rho_peak, rho_peak_step) = (m.rho[peak_at], m.steps[peak_at]);
    let (top_peak, top_peak_step) = (m.top[top_at], m.steps[top_at]);
    let rho_end = *m.rho.last().unwrap_or(&f64::NAN);
    let top_end = *m.top.last().unwrap_or(&f64::NAN);
    let (rare, unseen_moved) = (m.rare_norm, m.unseen_moved);
    let mut out = Output::default();
    out.line(format!(
        "SGNS, K = {BOOK_SGNS_NEGATIVES}, {} bước × batch {}, η = {}",
        BOOK_ZIPF.train.steps, BOOK_ZIPF.train.batch, BOOK_ZIPF.train.lr
    ));
    out.line(format!(
        "  ρ Spearman(tần suất, ‖e_w‖): đỉnh {rho_peak:.3} ở bước {rho_peak_step}, cuối {rho_end:.3}"
    ));
    out.line(format!(
        "  chuẩn trung bình 10 token đầu: đỉnh {top_peak:.3} ở bước {top_peak_step}, cuối {top_end:.3}; 40 token hiếm nhất cuối {rare:.3}"
    ));
    out.line(format!(
        "  token không xuất hiện: dời tối đa {unseen_moved:e} so với khởi tạo"
    ));
    out.value("rho_peak", vi(rho_peak, 2));
    out.value("rho_peak_step", vi(rho_peak_step as f64, 0));
    out.value("rho_end", vi(rho_end, 2));
    out.value("top_peak", vi(top_peak, 2));
    out.value("top_peak_step", vi(top_peak_step as f64, 0));
    out.value("top_end", vi(top_end, 2));
    out.value("rare_end", vi(rare, 2));
    out.value("unseen_moved", vi(unseen_moved, 0));
    Ok(out)
}
