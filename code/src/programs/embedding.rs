//! Chương trình minh hoạ chương 1: tra cứu embedding và chi phí bộ nhớ của E.

use ndarray::Array2;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{vi, Output, Program};
use crate::embedding::{gpt2_parameters, parameter_bytes, Embedding, GPT2_SIZES, GPT2_VOCAB};
use crate::error::Result;

/// Các chương trình của chương 1.
pub const PROGRAMS: &[Program] = &[
    Program {
        name: "embedding_lookup",
        run: embedding_lookup,
    },
    Program {
        name: "embedding_memory",
        run: embedding_memory,
    },
];

// ANCHOR: embedding_lookup
fn embedding_lookup() -> Result<Output> {
    let (vocab, dim) = (6, 4);
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let weights = Array2::from_shape_fn((vocab, dim), |_| rng.random_range(-1.0..1.0));
    let e = Embedding::new(weights)?;
    let token = 3;
    let row = e.lookup(token)?;
    let via_one_hot = e.one_hot_lookup(token)?;
    let mut out = Output::default();
    out.line(format!(
        "E có kích thước {} × {} (V × d)",
        e.vocab_size(),
        e.dim()
    ));
    out.line(format!("e_{token} = E[{token}]     = {:.4}", row));
    out.line(format!("x_{token}ᵀ E (one-hot) = {:.4}", via_one_hot));
    let diff = (&row - &via_one_hot)
        .mapv(f64::abs)
        .fold(0.0_f64, |a, &b| a.max(b));
    out.line(format!("chênh lệch lớn nhất   = {diff}"));
    match e.lookup(vocab) {
        Ok(_) => out.line("(không mong đợi) tra cứu ngoài từ vựng thành công"),
        Err(err) => out.line(format!("tra cứu token {vocab}: lỗi «{err}»")),
    }
    out.value("vocab", vocab);
    out.value("dim", dim);
    out.value("max_diff", diff);
    Ok(out)
}
// ANCHOR_END: embedding_lookup

fn embedding_memory() -> Result<Output> {
    let mut out = Output::default();
    out.line(format!(
        "{:<7} {:>6} {:>14} {:>12} {:>14} {:>10}",
        "GPT-2", "d", "tham số E", "MiB (f32)", "tổng tham số", "E / tổng"
    ));
    for (name, layers, d) in GPT2_SIZES {
        let (params, bytes) = parameter_bytes(GPT2_VOCAB, d, 4)?;
        let total = gpt2_parameters(layers, d)?;
        let mib = bytes as f64 / (1024.0 * 1024.0);
        let share = 100.0 * params as f64 / total as f64;
        out.line(format!(
            "{name:<7} {d:>6} {params:>14} {mib:>12.1} {total:>14} {share:>9.1}%"
        ));
        out.value(format!("{name}_params"), vi(params as f64, 0));
        out.value(format!("{name}_mib"), vi(mib, 1));
        out.value(format!("{name}_total"), vi(total as f64, 0));
        out.value(format!("{name}_share"), vi(share, 1));
    }
    Ok(out)
}
