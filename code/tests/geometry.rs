//! Kiểm thử chương 9: cosine, tương quan, tính bất đẳng hướng, độ tinh khiết láng giềng, silhouette,
//! PCA, tích vô hướng của cặp cùng xuất hiện, và thí nghiệm chủ đề gieo sẵn.

use embedding_loss::corpus::TopicSpec;
use embedding_loss::dynamics::{SoftmaxModel, TrainSpec, Tying};
use embedding_loss::experiments::{
    cooccurrence_dots, run_topics, TopicRun, BOOK_TOPICS, BOOK_TOPICS_TRAIN,
};
use embedding_loss::geometry::{
    anisotropy, centre_rows, correlation, cosine, mean_pairwise_dot, mean_vector,
    nearest_neighbours, neighbour_purity, pair_dot_rate, pca_2d, silhouette,
};
use nalgebra::DMatrix;
use ndarray::{array, Array2};
use proptest::prelude::*;
use std::sync::OnceLock;

use crate::common::shifted_randn as random_matrix;

proptest! {
    /// (9.1) với vector hai chiều ở góc α, β và độ dài bất kỳ (kể cả 1e-150 và 1e300), cosine bằng
    /// `cos(α − β)` của lượng giác (tham chiếu độc lập).
    #[test]
    fn eq_9_1_cosine_is_cos_of_angle_difference(
        alpha in -3.2f64..3.2, beta in -3.2f64..3.2,
        ra in prop::sample::select(vec![1e-150, 1e-3, 1.0, 7.5, 1e300]),
        rb in prop::sample::select(vec![1e-150, 2.0, 1e300]),
    ) {
        let a = [ra * alpha.cos(), ra * alpha.sin()];
        let b = [rb * beta.cos(), rb * beta.sin()];
        let got = cosine(&a, &b).unwrap();
        prop_assert!((got - (alpha - beta).cos()).abs() <= 1e-12);
    }

    /// (9.2) với vector đơn vị, `‖â − b̂‖² = 2 − 2 cos θ` (khoảng cách Euclid tính trực tiếp).
    #[test]
    fn eq_9_2_unit_distance_and_cosine(a in prop::collection::vec(-5.0f64..5.0, 6),
                                       b in prop::collection::vec(-5.0f64..5.0, 6)) {
        let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
        prop_assume!(norm(&a) > 1e-3 && norm(&b) > 1e-3);
        let dist2: f64 = a.iter().zip(&b).map(|(x, y)| (x / norm(&a) - y / norm(&b)).powi(2)).sum();
        prop_assert!((dist2 - (2.0 - 2.0 * cosine(&a, &b).unwrap())).abs() <= 1e-12);
    }

    /// (9.3) tương quan = cosine của vector đã trừ trung bình, so với công thức Pearson một lượt
    /// `(nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²))`.
    #[test]
    fn eq_9_3_correlation_is_centred_cosine(a in prop::collection::vec(-10.0f64..10.0, 8),
                                            b in prop::collection::vec(-10.0f64..10.0, 8)) {
        let n = 8.0;
        let (sx, sy) = (a.iter().sum::<f64>(), b.iter().sum::<f64>());
        let sxy: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        let sxx: f64 = a.iter().map(|x| x * x).sum();
        let syy: f64 = b.iter().map(|y| y * y).sum();
        let den = ((n * sxx - sx * sx) * (n * syy - sy * sy)).sqrt();
        prop_assume!(den > 1e-3);
        let pearson = (n * sxy - sx * sy) / den;
        prop_assert!((correlation(&a, &b).unwrap() - pearson).abs() <= 1e-10);
    }
}

/// (9.1) cosine không xác định cho vector 0 và sai kích thước: trả lỗi, không NaN.
#[test]
fn eq_9_1_cosine_rejects_bad_input() {
    assert!(cosine(&[0.0, 0.0], &[1.0, 0.0]).is_err());
    assert!(cosine(&[1.0], &[1.0, 0.0]).is_err());
    assert!(cosine(&[f64::NAN, 1.0], &[1.0, 0.0]).is_err());
}

