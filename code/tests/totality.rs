//! Tính toàn phần (issue 10): mọi hàm công khai của crate, với **mọi** đầu vào (NaN, ±∞, dưới chuẩn, ±1e308,
//! rỗng, sai hình dạng, chỉ số ngoài miền, kích thước khổng lồ), trả một giá trị đúng hoặc `Err` có kiểu —
//! không bao giờ hoảng (`catch_unwind` bắt), không bao giờ trả NaN/∞ trong `Ok` khi giá trị thật hữu hạn.

use std::panic::{catch_unwind, AssertUnwindSafe};

use embedding_loss::cross_entropy::{cross_entropy, mean_cross_entropy, perplexity};
use embedding_loss::dynamics::{SoftmaxModel, Tying};
use embedding_loss::embedding::{gpt2_parameters, one_hot, parameter_bytes};
use embedding_loss::geometry::{
    anisotropy, centre_rows, correlation, cosine, mean_pairwise_dot, mean_vector,
    nearest_neighbours, neighbour_purity, pca_2d, silhouette,
};
use embedding_loss::gradcheck::{max_relative_error, numerical_gradient};
use embedding_loss::gradient::{logit_gradient, softmax_jacobian};
use embedding_loss::hessian::{curvature_bound, softmax_hessian, symmetric_eigenvalues};
use embedding_loss::information::{
    cross_entropy_pq, empirical_cross_entropy, empirical_distribution, entropy, kl_divergence,
};
use embedding_loss::negative_sampling::{
    chi_square_critical, chi_square_statistic, context_pairs, keep_probability, loglog_slope,
    noise_distribution, sgns_gradients, sgns_loss, subsample, zipf_counts, NoiseSampler,
};
use embedding_loss::pmi::{cellwise_optimum, expected_objective, pmi_matrix, unigram_contexts};
use embedding_loss::softmax::{log_softmax, log_sum_exp, softmax, softmax_with_temperature};
use embedding_loss::transformer::embed::{cross_entropy_backward, cross_entropy_forward};
use embedding_loss::Result;
use ndarray::Array2;
use proptest::prelude::*;
use rand::SeedableRng;

/// Số thực «hoang dã»: NaN, ±∞, ±1e308, dưới chuẩn, 0, số thường.
fn wild() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(1e308),
        Just(-1e308),
        Just(f64::MAX),
        Just(5e-324),
        Just(0.0),
        Just(-0.0),
        any::<f64>(),
        -3.0..3.0f64,
        0.0..1.0f64,
    ]
}

fn wild_vec() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(wild(), 0..5)
}

/// Chỉ số: nhỏ, ngay ngoài miền, hoặc khổng lồ.
fn index() -> impl Strategy<Value = usize> {
    prop_oneof![0..6usize, Just(usize::MAX), Just(usize::MAX / 2)]
}

fn matrix() -> impl Strategy<Value = Array2<f64>> {
    (0..4usize, 0..4usize).prop_flat_map(|(r, c)| {
        prop::collection::vec(wild(), r * c)
            .prop_map(move |v| Array2::from_shape_vec((r, c), v).unwrap())
    })
}

fn labels() -> impl Strategy<Value = Vec<Option<usize>>> {
    prop::collection::vec(prop::option::of(index()), 0..6)
}

fn counts() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(
        prop_oneof![0..10u64, Just(u64::MAX), Just(u64::MAX / 2)],
        0..5,
    )
}

/// Gọi `f` dưới `catch_unwind`: hoảng là thất bại; `Ok(v)` phải thoả `valid(v)`.
fn total<T: std::fmt::Debug>(
    what: &str,
    f: impl FnOnce() -> Result<T>,
    valid: impl FnOnce(&T) -> bool,
) -> std::result::Result<(), TestCaseError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Err(_) => Err(TestCaseError::fail(format!("{what}: hoảng (panic)"))),
        Ok(Ok(v)) if !valid(&v) => Err(TestCaseError::fail(format!(
            "{what}: Ok với giá trị không hợp lệ {v:?}"
        ))),
        Ok(_) => Ok(()),
    }
}

