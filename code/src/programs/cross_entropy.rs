//! Chương trình minh hoạ chương 2: softmax và log-sum-exp tràn số, mất mát của dự đoán token kế tiếp, perplexity.

use super::{vi, Output, Program};
use crate::cross_entropy::{cross_entropy, mean_cross_entropy, perplexity};
use crate::error::Result;
use crate::softmax::{log_softmax, log_sum_exp, naive_softmax, softmax};

/// Các chương trình của chương 2.
pub const PROGRAMS: &[Program] = &[
    Program {
        name: "softmax_overflow",
        run: softmax_overflow,
    },
    Program {
        name: "next_token_loss",
        run: next_token_loss,
    },
];

/// Vector cho lời văn: `(0,6652; 0,2447; 0,0900)`; NaN giữ nguyên.
fn vi_vec(v: &[f64]) -> String {
    let items: Vec<String> = v
        .iter()
        .map(|&x| if x.is_nan() { "NaN".into() } else { vi(x, 4) })
        .collect();
    format!("({})", items.join("; "))
}

fn fmt_vec(v: &[f64]) -> String {
    let items: Vec<String> = v.iter().map(|x| format!("{x:.4}")).collect();
    format!("[{}]", items.join(", "))
}

// ANCHOR: softmax_overflow
fn softmax_overflow() -> Result<Output> {
    let mut out = Output::default();
    for z in [
        vec![1.0, 2.0, 3.0],
        vec![1000.0, 999.0, 998.0],
        vec![-1000.0, -1001.0, -1002.0],
    ] {
        out.line(format!("z = {}", fmt_vec(&z)));
        out.line(format!("  ngây thơ: {}", fmt_vec(&naive_softmax(&z))));
        out.line(format!("  ổn định : {}", fmt_vec(&softmax(&z)?)));
        let naive_lse = z.iter().map(|x| x.exp()).sum::<f64>().ln();
        out.line(format!(
            "  log Σ e^z: ngây thơ = {naive_lse:.4}, ổn định = {:.4}",
            log_sum_exp(&z)?
        ));
        out.line(format!("  log-softmax: {}", fmt_vec(&log_softmax(&z)?)));
    }
    // Token đúng có logit thấp hơn 800 so với token khác: P(y) = e^-800 ≈ 1e-348 < 1e-308.
    let z = [0.0, 800.0];
    let naive = -naive_softmax(&z)[0].ln();
    let stable = cross_entropy(&z, 0)?;
    out.line(format!(
        "L = −log P(y) với z = [0, 800], y = 0: ngây thơ = {naive}, ổn định = {stable}"
    ));
    out.value("naive_big", vi_vec(&naive_softmax(&[1000.0, 999.0, 998.0])));
    out.value("stable_big", vi_vec(&softmax(&[1000.0, 999.0, 998.0])?));
    out.value("naive_ce", naive);
    out.value("stable_ce", vi(stable, 1));
    Ok(out)
}
// ANCHOR_END: softmax_overflow

// ANCHOR: next_token_loss
fn next_token_loss() -> Result<Output> {
    let vocab = ["tôi", "yêu", "học", "máy", "."];
    // Logit của một mô hình giả định ở ba vị trí của câu «tôi yêu học máy».
    let logits = vec![
        vec![0.5, 3.0, 0.2, -1.0, 0.1], // sau «tôi»: mong «yêu»
        vec![0.1, -0.5, 2.5, 1.0, 0.0], // sau «tôi yêu»: mong «học»
        vec![-0.2, 0.3, 0.4, 1.2, 0.9], // sau «tôi yêu học»: mong «máy»
    ];
    let targets = [1, 2, 3];
    let mut out = Output::default();
    for (t, (z, &y)) in logits.iter().zip(&targets).enumerate() {
        let p = softmax(z)?;
        let loss = cross_entropy(z, y)?;
        out.line(format!(
            "vị trí {t}: P(«{}») = {:.4}, L = −log P = {loss:.4}",
            vocab[y], p[y]
        ));
        out.value(format!("p{t}"), vi(p[y], 4));
        out.value(format!("loss{t}"), vi(loss, 4));
    }
    let mean = mean_cross_entropy(&logits, &targets)?;
    let ppl = perplexity(mean)?;
    let uniform = (vocab.len() as f64).ln();
    out.line(format!(
        "mất mát trung bình L̄ = {mean:.4} nat, perplexity = {ppl:.3}"
    ));
    out.line(format!(
        "đoán đều trên V = {}: L̄ = ln V = {uniform:.4}, perplexity = {:.3}",
        vocab.len(),
        perplexity(uniform)?
    ));
    out.value("mean", vi(mean, 4));
    out.value("ppl", vi(ppl, 3));
    out.value("uniform", vi(uniform, 4));
    Ok(out)
}
// ANCHOR_END: next_token_loss