/// (9.4) trung bình tích vô hướng trên mọi cặp (vòng lặp kép) bằng `‖μ‖²`; sau khi trừ μ thì bằng 0.
#[test]
fn eq_9_4_mean_dot_is_squared_mean_norm() {
    let m = random_matrix(30, 5, 0.8, 1);
    let mu = mean_vector(&m).unwrap();
    assert!((mean_pairwise_dot(&m).unwrap() - mu.dot(&mu)).abs() <= 1e-12);
    let c = centre_rows(&m).unwrap();
    assert!(mean_pairwise_dot(&c).unwrap().abs() <= 1e-12);
}

/// (9.5) tính bất đẳng hướng khớp vòng lặp kép trên mọi cặp i ≠ j bằng `cosine`; bằng 0 với các trục
/// toạ độ trực giao, bằng 1 khi mọi hàng cùng hướng.
#[test]
fn eq_9_5_anisotropy_matches_pair_loop() {
    let m = random_matrix(25, 4, 0.5, 2);
    let n = m.nrows();
    let mut sum = 0.0;
    for i in 0..n {
        for j in (0..n).filter(|&j| j != i) {
            sum += cosine(m.row(i).as_slice().unwrap(), m.row(j).as_slice().unwrap()).unwrap();
        }
    }
    let want = sum / (n * (n - 1)) as f64;
    assert!((anisotropy(&m).unwrap() - want).abs() <= 1e-12);
    assert!(anisotropy(&Array2::eye(5)).unwrap().abs() <= 1e-15);
    let same = array![[1.0, 2.0], [2.0, 4.0], [0.5, 1.0]];
    assert!((anisotropy(&same).unwrap() - 1.0).abs() <= 1e-12);
}

/// (9.6) độ tinh khiết láng giềng khớp cách tính thô: sắp mọi hàng theo khoảng cách Euclid giữa các
/// vector đã chuẩn hoá (tương đương theo 9.2) rồi đếm láng giềng cùng nhãn; từ chức năng (None) bị bỏ qua.
#[test]
fn eq_9_6_purity_matches_brute_force() {
    let m = random_matrix(24, 3, 0.0, 3);
    let labels: Vec<Option<usize>> = (0..24).map(|i| (i % 5 != 0).then_some(i % 3)).collect();
    let k = 4;
    let keep: Vec<usize> = (0..24).filter(|&i| labels[i].is_some()).collect();
    let unit: Vec<Vec<f64>> = keep
        .iter()
        .map(|&i| {
            let r = m.row(i);
            let n = r.dot(&r).sqrt();
            r.iter().map(|x| x / n).collect()
        })
        .collect();
    let mut total = 0.0;
    for a in 0..keep.len() {
        let mut others: Vec<(f64, usize)> = (0..keep.len())
            .filter(|&b| b != a)
            .map(|b| {
                let d: f64 = unit[a]
                    .iter()
                    .zip(&unit[b])
                    .map(|(x, y)| (x - y).powi(2))
                    .sum();
                (d, b)
            })
            .collect();
        others.sort_by(|x, y| x.0.total_cmp(&y.0));
        let same = others[..k]
            .iter()
            .filter(|(_, b)| labels[keep[*b]] == labels[keep[a]])
            .count();
        total += same as f64 / k as f64;
    }
    let want = total / keep.len() as f64;
    assert!((neighbour_purity(&m, &labels, k).unwrap() - want).abs() <= 1e-12);
    assert!(neighbour_purity(&m, &labels, 0).is_err());
    assert_eq!(
        nearest_neighbours(&array![[1.0, 0.0], [0.0, 1.0], [1.0, 0.1]], 0, 1).unwrap(),
        vec![2]
    );
}

