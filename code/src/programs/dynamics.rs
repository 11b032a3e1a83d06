//! Chương trình minh hoạ chương 8: đẳng thức gradient tích luỹ trên một lần chạy SGD ngắn, và
//! thí nghiệm chuẩn–tần suất trên dòng token Zipf.

use super::{vi, vi_sci, Output, Program};
use crate::corpus::{fit_zipf_exponent, zipf_probabilities};
use crate::dynamics::{row_norms, train, SoftmaxModel, TrainSpec, Tying};
use crate::error::Result;
use crate::experiments::{
    frequency_weighted_mean, mean_drift_cosine, norm_frequency_spearman, run_zipf, BOOK_ZIPF,
};

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
    let marks: Vec<usize> = (0..=BOOK_ZIPF.train.steps).step_by(100).collect();
    let q = zipf_probabilities(BOOK_ZIPF.seen, BOOK_ZIPF.exponent)?;
    let entropy: f64 = -q.iter().map(|p| p * p.ln()).sum::<f64>();
    let seen: Vec<usize> = (0..BOOK_ZIPF.seen).collect();
    let rare: Vec<usize> = (BOOK_ZIPF.seen - 40..BOOK_ZIPF.seen).collect();
    let unseen: Vec<usize> = (BOOK_ZIPF.seen..BOOK_ZIPF.seen + BOOK_ZIPF.unseen).collect();
    for (tying, key, name) in [
        (Tying::Tied, "tied", "chia sẻ trọng số"),
        (Tying::Untied, "untied", "không chia sẻ"),
    ] {
        let run = run_zipf(&BOOK_ZIPF, tying, &marks)?;
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
            let norms0 = row_norms(&run.initial);
            let unseen0 = unseen.iter().map(|&w| norms0[w]).sum::<f64>() / unseen.len() as f64;
            out.value(format!("{key}_norm_unseen0"), vi(unseen0, 2));
            out.value("entropy", vi(entropy, 3));
        }
        let rho: Vec<f64> = run
            .snapshots
            .iter()
            .map(|(_, e, _)| norm_frequency_spearman(&run.counts, e))
            .collect::<Result<_>>()?;
        let (peak_at, peak) =
            rho.iter()
                .enumerate()
                .fold((0, f64::MIN), |a, (i, &r)| if r > a.1 { (i, r) } else { a });
        let last = *rho.last().unwrap_or(&f64::NAN);
        let (_, e, _) = run.last()?;
        let mu = frequency_weighted_mean(&run.counts, e)?;
        let cos = |group: &[usize]| mean_drift_cosine(&run.initial, e, group, &(-&mu));
        let (cos_unseen, cos_rare) = (cos(&unseen)?, cos(&rare)?);
        let show = |c: Option<f64>, f: fn(f64) -> String| c.map_or("— (không dời)".into(), f);
        let norms = row_norms(e);
        let mean = |g: &[usize]| g.iter().map(|&w| norms[w]).sum::<f64>() / g.len() as f64;
        let k = 50.min(run.losses.len());
        let avg = |s: &[f64]| s.iter().sum::<f64>() / s.len() as f64;
        let (l0, l1) = (
            avg(&run.losses[..k]),
            avg(&run.losses[run.losses.len() - k..]),
        );
        out.line(format!("— {name}:"));
        out.line(format!(
            "  mất mát (trung bình 50 batch) đầu {l0:.3} → cuối {l1:.3}"
        ));
        out.line(format!(
            "  ρ Spearman(tần suất, ‖e_w‖): đỉnh {peak:.3} ở bước {}, cuối {last:.3}",
            marks[peak_at]
        ));
        out.line(format!(
            "  chuẩn trung bình cuối: 10 token đầu {:.3}, 40 token hiếm nhất {:.3}, token không xuất hiện {:.3}",
            mean(&seen[..10]),
            mean(&rare),
            mean(&unseen)
        ));
        out.line(format!(
            "  cos(độ dời, −μ): token không xuất hiện {}, 40 token hiếm nhất {}",
            show(cos_unseen, |c| format!("{c:.3}")),
            show(cos_rare, |c| format!("{c:.3}"))
        ));
        out.value(format!("{key}_loss_start"), vi(l0, 3));
        out.value(format!("{key}_loss_end"), vi(l1, 3));
        out.value(format!("{key}_rho_peak"), vi(peak, 2));
        out.value(format!("{key}_rho_peak_step"), vi(marks[peak_at] as f64, 0));
        out.value(format!("{key}_rho_end"), vi(last, 2));
        out.value(format!("{key}_unseen_cos"), show(cos_unseen, |c| vi(c, 3)));
        out.value(format!("{key}_rare_cos"), show(cos_rare, |c| vi(c, 3)));
        out.value(format!("{key}_norm_top"), vi(mean(&seen[..10]), 2));
        out.value(format!("{key}_norm_rare"), vi(mean(&rare), 2));
        out.value(format!("{key}_norm_unseen"), vi(mean(&unseen), 2));
    }
    Ok(out)
}