fn finite(x: &f64) -> bool {
    x.is_finite()
}

fn all_finite<'a>(v: impl IntoIterator<Item = &'a f64>) -> bool {
    v.into_iter().all(|x| x.is_finite())
}

/// Giá trị có thể là +∞ đúng (entropy chéo, KL khi q_i = 0 < p_i), nhưng không NaN, không âm.
fn non_negative_or_inf(x: &f64) -> bool {
    *x >= 0.0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Họ softmax: không hoảng; Ok thì hữu hạn (log-softmax, entropy chéo có thể −∞/+∞ khi chênh lệch vượt f64).
    #[test]
    fn total_softmax_family(z in wild_vec(), y in index(), t in wild()) {
        total("softmax", || softmax(&z), |p| all_finite(p))?;
        total("log_softmax", || log_softmax(&z), |v| v.iter().all(|x| !x.is_nan() && *x <= 0.0))?;
        total("log_sum_exp", || log_sum_exp(&z), |x| !x.is_nan())?;
        total("softmax_with_temperature", || softmax_with_temperature(&z, t), |p| all_finite(p))?;
        total("cross_entropy", || cross_entropy(&z, y), non_negative_or_inf)?;
        total("logit_gradient", || logit_gradient(&z, y), |g| all_finite(g))?;
        total("softmax_jacobian", || softmax_jacobian(&z), |j| all_finite(j.iter()))?;
        total("softmax_hessian", || softmax_hessian(&z), |h| all_finite(h.iter()))?;
        total("curvature_bound", || curvature_bound(&z), finite)?;
        total("perplexity", || perplexity(t), |x| !x.is_nan())?;
        total("mean_cross_entropy", || mean_cross_entropy(std::slice::from_ref(&z), &[y]), non_negative_or_inf)?;
    }

    /// Entropy chéo của transformer: hàng xác suất không tổng bằng 1, NaN, sai hình dạng đều bị từ chối.
    #[test]
    fn total_transformer_cross_entropy(m in matrix(), y in prop::collection::vec(index(), 0..4)) {
        total("cross_entropy_forward", || cross_entropy_forward(&m, &y), |(l, p)| *l >= 0.0 && all_finite(p.iter()))?;
        total("cross_entropy_backward", || cross_entropy_backward(&m, &y), |g| all_finite(g.iter()))?;
        // một hàng xác suất thật (tổng 1) thì được nhận; tổng 0.5 thì không
        prop_assert!(cross_entropy_backward(&Array2::from_elem((1, 2), 0.25), &[0]).is_err());
    }

    /// Thông tin: phân phối không hợp lệ → Err; Ok thì không NaN, không âm.
    #[test]
    fn total_information(p in wild_vec(), q in wild_vec(), data in prop::collection::vec(index(), 0..4), v in index()) {
        total("entropy", || entropy(&p), |x| finite(x) && *x >= 0.0)?;
        total("cross_entropy_pq", || cross_entropy_pq(&p, &q), non_negative_or_inf)?;
        total("kl_divergence", || kl_divergence(&p, &q), |x| !x.is_nan())?;
        total("empirical_distribution", || empirical_distribution(&data, v), |d| all_finite(d))?;
        total("empirical_cross_entropy", || empirical_cross_entropy(&data, &q), non_negative_or_inf)?;
    }

    /// Lấy mẫu âm: tích vô hướng tràn số, tổng số đếm tràn u64, xác suất âm hoặc chưa chuẩn hoá,
    /// nhiệt độ/ngưỡng/cửa sổ vô lý.
    #[test]
    fn total_negative_sampling(
        v in wild_vec(), u in wild_vec(), n in wild_vec(), c in counts(), x in wild(), t in wild(),
        sentence in prop::collection::vec(index(), 0..5), window in index(), df in index(),
        probs in wild_vec(),
    ) {
        let negatives = [n.as_slice()];
        total("sgns_loss", || sgns_loss(&v, &u, &negatives), |l| finite(l) && *l >= 0.0)?;
        total("sgns_gradients", || sgns_gradients(&v, &u, &negatives), |g| {
            all_finite(&g.center) && all_finite(&g.context) && g.negatives.iter().all(|r| all_finite(r.as_slice()))
        })?;
        total("noise_distribution", || noise_distribution(&c, x), |p| all_finite(p))?;
        total("NoiseSampler::new", || NoiseSampler::new(&c, x).map(|_| ()), |_| true)?;
        total("keep_probability", || keep_probability(x, t), |p| (0.0..=1.0).contains(p))?;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        total("subsample", || subsample(&sentence, &c, t, &mut rng), |_| true)?;
        total("context_pairs", || context_pairs(&sentence, window, &mut rng), |_| true)?;
        total("chi_square_statistic", || chi_square_statistic(&c, &probs), |s| finite(s) && *s >= 0.0)?;
        total("chi_square_critical", || chi_square_critical(df, x), finite)?;
        let points: Vec<(f64, f64)> = v.iter().copied().zip(u.iter().copied()).collect();
        total("loglog_slope", || loglog_slope(&points), finite)?;
        total("zipf_counts", || zipf_counts(df as u64).map(|c| c.len()), |_| true)?;
    }

    /// PMI: hình dạng X khác bảng đếm (cùng số phần tử), P_n âm/chưa chuẩn hoá, k âm.
    #[test]
    fn total_pmi(m in matrix(), x in matrix(), noise in wild_vec(), k in wild()) {
        total("pmi_matrix", || pmi_matrix(&m), |p| all_finite(p.iter()))?;
        total("unigram_contexts", || unigram_contexts(&m), |p| all_finite(p))?;
        total("expected_objective", || expected_objective(&m, &noise, k, &x), finite)?;
        total("cellwise_optimum", || cellwise_optimum(&m, &noise, k), |p| all_finite(p.iter()))?;
        let xt = x.t().to_owned();
        total("expected_objective (Xᵀ)", || expected_objective(&m, &noise, k, &xt), finite)?;
    }

    /// Hình học: NaN, ±1e308 (trung bình tràn số), nhãn khổng lồ, chỉ số ngoài miền.
    #[test]
    fn total_geometry(m in matrix(), a in wild_vec(), b in wild_vec(), lab in labels(), i in index(), k in index()) {
        total("cosine", || cosine(&a, &b), finite)?;
        total("correlation", || correlation(&a, &b), finite)?;
        total("mean_vector", || mean_vector(&m), |v| all_finite(v.iter()))?;
        total("centre_rows", || centre_rows(&m), |v| all_finite(v.iter()))?;
        total("mean_pairwise_dot", || mean_pairwise_dot(&m), finite)?;
        total("anisotropy", || anisotropy(&m), finite)?;
        total("nearest_neighbours", || nearest_neighbours(&m, i, k), |_| true)?;
        total("neighbour_purity", || neighbour_purity(&m, &lab, k), finite)?;
        total("silhouette", || silhouette(&m, &lab), finite)?;
        total("pca_2d", || pca_2d(&m).map(|_| ()), |_| true)?;
        // trị riêng thật có thể vượt f64::MAX (ví dụ a + b với a, b cỡ 1e308): ±∞ đúng, NaN thì không
        total("symmetric_eigenvalues", || symmetric_eigenvalues(&m), |e| e.iter().all(|x| !x.is_nan()))?;
    }

    /// Bộ kiểm gradient: h = 0, NaN, ∞, h quá nhỏ so với x; f trả NaN.
    #[test]
    fn total_gradcheck(x in wild_vec(), h in wild(), a in wild_vec(), b in wild_vec()) {
        total("numerical_gradient", || numerical_gradient(|p| Ok(p.iter().map(|v| v * v).sum()), &x, h), |g| all_finite(g))?;
        total("max_relative_error", || max_relative_error(&a, &b), finite)?;
    }

    /// Kích thước khổng lồ: không cấp phát (abort) mà trả lỗi.
    #[test]
    fn total_sizes(v in index(), d in index(), token in index(), theta in wild_vec()) {
        total("one_hot", || one_hot(token, v).map(|x| x.len()), |_| true)?;
        total("parameter_bytes", || parameter_bytes(v, d, 4), |_| true)?;
        total("gpt2_parameters", || gpt2_parameters(v, d), |_| true)?;
        total("SoftmaxModel::new", || SoftmaxModel::new(v, d, Tying::Untied, 0.1, 1).map(|_| ()), |_| true)?;
        let model = SoftmaxModel::new(2, 1, Tying::Tied, 0.1, 1).unwrap();
        total("SoftmaxModel::with_flat", || model.with_flat(&theta).map(|m| m.flat()), |f| all_finite(f))?;
    }
}

