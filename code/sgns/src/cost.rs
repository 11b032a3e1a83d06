//! Một bước huấn luyện cho một cặp (w, c), hai cách: softmax đầy đủ trên V từ (O(V·d)) và lấy mẫu âm
//! với K mẫu (O((K+1)·d)). Dùng cho phép đo chi phí (benches/step_cost.rs, examples/cost_csv.rs).

use crate::kernels::{axpy, dot, sgns_coefficient};

// ANCHOR: softmax_step
/// Một bước SGD của entropy chéo trên softmax đầy đủ: logit `z_j = u_jᵀv` cho mọi j, `P = softmax(z)`,
/// `∂L/∂u_j = (P_j − y_j) v`, `∂L/∂v = Σ_j (P_j − y_j) u_j`. `logits` và `grad_v` là bộ đệm có sẵn.
pub fn softmax_step(
    v: &mut [f32],
    output: &mut [f32],
    target: usize,
    lr: f32,
    logits: &mut [f32],
    grad_v: &mut [f32],
) {
    let d = v.len();
    for (z, u) in logits.iter_mut().zip(output.chunks_exact(d)) {
        *z = dot(u, v);
    }
    let m = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for z in logits.iter_mut() {
        *z = (*z - m).exp();
        sum += *z;
    }
    grad_v.fill(0.0);
    for (j, (z, u)) in logits.iter().zip(output.chunks_exact_mut(d)).enumerate() {
        let g = z / sum - if j == target { 1.0 } else { 0.0 };
        axpy(g, u, grad_v);
        axpy(-lr * g, v, u);
    }
    axpy(-lr, grad_v, v);
}
// ANCHOR_END: softmax_step

// ANCHOR: sgns_step
/// Một bước SGD của mất mát SGNS (4.2) với gradient (4.5): chỉ chạm `u_c` và K dòng `u_{n_k}`.
pub fn sgns_step(
    v: &mut [f32],
    output: &mut [f32],
    target: usize,
    negatives: &[usize],
    lr: f32,
    grad_v: &mut [f32],
) {
    let d = v.len();
    grad_v.fill(0.0);
    for (k, &t) in std::iter::once(&target).chain(negatives).enumerate() {
        let u = &mut output[t * d..(t + 1) * d];
        let g = -sgns_coefficient(dot(u, v), k == 0); // ∂L/∂s = σ(s) − label, dạng (5.10)
        axpy(g, u, grad_v);
        axpy(-lr * g, v, u);
    }
    axpy(-lr, grad_v, v);
}
// ANCHOR_END: sgns_step