/// (9.7) silhouette trên bốn vector đơn vị ở góc 0, ε (cụm 0) và π/2, π/2 + ε (cụm 1), so với dạng đóng
/// tính bằng lượng giác: `a = 1 − cos ε`, `b = 1 − (cos(π/2) + cos(π/2 ± ε))/2`.
#[test]
fn eq_9_7_silhouette_closed_form() {
    let eps: f64 = 0.3;
    let half = std::f64::consts::FRAC_PI_2;
    let angles = [0.0, eps, half, half + eps];
    let m = Array2::from_shape_fn((4, 2), |(i, j)| {
        if j == 0 {
            angles[i].cos()
        } else {
            angles[i].sin()
        }
    });
    let labels = [Some(0), Some(0), Some(1), Some(1)];
    let s = |a: f64, b: f64| (b - a) / a.max(b);
    let a = 1.0 - eps.cos();
    let b_first = 1.0 - ((half).cos() + (half + eps).cos()) / 2.0; // điểm ở góc 0 (và π/2 + ε, đối xứng)
    let b_second = 1.0 - ((half - eps).cos() + (half).cos()) / 2.0; // điểm ở góc ε (và π/2)
    let want = (2.0 * s(a, b_first) + 2.0 * s(a, b_second)) / 4.0;
    assert!((silhouette(&m, &labels).unwrap() - want).abs() <= 1e-12);
}

/// (9.8) PCA bằng phân rã trị riêng của hiệp phương sai khớp phân rã giá trị kỳ dị (SVD) của dữ liệu
/// đã trừ trung bình (một thuật toán khác của nalgebra): `λ_k = σ_k²/n`, và |toạ độ| = |X̃ v_k|.
#[test]
fn eq_9_8_pca_matches_svd() {
    let m = random_matrix(40, 5, 1.0, 4);
    let pca = pca_2d(&m).unwrap();
    let c = centre_rows(&m).unwrap();
    let x = DMatrix::from_row_iterator(40, 5, c.iter().copied());
    let svd = x.clone().svd(false, true);
    let mut sv: Vec<(f64, usize)> = svd.singular_values.iter().copied().zip(0..).collect();
    sv.sort_by(|a, b| b.0.total_cmp(&a.0));
    let vt = svd.v_t.unwrap();
    for (k, &(sigma, idx)) in sv.iter().take(2).enumerate() {
        assert!((pca.variances[k] - sigma * sigma / 40.0).abs() <= 1e-10);
        let proj = &x * vt.row(idx).transpose();
        for i in 0..40 {
            assert!((pca.coords[[i, k]].abs() - proj[i].abs()).abs() <= 1e-10);
        }
    }
    let total: f64 = c.iter().map(|v| v * v).sum::<f64>() / 40.0;
    assert!((pca.total_variance - total).abs() <= 1e-10);
}

/// (9.9) thay đổi thật của `u_cᵀe_w` sau một bước SGD (gradient của mô hình, chương 8) khớp hệ số bậc
/// nhất: sai lệch `Δ/η − r` giảm đúng bậc O(η) khi η giảm 10 lần.
#[test]
fn eq_9_9_pair_dot_first_order() {
    let m = SoftmaxModel::new(7, 4, Tying::Untied, 0.8, 5).unwrap();
    let (w, c) = (2, 5);
    let dot = |mm: &SoftmaxModel| mm.input.row(w).dot(&mm.output.as_ref().unwrap().row(c));
    let rate = pair_dot_rate(&m.input, m.output.as_ref().unwrap(), w, c).unwrap();
    let mut gaps = Vec::new();
    for eta in [1e-3, 1e-4] {
        let mut step = m.clone();
        step.apply(&m.gradient(&[(w, c)]).unwrap(), eta).unwrap();
        gaps.push(((dot(&step) - dot(&m)) / eta - rate).abs());
    }
    assert!(gaps[0] < 1e-2 * rate.abs().max(1.0));
    assert!(gaps[1] < 0.2 * gaps[0], "{gaps:?}");
}

/// Bản nhỏ của thí nghiệm chủ đề, huấn luyện một lần mỗi biến thể cho mọi kiểm thử `claim_9_…`.
fn small_topics(tying: Tying) -> &'static TopicRun {
    static TIED: OnceLock<TopicRun> = OnceLock::new();
    static UNTIED: OnceLock<TopicRun> = OnceLock::new();
    let cell = if tying == Tying::Tied { &TIED } else { &UNTIED };
    cell.get_or_init(|| train_small_topics(tying))
}

