//! Số liệu cho các widget tương tác của sách (JavaScript trong `theme/widgets.js`).
//!
//! Mỗi widget có một cấu hình ban đầu (đầu vào, không phải kết quả) và các **vector vàng**: đầu vào cùng kết quả
//! do chính mã tham chiếu của crate tính (`softmax`, `cross_entropy`, …). Trình dựng sách nhúng cả hai vào trang
//! dưới dạng `<script type="application/json">`; widget không đọc kết quả vàng — kiểm thử trình duyệt
//! (`tests/browser/widgets.mjs`) đặt từng bộ đầu vào lên widget rồi so các con số hiển thị với kết quả vàng.

use crate::cross_entropy::cross_entropy;
use crate::gradient::logit_gradient;
use crate::numerics::Shifted;
use crate::softmax::softmax;
use crate::{Error, Result};

/// Một widget: tên dùng trong chỉ thị `{{#widget tên}}`, cấu hình ban đầu và vector vàng (JSON).
pub struct Widget {
    /// Tên widget.
    pub name: &'static str,
    /// Cấu hình ban đầu (JSON) mà widget đọc khi khởi động.
    pub config: fn() -> Result<String>,
    /// Các vector vàng (JSON): `[{"inputs": …, "outputs": …}, …]`.
    pub golden: fn() -> Result<String>,
}

/// Mọi widget của sách.
pub const WIDGETS: &[Widget] = &[
    Widget {
        name: "softmax",
        config: softmax_config,
        golden: softmax_golden,
    },
    Widget {
        name: "sgd",
        config: sgd_config,
        golden: sgd_golden,
    },
    Widget {
        name: "sampling_cost",
        config: cost_config,
        golden: cost_golden,
    },
];

/// Tìm widget theo tên.
pub fn find(name: &str) -> Option<&'static Widget> {
    WIDGETS.iter().find(|w| w.name == name)
}

fn list(v: &[f64]) -> String {
    let items: Vec<String> = v.iter().map(|x| format!("{x:?}")).collect();
    format!("[{}]", items.join(","))
}

fn rows(w: &[[f64; 2]]) -> String {
    let items: Vec<String> = w.iter().map(|r| list(r)).collect();
    format!("[{}]", items.join(","))
}

// ---------- (1) logit → softmax, mất mát, gradient P − y, có nhiệt độ ----------

const SOFTMAX_START: ([f64; 4], f64, usize) = ([2.0, 1.0, 0.1, -1.0], 1.0, 0);
const SOFTMAX_CASES: &[([f64; 4], f64, usize)] = &[
    SOFTMAX_START,
    ([2.0, 1.0, 0.1, -1.0], 0.5, 1),
    ([3.0, -2.0, 0.5, 0.5], 2.0, 2),
    ([0.0, 0.0, 0.0, 0.0], 1.0, 3),
    ([4.0, 4.0, -4.0, 0.0], 0.3, 0),
];

/// Phương trình (2.8) và (2.2): P = softmax(z/T), L = −log P(y); gradient theo u = z/T là P − y (chương 3).
pub fn softmax_outputs(
    z: &[f64],
    temperature: f64,
    target: usize,
) -> Result<(Vec<f64>, f64, Vec<f64>)> {
    // z/T giữ cả phần dư của phép chia; mất mát và gradient trong miền đã dịch (5.8), (5.9)
    let shifted = Shifted::with_temperature(z, temperature)?;
    if target >= z.len() {
        return Err(Error::TokenOutOfRange {
            id: target,
            vocab: z.len(),
        });
    }
    let (p, loss, grad) = (
        shifted.probs(),
        shifted.cross_entropy(target),
        shifted.gradient(target),
    );
    Ok((p, loss, grad))
}

