//! Chương trình minh hoạ chương 7: huấn luyện GPT nhỏ và đo gradient tới E theo từng nhánh.

use ndarray::Array2;

use super::{vi, Output, Program};
use crate::error::{Error, Result};
use crate::experiments::gpt::{book_run, BOOK_RUN, SAMPLE};
use crate::transformer::model::{forward, Params};
use crate::transformer::train::{achievable_loss, window_mean};

/// Các chương trình của chương 7.
pub const PROGRAMS: &[Program] = &[
    Program {
        name: "transformer_training",
        run: transformer_training,
    },
    Program {
        name: "gradient_routes",
        run: gradient_routes,
    },
];

// ANCHOR: transformer_training
fn transformer_training() -> Result<Output> {
    let run = book_run()?;
    let cfg = BOOK_RUN;
    let h = &run.history;
    let uniform = (cfg.model.vocab as f64).ln();
    let start = h.first().ok_or(Error::Empty("lịch sử huấn luyện"))?.loss;
    let end = window_mean(h, h.len().saturating_sub(50)..h.len(), |r| r.loss);
    let mut out = Output::default();
    out.line(format!(
        "V = {}, d = {}, k = {}, {} tham số; Adam lr = {} giảm theo cosin, {} bước × {} chuỗi",
        cfg.model.vocab,
        cfg.model.dim,
        cfg.half,
        run.params.to_vec().len(),
        cfg.lr,
        cfg.steps,
        cfg.batch
    ));
    out.line(format!("mất mát mỗi token ở bước 0      : {start:.4} nat"));
    out.line(format!("trung bình 50 bước cuối         : {end:.4} nat"));
    out.line(format!(
        "đoán đều ln V                   : {uniform:.4} nat"
    ));
    out.line(format!(
        "tối ưu ln(V − 1)/2              : {:.4} nat",
        achievable_loss(cfg.model.vocab)?
    ));
    let fwd = forward(&run.params, &SAMPLE)?;
    let losses: Vec<String> = fwd
        .position_losses()
        .iter()
        .map(|l| format!("{l:.3}"))
        .collect();
    out.line(format!("chuỗi mẫu {SAMPLE:?}"));
    out.line(format!(
        "−log P(x_t | x_<t), t = 1..8: [{}]",
        losses.join(", ")
    ));
    out.line("trọng số chú ý A (hàng = vị trí đọc, cột = vị trí được đọc):");
    for row in fwd.attention().outer_iter() {
        let cells: Vec<String> = row.iter().map(|a| format!("{a:.2}")).collect();
        out.line(format!("  {}", cells.join(" ")));
    }
    out.value("params", vi(run.params.to_vec().len() as f64, 0));
    out.value("steps", vi(cfg.steps as f64, 0));
    out.value("start", vi(start, 3));
    out.value("end", vi(end, 3));
    out.value("uniform", vi(uniform, 3));
    out.value("achievable", vi(achievable_loss(cfg.model.vocab)?, 3));
    Ok(out)
}
// ANCHOR_END: transformer_training

/// Độ dài (chuẩn Euclid) trung bình của các hàng của một ma trận.
fn mean_row_norm(m: &Array2<f64>) -> f64 {
    let total: f64 = m.outer_iter().map(|r| r.dot(&r).sqrt()).sum();
    total / m.nrows().max(1) as f64
}

// ANCHOR: gradient_routes
fn gradient_routes() -> Result<Output> {
    let run = book_run()?;
    let h = &run.history;
    let mut out = Output::default();
    out.line("bước | ‖∇E‖ ra | ‖∇E‖ vào | (qua attention | không qua) | ‖∇E_pos‖ | ‖∇E‖ chung");
    let first = h.first().ok_or(Error::Empty("lịch sử huấn luyện"))?;
    for (s, r) in h
        .iter()
        .enumerate()
        .filter(|(s, _)| [0, 10, 50, 100, 200, h.len() - 1].contains(s))
    {
        out.line(format!(
            "{s:>4} | {:.4}  | {:.4}   |  {:.4}        | {:.4}  | {:.4} | {:.4}",
            r.output, r.input, r.input_attention, r.input_skip, r.position, r.tied
        ));
    }
    let early = window_mean(h, 0..10, |r| r.input / r.output);
    let late = window_mean(h, h.len().saturating_sub(50)..h.len(), |r| {
        r.input / r.output
    });
    out.line(format!(
        "‖∇E vào‖ / ‖∇E ra‖: 10 bước đầu {early:.3}, 50 bước cuối {late:.3}"
    ));
    let init = Params::init(BOOK_RUN.model, BOOK_RUN.seed)?;
    let (e0, e1) = (mean_row_norm(&init.wte), mean_row_norm(&run.params.wte));
    let (p0, p1) = (mean_row_norm(&init.wpe), mean_row_norm(&run.params.wpe));
    out.line(format!(
        "độ dài trung bình một hàng: E {e0:.3} → {e1:.3}, P {p0:.3} → {p1:.3} (khởi tạo → cuối)"
    ));
    out.value("e_norm0", vi(e0, 2));
    out.value("e_norm1", vi(e1, 2));
    out.value("out0", vi(first.output, 3));
    out.value("in0", vi(first.input, 3));
    out.value("att0", vi(first.input_attention, 3));
    out.value("skip0", vi(first.input_skip, 3));
    out.value("pos0", vi(first.position, 3));
    out.value("ratio_early", vi(early, 2));
    out.value("ratio_late", vi(late, 2));
    Ok(out)
}
// ANCHOR_END: gradient_routes