fn train_small_topics(tying: Tying) -> TopicRun {
    let spec = TopicSpec {
        topics: 3,
        words_per_topic: 8,
        function_words: 6,
        sentences: 400,
        sentence_len: 6,
        ..BOOK_TOPICS
    };
    let train = TrainSpec {
        steps: 600,
        ..BOOK_TOPICS_TRAIN
    };
    run_topics(&spec, 2, 8, &train, tying, 5, &[0, 200, 400, 600]).unwrap()
}

/// Chủ đề gieo sẵn được khôi phục: purity@3 từ ≤ 0.45 (khởi tạo) lên ≥ 0.9; silhouette từ ≤ 0.1 lên ≥ 0.5.
#[test]
fn claim_9_planted_topics_recovered() {
    let tr = small_topics(Tying::Untied);
    let (_, e, _) = tr.run.last().unwrap();
    let p0 = neighbour_purity(&tr.run.initial, &tr.topic_of, 3).unwrap();
    let p1 = neighbour_purity(e, &tr.topic_of, 3).unwrap();
    let s0 = silhouette(&tr.run.initial, &tr.topic_of).unwrap();
    let s1 = silhouette(e, &tr.topic_of).unwrap();
    println!("purity@3 {p0:.3} → {p1:.3}; silhouette {s0:.3} → {s1:.3}");
    assert!(p0 <= 0.45 && p1 >= 0.9);
    assert!(s0 <= 0.1 && s1 >= 0.5);
}

/// Tích vô hướng `e_wᵀu_c` trung bình của cặp cùng xuất hiện tăng qua mọi mốc và vượt 0.5; cặp không
/// bao giờ cùng xuất hiện thì giảm xuống dưới 0 (không chia sẻ).
#[test]
fn claim_9_cooccurring_dots_grow() {
    let tr = small_topics(Tying::Untied);
    let dots: Vec<(f64, f64)> = tr
        .run
        .snapshots
        .iter()
        .map(|(_, e, o)| cooccurrence_dots(tr, e, o).unwrap())
        .collect();
    println!("(cùng xuất hiện, không) theo mốc: {dots:?}");
    assert!(dots.windows(2).all(|p| p[1].0 > p[0].0));
    assert!(dots.last().unwrap().0 > 0.5);
    assert!(dots.last().unwrap().1 < 0.0);
}

/// Sau huấn luyện có chia sẻ trọng số, embedding bất đẳng hướng (A ≥ 0.2); trừ vector trung bình đưa A về
/// |A| ≤ 0.05.
#[test]
fn claim_9_centring_removes_anisotropy() {
    let tr = small_topics(Tying::Tied);
    let (_, e, _) = tr.run.last().unwrap();
    let a = anisotropy(e).unwrap();
    let ac = anisotropy(&centre_rows(e).unwrap()).unwrap();
    println!("A = {a:.3}, sau khi trừ trung bình A = {ac:.3}");
    assert!(a >= 0.2 && ac.abs() <= 0.05);
}

/// Chia sẻ trọng số: `e_wᵀe_c` của cặp không bao giờ cùng xuất hiện giảm lúc đầu rồi bị kéo lên lại
/// ít nhất 0.3 (hướng chung), trong khi khoảng cách giữa hai nhóm vẫn tăng qua mọi mốc.
#[test]
fn claim_9_tied_common_direction_lifts_all_dots() {
    let tr = small_topics(Tying::Tied);
    let dots: Vec<(f64, f64)> = tr
        .run
        .snapshots
        .iter()
        .map(|(_, e, o)| cooccurrence_dots(tr, e, o).unwrap())
        .collect();
    println!("(cùng xuất hiện, không) theo mốc: {dots:?}");
    let lowest = dots.iter().map(|d| d.1).fold(f64::INFINITY, f64::min);
    assert!(lowest < dots[0].1 && dots.last().unwrap().1 >= lowest + 0.3);
    assert!(dots.windows(2).all(|p| p[1].0 - p[1].1 > p[0].0 - p[0].1));
}