/// Các lớp đầu vào xấu nêu trong issue 10, cố định.
#[test]
fn total_issue_examples() {
    // PMI: X cùng số phần tử nhưng khác hình dạng
    let counts = Array2::from_elem((2, 3), 1.0);
    let x = Array2::zeros((3, 2));
    let noise = [1.0 / 3.0; 3];
    assert!(expected_objective(&counts, &noise, 1.0, &x).is_err());
    // P_n âm / chưa chuẩn hoá, k âm
    assert!(expected_objective(&counts, &[0.5, 0.5, 0.5], 1.0, &Array2::zeros((2, 3))).is_err());
    assert!(cellwise_optimum(&counts, &[-0.5, 1.0, 0.5], 1.0).is_err());
    assert!(cellwise_optimum(&counts, &noise, -2.0).is_err());
    // χ²: số đếm kỳ vọng âm
    assert!(chi_square_statistic(&[1, 2], &[-0.5, 1.5]).is_err());
    // lấy mẫu con: tổng số đếm tràn u64
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    assert!(subsample(&[0], &[u64::MAX, 1], 1e-3, &mut rng).is_err());
    // silhouette: nhãn usize::MAX không làm hoảng
    let m = Array2::from_shape_vec((3, 2), vec![1.0, 0.0, 0.9, 0.1, 0.0, 1.0]).unwrap();
    assert!(silhouette(&m, &[Some(usize::MAX), Some(usize::MAX), Some(0)]).is_ok());
    // bộ kiểm gradient: h = 0 / NaN / ∞
    for h in [0.0, f64::NAN, f64::INFINITY] {
        assert!(numerical_gradient(|p| Ok(p[0]), &[1.0], h).is_err());
    }
    // trung bình với NaN
    assert!(mean_vector(&Array2::from_elem((2, 2), f64::NAN)).is_err());
    // SGNS: tích vô hướng tràn số
    assert!(sgns_loss(&[1e308, 1e308], &[1e308, 1e308], &[]).is_err());
    // tham số NaN
    let model = SoftmaxModel::new(2, 1, Tying::Tied, 0.1, 1).unwrap();
    assert!(model.with_flat(&[f64::NAN, 0.0]).is_err());
    // nhiệt độ rất nhỏ: kết quả đúng (softmax của z/T tính từ hiệu), không báo «logit vô hạn»
    let p = softmax_with_temperature(&[1.0, 0.0], 1e-310).unwrap();
    assert_eq!(p, vec![1.0, 0.0]);
    // hàng xác suất không tổng bằng 1
    assert!(cross_entropy_backward(&Array2::from_elem((1, 2), 0.7), &[0]).is_err());
}