fn softmax_config() -> Result<String> {
    let (z, t, y) = SOFTMAX_START;
    Ok(format!(r#"{{"z":{},"t":{t:?},"y":{y}}}"#, list(&z)))
}

fn softmax_golden() -> Result<String> {
    let mut cases = Vec::new();
    for (z, t, y) in SOFTMAX_CASES {
        let (p, loss, grad) = softmax_outputs(z, *t, *y)?;
        cases.push(format!(
            r#"{{"inputs":{{"z":{},"t":{t:?},"y":{y}}},"outputs":{{"p":{},"loss":{loss:?},"grad":{}}}}}"#,
            list(z),
            list(&p),
            list(&grad)
        ));
    }
    Ok(format!("[{}]", cases.join(",")))
}

// ---------- (2) một bước SGD trên embedding 2 chiều ----------

const SGD_START: [[f64; 2]; 4] = [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.3, -1.0]];
/// (h, token đúng y, tốc độ học η, số bước).
const SGD_CASES: &[([f64; 2], usize, f64, usize)] = &[
    ([0.8, 0.6], 1, 0.5, 1),
    ([-0.5, 1.0], 2, 1.0, 1),
    ([1.0, -0.4], 3, 0.3, 3),
];

/// Mất mát L = −log softmax(W h)_y của lớp ra với các hàng embedding `w` (2 chiều) và vector ẩn `h`.
pub fn sgd_loss(w: &[[f64; 2]], h: [f64; 2], target: usize) -> Result<f64> {
    let z: Vec<f64> = w.iter().map(|r| r[0] * h[0] + r[1] * h[1]).collect();
    cross_entropy(&z, target)
}

/// Một bước SGD: ∂L/∂w_i = (P_i − y_i) h, nên w_y được kéo về phía h, các hàng khác bị đẩy ra xa ∝ P_i.
pub fn sgd_step(w: &mut [[f64; 2]], h: [f64; 2], target: usize, lr: f64) -> Result<()> {
    if !(lr.is_finite() && lr > 0.0) {
        return Err(Error::InvalidParameter {
            what: "η",
            reason: format!("cần 0 < η < ∞, nhận {lr}"),
        });
    }
    let z: Vec<f64> = w.iter().map(|r| r[0] * h[0] + r[1] * h[1]).collect();
    let grad = logit_gradient(&z, target)?;
    for (row, g) in w.iter_mut().zip(grad) {
        row[0] -= lr * g * h[0];
        row[1] -= lr * g * h[1];
    }
    Ok(())
}

fn sgd_config() -> Result<String> {
    let (h, y, lr, _) = SGD_CASES[0];
    Ok(format!(
        r#"{{"w":{},"h":{},"y":{y},"lr":{lr:?}}}"#,
        rows(&SGD_START),
        list(&h)
    ))
}

fn sgd_golden() -> Result<String> {
    let mut cases = Vec::new();
    for &(h, y, lr, steps) in SGD_CASES {
        let mut w = SGD_START;
        let before = sgd_loss(&w, h, y)?;
        for _ in 0..steps {
            sgd_step(&mut w, h, y, lr)?;
        }
        let after = sgd_loss(&w, h, y)?;
        let z: Vec<f64> = w.iter().map(|r| r[0] * h[0] + r[1] * h[1]).collect();
        cases.push(format!(
            r#"{{"inputs":{{"h":{},"y":{y},"lr":{lr:?},"steps":{steps}}},"outputs":{{"loss_before":{before:?},"loss":{after:?},"w":{},"p":{}}}}}"#,
            list(&h),
            rows(&w),
            list(&softmax(&z)?)
        ));
    }
    Ok(format!("[{}]", cases.join(",")))
}

// ---------- (3) chi phí softmax đầy đủ và lấy mẫu âm ----------

/// (V, K, d).
const COST_CASES: &[(u64, u64, u64)] = &[(50_257, 5, 768), (10_000, 20, 300), (1_000_000, 15, 128)];

/// Số phép nhân–cộng để tính logit của một vị trí: softmax đầy đủ V·d, lấy mẫu âm (K + 1)·d.
pub fn sampling_cost(vocab: u64, negatives: u64, dim: u64) -> Result<(u64, u64)> {
    if vocab < 2 || dim == 0 || negatives == 0 || negatives >= vocab {
        return Err(Error::InvalidParameter {
            what: "V, K, d",
            reason: format!(
                "cần V ≥ 2, 1 ≤ K < V, d ≥ 1; nhận V = {vocab}, K = {negatives}, d = {dim}"
            ),
        });
    }
    Ok((vocab * dim, (negatives + 1) * dim))
}

fn cost_config() -> Result<String> {
    let (v, k, d) = COST_CASES[0];
    Ok(format!(r#"{{"v":{v},"k":{k},"d":{d}}}"#))
}

fn cost_golden() -> Result<String> {
    let mut cases = Vec::new();
    for &(v, k, d) in COST_CASES {
        let (full, ns) = sampling_cost(v, k, d)?;
        cases.push(format!(
            r#"{{"inputs":{{"v":{v},"k":{k},"d":{d}}},"outputs":{{"full":{full},"ns":{ns},"ratio":{:?}}}}}"#,
            full as f64 / ns as f64
        ));
    }
    Ok(format!("[{}]", cases.join(",")))
}
