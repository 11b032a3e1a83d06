//! Hình học của không gian embedding (chương 9): cosine, tương quan, tính bất đẳng hướng,
//! láng giềng gần nhất, độ tinh khiết láng giềng, hệ số silhouette và phép chiếu PCA.

use nalgebra::{DMatrix, SymmetricEigen};
use ndarray::{Array1, Array2, Axis};

use crate::error::{ensure_finite, ensure_len, Error, Result};
use crate::softmax::softmax;

// ANCHOR: cosine
/// Phương trình (9.1): `cos θ = aᵀb / (‖a‖ ‖b‖)`; lỗi nếu một vector bằng 0 (góc không xác định).
/// Chia trước mỗi vector cho phần tử lớn nhất về trị tuyệt đối (cosine không đổi khi co giãn), nên
/// không tràn số cả với thành phần cỡ 1e300.
pub fn cosine(a: &[f64], b: &[f64]) -> Result<f64> {
    ensure_len("hai vector của cosine", a.len(), b.len())?;
    ensure_finite("vector a", a)?;
    ensure_finite("vector b", b)?;
    let scale = |v: &[f64]| v.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
    let (sa, sb) = (scale(a), scale(b));
    if sa == 0.0 || sb == 0.0 {
        return Err(Error::InvalidParameter {
            what: "vector của cosine",
            reason: "vector bằng 0 không có hướng".into(),
        });
    }
    let dot: f64 = a.iter().zip(b).map(|(x, y)| (x / sa) * (y / sb)).sum();
    let na = a.iter().map(|x| (x / sa).powi(2)).sum::<f64>().sqrt();
    let nb = b.iter().map(|y| (y / sb).powi(2)).sum::<f64>().sqrt();
    Ok((dot / (na * nb)).clamp(-1.0, 1.0))
}
// ANCHOR_END: cosine

// ANCHOR: correlation
/// Phương trình (9.3): hệ số tương quan Pearson của hai dãy số là cosine của hai vector đã trừ trung bình,
/// `ρ(a, b) = cos(a − ā·1, b − b̄·1)`.
pub fn correlation(a: &[f64], b: &[f64]) -> Result<f64> {
    ensure_len("hai dãy của tương quan", a.len(), b.len())?;
    if a.is_empty() {
        return Err(Error::Empty("dãy của tương quan"));
    }
    let centre = |v: &[f64]| {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        v.iter().map(|x| x - m).collect::<Vec<f64>>()
    };
    cosine(&centre(a), &centre(b))
}
// ANCHOR_END: correlation

/// Vector trung bình `μ = (1/n) Σ_i e_i` của các hàng.
pub fn mean_vector(m: &Array2<f64>) -> Result<Array1<f64>> {
    if m.nrows() == 0 {
        return Err(Error::Empty("ma trận embedding"));
    }
    ensure_finite("ma trận embedding", m.iter())?;
    // Σ_i (e_i / n) thay vì (Σ_i e_i) / n: tổng không tràn số khi các phần tử cỡ ±1e308. Làm tròn vẫn có
    // thể đẩy tổng vượt f64::MAX (ba hàng f64::MAX: 3 · (MAX/3) > MAX), nên kẹp vào [min, max] của cột —
    // trung bình thật luôn nằm trong đó, và phép kẹp chỉ làm sai số nhỏ đi.
    let n = m.nrows() as f64;
    Ok(Array1::from_iter(m.axis_iter(Axis(1)).map(|col| {
        let (lo, hi) = col
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
                (lo.min(x), hi.max(x))
            });
        col.iter().map(|x| x / n).sum::<f64>().clamp(lo, hi)
    })))
}

// ANCHOR: centre
/// Trừ vector trung bình khỏi mọi hàng: `ẽ_i = e_i − μ` (sau đó `Σ_i ẽ_i = 0`, phương trình 9.4).
pub fn centre_rows(m: &Array2<f64>) -> Result<Array2<f64>> {
    let mu = mean_vector(m)?;
    let centred = m - &mu.insert_axis(Axis(0));
    ensure_finite("hàng đã trừ trung bình (tràn số f64)", centred.iter())?;
    Ok(centred)
}
// ANCHOR_END: centre

/// Phương trình (9.4): trung bình tích vô hướng trên mọi cặp có thứ tự (kể cả i = j),
/// `(1/n²) Σ_i Σ_j e_iᵀ e_j`, tính theo định nghĩa (O(n²d)).
pub fn mean_pairwise_dot(m: &Array2<f64>) -> Result<f64> {
    if m.nrows() == 0 {
        return Err(Error::Empty("ma trận embedding"));
    }
    ensure_finite("ma trận embedding", m.iter())?;
    let gram = m.dot(&m.t());
    let mean = gram.sum() / (m.nrows() as f64 * m.nrows() as f64);
    if !mean.is_finite() {
        return Err(Error::InvalidParameter {
            what: "ma trận embedding",
            reason: "tích vô hướng tràn số f64".into(),
        });
    }
    Ok(mean)
}

