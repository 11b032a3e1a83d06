//! Một bước huấn luyện cho một cặp (w, c), bốn cách: softmax đầy đủ trên V từ (O(V·d)), lấy mẫu âm
//! với K mẫu (O((K+1)·d)), softmax phân cấp (O(L(c)·d), L(c) độ dài mã Huffman) và softmax lấy mẫu
//! với S mẫu (O((S+1)·d)). Dùng cho phép đo chi phí (benches/step_cost.rs, examples/cost_csv.rs).

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

// ANCHOR: hs_step
/// Một bước SGD của softmax phân cấp (4.11)–(4.12): chỉ chạm các nút trong trên đường gốc → lá của từ
/// đích (`path`, `code`; nhánh 0 có nhãn 1), khoảng `L̄ ≈ H` bit nút mỗi bước thay vì V dòng.
pub fn hs_step(
    v: &mut [f32],
    inner: &mut [f32],
    path: &[usize],
    code: &[bool],
    lr: f32,
    grad_v: &mut [f32],
) {
    let d = v.len();
    grad_v.fill(0.0);
    for (&n, &bit) in path.iter().zip(code) {
        let u = &mut inner[n * d..(n + 1) * d];
        // ∂L/∂x = σ(x) − t, t = 1 khi bit = 0: −σ(−x) hoặc σ(x), không triệt tiêu (5.10)
        let g = -sgns_coefficient(dot(u, v), !bit);
        axpy(g, u, grad_v);
        axpy(-lr * g, v, u);
    }
    axpy(-lr, grad_v, v);
}
// ANCHOR_END: hs_step

// ANCHOR: sampled_step
/// Một bước SGD của softmax lấy mẫu (4.16): `candidates` là lớp đúng rồi S mẫu, logit
/// `o_j = u_jᵀv − log(S·Q(j))` (`log_sq[j]` tính sẵn), softmax trên S + 1 ứng viên.
pub fn sampled_softmax_step(
    v: &mut [f32],
    output: &mut [f32],
    candidates: &[usize],
    log_sq: &[f32],
    lr: f32,
    logits: &mut [f32],
    grad_v: &mut [f32],
) {
    let d = v.len();
    for (z, &j) in logits.iter_mut().zip(candidates) {
        *z = dot(&output[j * d..(j + 1) * d], v) - log_sq[j];
    }
    let m = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for z in logits.iter_mut() {
        *z = (*z - m).exp();
        sum += *z;
    }
    grad_v.fill(0.0);
    for (i, (z, &j)) in logits.iter().zip(candidates).enumerate() {
        let u = &mut output[j * d..(j + 1) * d];
        let g = z / sum - if i == 0 { 1.0 } else { 0.0 };
        axpy(g, u, grad_v);
        axpy(-lr * g, v, u);
    }
    axpy(-lr, grad_v, v);
}
// ANCHOR_END: sampled_step
