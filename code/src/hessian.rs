//! Độ lồi và ổn định số (chương 5): ma trận Hessian của entropy chéo theo logit, phổ trị riêng của nó
//! (bằng `nalgebra::SymmetricEigen`), một ví dụ không lồi theo tham số, và softmax/entropy chéo trong f32.

use nalgebra::{DMatrix, SymmetricEigen};
use ndarray::Array2;

use crate::cross_entropy::cross_entropy;
use crate::error::{ensure_finite, Error, Result};
use crate::softmax::softmax;

// ANCHOR: softmax_hessian
/// Phương trình (5.1): Hessian của `L = −log softmax(z)_y` theo z: `ℋ = diag(P) − P Pᵀ`,
/// tức `H_ii = P_i (1 − P_i)` và `H_ij = −P_i P_j` (không phụ thuộc token đúng y).
/// Đường chéo được tính là `P_i Σ_{j≠i} P_j` (bằng `P_i (1 − P_i)` vì `Σ_j P_j = 1`): khi `P_i ≈ 1`,
/// phép trừ `1 − P_i` triệt tiêu hết chữ số và làm H mất tính nửa xác định dương.
pub fn softmax_hessian(logits: &[f64]) -> Result<Array2<f64>> {
    let p = softmax(logits)?;
    let v = p.len();
    Ok(Array2::from_shape_fn((v, v), |(i, j)| {
        if i == j {
            let rest: f64 = (0..v).filter(|&k| k != i).map(|k| p[k]).sum();
            p[i] * rest
        } else {
            -p[i] * p[j]
        }
    }))
}
// ANCHOR_END: softmax_hessian

// ANCHOR: eigenvalues
/// Trị riêng của một ma trận đối xứng, giảm dần, tính bằng `nalgebra::SymmetricEigen`
/// (dùng cho (5.2), (5.4), (5.5) và (5.6)).
pub fn symmetric_eigenvalues(m: &Array2<f64>) -> Result<Vec<f64>> {
    let (rows, cols) = m.dim();
    if rows == 0 {
        return Err(Error::Empty("ma trận"));
    }
    if rows != cols {
        return Err(Error::ShapeMismatch {
            what: "ma trận đối xứng",
            expected: format!("{rows}×{rows}"),
            found: format!("{rows}×{cols}"),
        });
    }
    ensure_finite("phần tử ma trận", m.iter())?;
    let asymmetry = (0..rows)
        .flat_map(|i| (0..i).map(move |j| (i, j)))
        .map(|(i, j)| (m[[i, j]] - m[[j, i]]).abs())
        .fold(0.0, f64::max);
    let largest = m.iter().fold(0.0_f64, |a, &b| a.max(b.abs()));
    if asymmetry > 1e-9 * largest {
        return Err(Error::InvalidParameter {
            what: "ma trận",
            reason: format!("không đối xứng (lệch {asymmetry:e})"),
        });
    }
    let matrix = DMatrix::from_fn(rows, cols, |i, j| m[[i, j]]);
    let mut values: Vec<f64> = SymmetricEigen::new(matrix)
        .eigenvalues
        .iter()
        .copied()
        .collect();
    values.sort_by(|a, b| b.total_cmp(a));
    Ok(values)
}
// ANCHOR_END: eigenvalues

// ANCHOR: curvature_bound
/// Phương trình (5.5): cận trên của trị riêng lớn nhất của H,
/// `λ_max ≤ min(max_i P_i, 2 max_i P_i (1 − P_i)) ≤ 1/2`.
pub fn curvature_bound(logits: &[f64]) -> Result<f64> {
    let p = softmax(logits)?;
    let p_max = p.iter().copied().fold(0.0, f64::max);
    let gershgorin = p.iter().map(|&q| 2.0 * q * (1.0 - q)).fold(0.0, f64::max);
    Ok(p_max.min(gershgorin))
}
// ANCHOR_END: curvature_bound

// ANCHOR: saddle
/// Phương trình (5.6): ví dụ nhỏ nhất không lồi theo tham số. Tham số `θ = (h, a, b)`, hai token có
/// embedding một chiều `a`, `b`, logit `z = (h a, h b)`, token đúng 0: `L(θ) = log(1 + e^{h(b − a)})`.
pub fn saddle_loss(theta: &[f64]) -> Result<f64> {
    let [h, a, b] = saddle_params(theta)?;
    cross_entropy(&[h * a, h * b], 0)
}

/// Gradient giải tích của (5.6) theo chuỗi (3.2): với `s = P(1)`, `∇L = (s (b − a), −s h, s h)`.
pub fn saddle_gradient(theta: &[f64]) -> Result<Vec<f64>> {
    let [h, a, b] = saddle_params(theta)?;
    let s = softmax(&[h * a, h * b])?[1];
    Ok(vec![s * (b - a), -s * h, s * h])
}
// ANCHOR_END: saddle

fn saddle_params(theta: &[f64]) -> Result<[f64; 3]> {
    ensure_finite("tham số θ", theta)?;
    theta.try_into().map_err(|_| Error::ShapeMismatch {
        what: "θ = (h, a, b)",
        expected: "3".into(),
        found: theta.len().to_string(),
    })
}

// ANCHOR: f32
/// Phương trình (5.7): entropy chéo ổn định tính hoàn toàn trong f32 (cùng thủ thuật log-sum-exp như (2.4)).
pub fn cross_entropy_f32(logits: &[f32], target: usize) -> Result<f32> {
    if target >= logits.len() {
        return Err(Error::TokenOutOfRange {
            id: target,
            vocab: logits.len(),
        });
    }
    let wide: Vec<f64> = logits.iter().map(|&z| f64::from(z)).collect();
    ensure_finite("logit", &wide)?;
    let m = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let sum: f32 = logits.iter().map(|&z| (z - m).exp()).sum();
    Ok(m + sum.ln() - logits[target])
}

/// Cách tính ngây thơ trong f32, chỉ để minh hoạ: `exp(z)` tràn số khi `z > ln(f32::MAX) ≈ 88.72`.
pub fn naive_cross_entropy_f32(logits: &[f32], target: usize) -> f32 {
    let sum: f32 = logits.iter().map(|&z| z.exp()).sum();
    -(logits[target].exp() / sum).ln()
}
// ANCHOR_END: f32