fn unit_rows(m: &Array2<f64>) -> Result<Array2<f64>> {
    ensure_finite("embedding", m.iter())?;
    let mut u = m.clone();
    for mut row in u.outer_iter_mut() {
        // chia cho max|x| trước khi bình phương: ‖x‖ không tràn số với phần tử cỡ 1e308
        let scale = row.iter().fold(0.0f64, |a, x| a.max(x.abs()));
        if scale > 0.0 {
            row /= scale;
        }
        let n = row.dot(&row).sqrt();
        if n == 0.0 {
            return Err(Error::InvalidParameter {
                what: "embedding",
                reason: "một hàng bằng 0 không có hướng".into(),
            });
        }
        row /= n;
    }
    Ok(u)
}

// ANCHOR: anisotropy
/// Phương trình (9.5): tính bất đẳng hướng `A = (1/(n(n−1))) Σ_{i≠j} cos(e_i, e_j)` — cosine trung
/// bình của mọi cặp hàng khác nhau.
pub fn anisotropy(m: &Array2<f64>) -> Result<f64> {
    let n = m.nrows();
    if n < 2 {
        return Err(Error::Empty("cần ít nhất hai embedding"));
    }
    let u = unit_rows(m)?;
    let sum_all = u.sum_axis(Axis(0));
    // Σ_{i,j} cos = ‖Σ_i û_i‖², trừ n số hạng i = j (mỗi số hạng bằng 1)
    Ok((sum_all.dot(&sum_all) - n as f64) / (n * (n - 1)) as f64)
}
// ANCHOR_END: anisotropy

/// `k` láng giềng gần nhất của hàng `i` theo cosine (không kể chính nó), gần nhất trước.
pub fn nearest_neighbours(m: &Array2<f64>, i: usize, k: usize) -> Result<Vec<usize>> {
    let u = unit_rows(m)?;
    neighbours_of_unit(&u, i, k)
}

fn neighbours_of_unit(u: &Array2<f64>, i: usize, k: usize) -> Result<Vec<usize>> {
    if i >= u.nrows() {
        return Err(Error::TokenOutOfRange {
            id: i,
            vocab: u.nrows(),
        });
    }
    let sims = u.dot(&u.row(i));
    let mut idx: Vec<usize> = (0..u.nrows()).filter(|&j| j != i).collect();
    idx.sort_by(|&a, &b| sims[b].total_cmp(&sims[a]).then(a.cmp(&b)));
    idx.truncate(k);
    Ok(idx)
}

fn labelled(m: &Array2<f64>, labels: &[Option<usize>]) -> Result<(Array2<f64>, Vec<usize>)> {
    ensure_len("số nhãn so với số embedding", m.nrows(), labels.len())?;
    let keep: Vec<usize> = (0..labels.len()).filter(|&i| labels[i].is_some()).collect();
    let lab: Vec<usize> = labels.iter().flatten().copied().collect();
    if keep.len() < 2 {
        return Err(Error::Empty("cần ít nhất hai embedding có nhãn"));
    }
    Ok((m.select(Axis(0), &keep), lab))
}

// ANCHOR: purity
/// Phương trình (9.6): độ tinh khiết láng giềng `purity@k = (1/n) Σ_i (1/k)·#{j ∈ N_k(i) : y_j = y_i}`,
/// chỉ trên các token có nhãn (`Some`), láng giềng tìm trong chính các token đó.
pub fn neighbour_purity(m: &Array2<f64>, labels: &[Option<usize>], k: usize) -> Result<f64> {
    let (x, y) = labelled(m, labels)?;
    if k == 0 || k >= x.nrows() {
        return Err(Error::InvalidParameter {
            what: "số láng giềng k",
            reason: format!("cần 1 ≤ k < {}, nhận {k}", x.nrows()),
        });
    }
    let u = unit_rows(&x)?;
    let mut total = 0.0;
    for i in 0..u.nrows() {
        let same = neighbours_of_unit(&u, i, k)?
            .iter()
            .filter(|&&j| y[j] == y[i])
            .count();
        total += same as f64 / k as f64;
    }
    Ok(total / u.nrows() as f64)
}
// ANCHOR_END: purity