// ANCHOR: norm_frequency_sgns
/// Biến thể lấy mẫu âm (chương 4) của thí nghiệm chuẩn–tần suất: cùng dòng Zipf, cùng khởi tạo, K = 5.
fn norm_frequency_sgns() -> Result<Output> {
    let marks: Vec<usize> = (0..=BOOK_ZIPF.train.steps).step_by(100).collect();
    let run = crate::experiments::run_zipf_sgns(&BOOK_ZIPF, 5, &marks)?;
    let rho: Vec<f64> = run
        .snapshots
        .iter()
        .map(|(_, e, _)| norm_frequency_spearman(&run.counts, e))
        .collect::<Result<_>>()?;
    let top = |e: &ndarray::Array2<f64>| row_norms(e)[..10].iter().sum::<f64>() / 10.0;
    let tops: Vec<f64> = run.snapshots.iter().map(|(_, e, _)| top(e)).collect();
    let argmax = |v: &[f64]| (0..v.len()).fold(0, |b, i| if v[i] > v[b] { i } else { b });
    let (peak_at, top_at) = (argmax(&rho), argmax(&tops));
    let (_, e, _) = run.last()?;
    let norms = row_norms(e);
    let seen = BOOK_ZIPF.seen;
    let rare = norms[seen - 40..seen].iter().sum::<f64>() / 40.0;
    let unseen_moved = (seen..norms.len())
        .flat_map(|w| {
            e.row(w)
                .iter()
                .zip(run.initial.row(w))
                .map(|(a, b)| (a - b).abs())
                .collect::<Vec<_>>()
        })
        .fold(0.0, f64::max);
    let mut out = Output::default();
    out.line(format!(
        "SGNS, K = 5, {} bước × batch {}, η = {}",
        BOOK_ZIPF.train.steps, BOOK_ZIPF.train.batch, BOOK_ZIPF.train.lr
    ));
    out.line(format!(
        "  ρ Spearman(tần suất, ‖e_w‖): đỉnh {:.3} ở bước {}, cuối {:.3}",
        rho[peak_at],
        marks[peak_at],
        rho[rho.len() - 1]
    ));
    out.line(format!(
        "  chuẩn trung bình 10 token đầu: đỉnh {:.3} ở bước {}, cuối {:.3}; 40 token hiếm nhất cuối {rare:.3}",
        tops[top_at], marks[top_at], tops[tops.len() - 1]
    ));
    out.line(format!(
        "  token không xuất hiện: dời tối đa {unseen_moved:e} so với khởi tạo"
    ));
    out.value("rho_peak", vi(rho[peak_at], 2));
    out.value("rho_peak_step", vi(marks[peak_at] as f64, 0));
    out.value("rho_end", vi(rho[rho.len() - 1], 2));
    out.value("top_peak", vi(tops[top_at], 2));
    out.value("top_peak_step", vi(marks[top_at] as f64, 0));
    out.value("top_end", vi(tops[tops.len() - 1], 2));
    out.value("rare_end", vi(rare, 2));
    out.value("unseen_moved", vi(unseen_moved, 0));
    Ok(out)
}
// ANCHOR_END: norm_frequency_sgns