// ANCHOR: silhouette
/// Phương trình (9.7): hệ số silhouette trung bình với khoảng cách cosine `δ = 1 − cos`:
/// `s_i = (b_i − a_i) / max(a_i, b_i)`, `a_i` là khoảng cách trung bình tới cụm của mình,
/// `b_i` là khoảng cách trung bình nhỏ nhất tới một cụm khác.
pub fn silhouette(m: &Array2<f64>, labels: &[Option<usize>]) -> Result<f64> {
    let (x, y) = labelled(m, labels)?;
    let u = unit_rows(&x)?;
    let dist = u.dot(&u.t()).mapv(|c| 1.0 - c);
    // đánh số lại nhãn thành 0..C (nhãn là tên tuỳ ý, kể cả usize::MAX; không cấp phát theo giá trị nhãn)
    let mut names = y.clone();
    names.sort_unstable();
    names.dedup();
    let y: Vec<usize> = y
        .iter()
        .map(|l| names.binary_search(l).unwrap_or(0))
        .collect();
    let clusters = names.len();
    let mut total = 0.0;
    for i in 0..u.nrows() {
        let mut sum = vec![0.0; clusters];
        let mut cnt = vec![0usize; clusters];
        for j in (0..u.nrows()).filter(|&j| j != i) {
            sum[y[j]] += dist[[i, j]];
            cnt[y[j]] += 1;
        }
        let mean = |k: usize| sum[k] / cnt[k] as f64;
        let b = (0..clusters)
            .filter(|&k| k != y[i] && cnt[k] > 0)
            .map(mean)
            .fold(f64::INFINITY, f64::min);
        if cnt[y[i]] == 0 || !b.is_finite() {
            continue; // cụm một phần tử, hoặc chỉ có một cụm: s_i = 0 theo quy ước
        }
        let a = mean(y[i]);
        total += (b - a) / a.max(b).max(f64::MIN_POSITIVE);
    }
    Ok(total / u.nrows() as f64)
}
// ANCHOR_END: silhouette

/// Kết quả PCA hai chiều.
#[derive(Debug, Clone, PartialEq)]
pub struct Pca2 {
    /// Toạ độ `n×2` của các hàng đã trừ trung bình trên hai thành phần chính.
    pub coords: Array2<f64>,
    /// Hai trị riêng lớn nhất của ma trận hiệp phương sai (phương sai dọc hai trục).
    pub variances: [f64; 2],
    /// Tổng phương sai (vết của ma trận hiệp phương sai).
    pub total_variance: f64,
}

// ANCHOR: pca
/// Phương trình (9.8): `C = (1/n) XᵀX = V Λ Vᵀ` với hàng i của X là `e_i − μ` (phân rã trị riêng của nalgebra), toạ độ
/// `y_i = [v_1 v_2]ᵀ (e_i − μ)` trên hai vector riêng có trị riêng lớn nhất.
pub fn pca_2d(m: &Array2<f64>) -> Result<Pca2> {
    if m.ncols() < 2 || m.nrows() < 2 {
        return Err(Error::Empty("PCA hai chiều cần ít nhất 2 hàng và 2 cột"));
    }
    ensure_finite("embedding", m.iter())?;
    let x = centre_rows(m)?;
    let (n, d) = x.dim();
    let xm = DMatrix::from_row_iterator(n, d, x.iter().copied());
    let cov = (xm.transpose() * &xm) / n as f64;
    let eig = SymmetricEigen::new(cov);
    let mut order: Vec<usize> = (0..d).collect();
    order.sort_by(|&a, &b| eig.eigenvalues[b].total_cmp(&eig.eigenvalues[a]));
    let mut coords = Array2::zeros((n, 2));
    for (c, &k) in order.iter().take(2).enumerate() {
        let v = eig.eigenvectors.column(k);
        // dấu của vector riêng là tuỳ ý: cố định để hình tất định (thành phần lớn nhất dương)
        let largest = v
            .iter()
            .copied()
            .fold(0.0_f64, |a, b| if b.abs() > a.abs() { b } else { a });
        let sign = largest.signum();
        for i in 0..n {
            coords[[i, c]] = sign * (0..d).map(|j| x[[i, j]] * v[j]).sum::<f64>();
        }
    }
    Ok(Pca2 {
        coords,
        variances: [eig.eigenvalues[order[0]], eig.eigenvalues[order[1]]],
        total_variance: eig.eigenvalues.iter().sum(),
    })
}
// ANCHOR_END: pca

// ANCHOR: pair_dot_rate
/// Phương trình (9.9): sau một bước SGD tốc độ η trên cặp (w, c) của mô hình không chia sẻ,
/// `Δ(u_cᵀe_w) = η[(1 − p_c)(‖e_w‖² + ‖u_c‖²) − Σ_{j≠c} p_j u_cᵀu_j] + O(η²)`; hàm trả hệ số của η.
pub fn pair_dot_rate(e: &Array2<f64>, u: &Array2<f64>, w: usize, c: usize) -> Result<f64> {
    ensure_len("số hàng của E và U", e.nrows(), u.nrows())?;
    ensure_len("số cột của E và U", e.ncols(), u.ncols())?;
    if let Some(&id) = [w, c].iter().find(|&&t| t >= e.nrows()) {
        return Err(Error::TokenOutOfRange {
            id,
            vocab: e.nrows(),
        });
    }
    let (ew, uc) = (e.row(w), u.row(c));
    let z = u.dot(&ew);
    let p = softmax(z.as_slice().unwrap_or(&[]))?;
    let cross: f64 = (0..u.nrows())
        .filter(|&j| j != c)
        .map(|j| p[j] * uc.dot(&u.row(j)))
        .sum();
    Ok((1.0 - p[c]) * (ew.dot(&ew) + uc.dot(&uc)) - cross)
}
// ANCHOR_END: pair_dot_rate
