//! Kiểm thử chương 5: Hessian của entropy chéo theo logit, phổ trị riêng (nalgebra `SymmetricEigen`),
//! ví dụ không lồi theo tham số, ổn định số và f32 so với f64.

use embedding_loss::cross_entropy::cross_entropy;
use embedding_loss::gradcheck::{max_relative_error, numerical_gradient, STEP};
use embedding_loss::gradient::{logit_gradient, output_gradient};
use embedding_loss::hessian::{
    cross_entropy_f32, curvature_bound, naive_cross_entropy_f32, saddle_gradient, saddle_loss,
    softmax_hessian, symmetric_eigenvalues,
};
use embedding_loss::softmax::{naive_softmax, softmax};
use ndarray::{Array1, Array2, ArrayView2};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::common::{flat, logits};

/// Hessian số: hàng i là gradient số (3.5) của thành phần thứ i của gradient giải tích.
fn numerical_hessian<G>(grad: G, x: &[f64]) -> Array2<f64>
where
    G: Fn(&[f64]) -> embedding_loss::Result<Vec<f64>>,
{
    let n = x.len();
    let mut h = Array2::zeros((n, n));
    for i in 0..n {
        let row = numerical_gradient(|p| Ok(grad(p)?[i]), x, STEP).unwrap();
        for (j, v) in row.into_iter().enumerate() {
            h[[i, j]] = v;
        }
    }
    h
}

/// Logit kể cả trường hợp cực trị: ±1e3, tất cả bằng nhau, một logit áp đảo.
fn extreme_logits() -> impl Strategy<Value = Vec<f64>> {
    prop_oneof![
        logits(1e3),
        (2usize..8, -1e3..1e3f64).prop_map(|(n, c)| vec![c; n]),
        logits(5.0).prop_map(|mut z| {
            z[0] = 1e3;
            z
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// H = diag(P) − PPᵀ (5.1) khớp Hessian số: sai phân trung tâm của gradient P − y, với mọi token đúng y.
    #[test]
    fn eq_5_1_hessian_matches_finite_differences(z in logits(6.0), t in 0usize..8) {
        let y = t % z.len();
        let numeric = numerical_hessian(|x| logit_gradient(x, y), &z);
        let analytic = softmax_hessian(&z).unwrap();
        prop_assert!(max_relative_error(&flat(&analytic), &flat(&numeric)).unwrap() <= 1e-6);
    }

    /// Đường chéo của (5.1) bằng P_i(1 − P_i) và cũng bằng sai phân bậc hai trung tâm của L theo z_i
    /// (tham chiếu chỉ dùng hàm mất mát, không dùng gradient).
    #[test]
    fn eq_5_1_diagonal_is_p_one_minus_p(z in logits(6.0), t in 0usize..8) {
        let y = t % z.len();
        let h = softmax_hessian(&z).unwrap();
        let p = softmax(&z).unwrap();
        let step = 1e-4;
        for i in 0..z.len() {
            prop_assert!((h[[i, i]] - p[i] * (1.0 - p[i])).abs() <= 1e-15);
            let mut plus = z.clone();
            let mut minus = z.clone();
            plus[i] += step;
            minus[i] -= step;
            let l0 = cross_entropy(&z, y).unwrap();
            let second = (cross_entropy(&plus, y).unwrap() - 2.0 * l0 + cross_entropy(&minus, y).unwrap()) / (step * step);
            prop_assert!((second - h[[i, i]]).abs() <= 2e-6, "i = {}: {} so với {}", i, second, h[[i, i]]);
        }
    }

    /// vᵀHv (5.2) bằng phương sai Var_P(v) = Σ P_i (v_i − E_P v)² tính hai lượt, sai lệch ≤ 1e-12 · thang,
    /// kể cả ở logit cực trị.
    #[test]
    fn eq_5_2_quadratic_form_is_variance(z in extreme_logits(), seed in any::<u64>()) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let v: Vec<f64> = (0..z.len()).map(|_| rng.random_range(-3.0..3.0)).collect();
        let h = softmax_hessian(&z).unwrap();
        let va = Array1::from(v.clone());
        let quad = va.dot(&h.dot(&va));
        let p = softmax(&z).unwrap();
        let mean: f64 = p.iter().zip(&v).map(|(pi, vi)| pi * vi).sum();
        let var: f64 = p.iter().zip(&v).map(|(pi, vi)| pi * (vi - mean).powi(2)).sum();
        prop_assert!((quad - var).abs() <= 1e-12 * (1.0 + var), "vᵀHv = {quad}, Var = {var}");
        prop_assert!(quad >= -1e-12);
    }

    /// H nửa xác định dương (5.2): mọi trị riêng do `SymmetricEigen` tính đều ≥ −1e-12.
    #[test]
    fn eq_5_2_eigenvalues_nonnegative(z in extreme_logits()) {
        let eig = symmetric_eigenvalues(&softmax_hessian(&z).unwrap()).unwrap();
        prop_assert!(eig.iter().all(|&l| l >= -1e-12), "{eig:?}");
    }

    /// H·1 = 0 (5.3): tổng mỗi hàng bằng 0, và L(z + c·1) = L(z) với c bất kỳ (so với chính L, sai lệch ~ε·|c|).
    #[test]
    fn eq_5_3_ones_in_null_space(z in extreme_logits(), c in -1e3..1e3f64, t in 0usize..8) {
        let h = softmax_hessian(&z).unwrap();
        for i in 0..z.len() {
            prop_assert!(h.row(i).sum().abs() <= 1e-15);
        }
        let y = t % z.len();
        let shifted: Vec<f64> = z.iter().map(|x| x + c).collect();
        let (a, b) = (cross_entropy(&z, y).unwrap(), cross_entropy(&shifted, y).unwrap());
        prop_assert!((a - b).abs() <= 1e-12 * (1.0 + a.abs() + c.abs() + z.iter().fold(0.0_f64, |m, x| m.max(x.abs()))));
    }

    /// Hạng V − 1 (5.4): khi mọi P_i > 0 (logit vừa phải), đúng một trị riêng bằng 0 (|λ| ≤ 1e-12) và V − 1
    /// trị riêng còn lại ≥ P_min/2 > 0 (hệ quả của tính xen kẽ (5.5)); vector riêng của trị riêng 0 là 1/√V.
    #[test]
    fn eq_5_4_rank_is_v_minus_one(z in logits(4.0)) {
        let eig = symmetric_eigenvalues(&softmax_hessian(&z).unwrap()).unwrap();
        let p_min = softmax(&z).unwrap().into_iter().fold(1.0, f64::min);
        let zero = eig.iter().filter(|l| l.abs() <= 1e-12).count();
        prop_assert_eq!(zero, 1);
        prop_assert!(eig[..eig.len() - 1].iter().all(|&l| l >= p_min / 2.0), "{eig:?}");
    }

    /// Tính xen kẽ (5.5): với P sắp giảm dần, P_(k+1) ≤ λ_k ≤ P_(k) (sai số 1e-12), và
    /// λ_max ≤ min(P_max, 2 max P_i(1 − P_i)) ≤ 1/2, kể cả ở logit cực trị.
    #[test]
    fn eq_5_5_eigenvalues_interlace_probabilities(z in extreme_logits()) {
        let eig = symmetric_eigenvalues(&softmax_hessian(&z).unwrap()).unwrap();
        let mut p = softmax(&z).unwrap();
        p.sort_by(|a, b| b.total_cmp(a));
        for k in 0..p.len() {
            prop_assert!(eig[k] <= p[k] + 1e-12, "λ_{k} = {} > P_({k}) = {}", eig[k], p[k]);
            if k + 1 < p.len() {
                prop_assert!(eig[k] >= p[k + 1] - 1e-12, "λ_{k} = {} < P_({}) = {}", eig[k], k + 1, p[k + 1]);
            }
        }
        let bound = curvature_bound(&z).unwrap();
        prop_assert!(eig[0] <= bound + 1e-12 && bound <= 0.5 + 1e-15);
    }
}

/// Lồi nhưng không có cực tiểu với token đích cố định (mục 5.3): dọc z = t·e_y (t = 0, 3, …, 30), L giảm ngặt về 0,
/// khớp dạng đóng log(1 + (V − 1)e^{−t}) (tính bằng ln_1p) tới sai số tuyệt đối 4ε(1 + t) — sai số của LSE − z_y là
/// tuyệt đối, không tương đối.
#[test]
fn claim_5_loss_has_no_minimiser() {
    let v = 5;
    let mut previous = f64::INFINITY;
    for k in 0..=10 {
        let t = 3.0 * f64::from(k);
        let mut z = vec![0.0; v];
        z[2] = t;
        let l = cross_entropy(&z, 2).unwrap();
        let closed = ((v - 1) as f64 * (-t).exp()).ln_1p();
        assert!(
            (l - closed).abs() <= 4.0 * f64::EPSILON * (1.0 + t),
            "t = {t}: {l} so với {closed}"
        );
        assert!(l > 0.0 && l < previous, "t = {t}: L = {l} không giảm ngặt");
        previous = l;
    }
    assert!(previous < 1e-12);
}

/// Cận 1/2 của (5.5) đạt được: V = 2, logit bằng nhau cho trị riêng {1/2, 0} (dạng đóng).
#[test]
fn eq_5_5_half_is_attained() {
    let eig = symmetric_eigenvalues(&softmax_hessian(&[0.3, 0.3]).unwrap()).unwrap();
    assert!(
        (eig[0] - 0.5).abs() <= 1e-15 && eig[1].abs() <= 1e-15,
        "{eig:?}"
    );
}

/// Kiểm tính đối xứng theo thang của ma trận: lệch 10⁻¹⁰ lần phần tử lớn nhất (làm tròn) được nhận, ở cả thang 10⁶
/// lẫn 10⁻⁶; lệch 10⁻⁸ lần bị từ chối. Trị riêng của [[a, b], [b, a]] là a ± b (dạng đóng).
#[test]
fn symmetric_eigenvalues_tolerance_is_relative_to_scale() {
    for scale in [1e-6, 1.0, 1e6] {
        let m = |skew: f64| {
            Array2::from_shape_vec(
                (2, 2),
                vec![2.0 * scale, scale, scale * (1.0 + skew), 2.0 * scale],
            )
            .unwrap()
        };
        let eig = symmetric_eigenvalues(&m(1e-10)).unwrap();
        assert!(
            (eig[0] / scale - 3.0).abs() < 1e-9 && (eig[1] / scale - 1.0).abs() < 1e-9,
            "{eig:?}"
        );
        assert!(symmetric_eigenvalues(&m(1e-8)).is_err(), "thang {scale}");
    }
}

/// Gradient giải tích của ví dụ (5.6) khớp sai phân trung tâm của L tại 20 điểm ngẫu nhiên có hạt giống.
#[test]
fn eq_5_6_saddle_gradient_matches_finite_differences() {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    for _ in 0..20 {
        let theta: Vec<f64> = (0..3).map(|_| rng.random_range(-2.0..2.0)).collect();
        let g = saddle_gradient(&theta).unwrap();
        let numeric = numerical_gradient(saddle_loss, &theta, STEP).unwrap();
        assert!(max_relative_error(&g, &numeric).unwrap() <= 1e-6);
    }
}

/// Hessian số của (5.6) tại θ = 0 bằng dạng đóng ½[[0, −1, 1], [−1, 0, 0], [1, 0, 0]], và `SymmetricEigen`
/// cho trị riêng −1/√2, 0, 1/√2 (dạng đóng): có một trị riêng âm, nên L không lồi theo θ.
#[test]
fn eq_5_6_saddle_has_negative_eigenvalue() {
    let h = numerical_hessian(saddle_gradient, &[0.0; 3]);
    let closed =
        Array2::from_shape_vec((3, 3), vec![0.0, -0.5, 0.5, -0.5, 0.0, 0.0, 0.5, 0.0, 0.0])
            .unwrap();
    assert!(
        (&h - &closed).mapv(f64::abs).iter().all(|&d| d <= 1e-9),
        "{h}"
    );
    let sym = (&h + &h.t()) / 2.0;
    let eig = symmetric_eigenvalues(&sym).unwrap();
    let r = std::f64::consts::FRAC_1_SQRT_2;
    for (got, want) in eig.iter().zip([r, 0.0, -r]) {
        assert!((got - want).abs() <= 1e-9, "{eig:?}");
    }
}

/// Không lồi, kiểm bằng định nghĩa (không cần đạo hàm): dọc vector riêng v = (1, 1/√2·(1, −1))/√2 của trị riêng
/// âm, L(θ₀ + t v) + L(θ₀ − t v) < 2 L(θ₀) với t = 1 — bất đẳng thức trung điểm của hàm lồi bị vi phạm.
#[test]
fn claim_5_midpoint_convexity_violated() {
    let v = [0.5_f64.sqrt(), 0.5, -0.5];
    for t in [0.1, 0.5, 1.0, 2.0] {
        let plus: Vec<f64> = v.iter().map(|x| t * x).collect();
        let minus: Vec<f64> = v.iter().map(|x| -t * x).collect();
        let l0 = saddle_loss(&[0.0; 3]).unwrap();
        let mid = saddle_loss(&plus).unwrap() + saddle_loss(&minus).unwrap() - 2.0 * l0;
        assert!(mid < 0.0, "t = {t}: L(+) + L(−) − 2L(0) = {mid}");
    }
}

/// Không lồi ở điểm "bình thường": với z = E h (V = 5, d = 3) và cả E lẫn h đều là tham số, Hessian số theo
/// (h, E) tại điểm ngẫu nhiên có trị riêng âm — ở cả 10 hạt giống.
#[test]
fn claim_5_bilinear_model_has_negative_curvature() {
    for seed in 0..10 {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let theta: Vec<f64> = (0..3 + 15).map(|_| rng.random_range(-1.0..1.0)).collect();
        let y = seed as usize % 5;
        let grad = |x: &[f64]| -> embedding_loss::Result<Vec<f64>> {
            let w = ArrayView2::from_shape((5, 3), &x[3..]).expect("kích thước cố định");
            let g = output_gradient(w, &x[..3], y)?;
            Ok(g.h.iter().chain(g.w.iter()).copied().collect())
        };
        let h = numerical_hessian(grad, &theta);
        let eig = symmetric_eigenvalues(&((&h + &h.t()) / 2.0)).unwrap();
        let lowest = *eig.last().unwrap();
        assert!(lowest < -1e-3, "hạt {seed}: λ_min = {lowest}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Ổn định số (chương 2, (2.4)) giữ ở logit cực trị: softmax hữu hạn, tổng 1, L hữu hạn ≥ 0 với |z| tới 1e300,
    /// trong khi cách ngây thơ cho NaN ngay khi max z > ln(f64::MAX) ≈ 709.78.
    #[test]
    fn claim_5_stable_forms_survive_extremes(z in prop::collection::vec(-1e300..1e300f64, 2..6), t in 0usize..6) {
        let y = t % z.len();
        let p = softmax(&z).unwrap();
        prop_assert!(p.iter().all(|x| x.is_finite() && *x >= 0.0));
        prop_assert!((p.iter().sum::<f64>() - 1.0).abs() <= 1e-12);
        let l = cross_entropy(&z, y).unwrap();
        prop_assert!(l.is_finite() && l >= 0.0);
        if z.iter().any(|&x| x > 709.79) {
            prop_assert!(naive_softmax(&z).iter().any(|x| x.is_nan()));
        }
    }

    /// Sai số f32 (5.7): |L̂_f32 − L_f64| ≤ ε₃₂ · (3 max|z| + V + 2), với L_f64 tính trên chính các logit f32
    /// (để chỉ đo sai số số học), logit tới ±1e4.
    #[test]
    fn eq_5_7_f32_error_bound(z in prop::collection::vec(-1e4..1e4f32, 2..64), t in 0usize..64) {
        let y = t % z.len();
        let got = f64::from(cross_entropy_f32(&z, y).unwrap());
        let wide: Vec<f64> = z.iter().map(|&x| f64::from(x)).collect();
        let want = cross_entropy(&wide, y).unwrap();
        let zmax = wide.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
        let bound = f64::from(f32::EPSILON) * (3.0 * zmax + z.len() as f64 + 2.0);
        prop_assert!((got - want).abs() <= bound, "sai số {} > cận {}", (got - want).abs(), bound);
    }
}

/// Ngưỡng tràn số của cách ngây thơ trong f32 (5.7): z = 88 còn hữu hạn (và đúng tới 10⁻⁵ so với f64), z = 89 >
/// ln(f32::MAX) cho ∞ hoặc NaN, còn cách ổn định đúng ở cả hai (so với f64).
#[test]
fn claim_5_naive_f32_overflows_at_89() {
    for (top, naive_ok) in [(88.0_f32, true), (89.0, false)] {
        let z = [top, top - 1.0, 0.0];
        let naive = naive_cross_entropy_f32(&z, 1);
        let stable = f64::from(cross_entropy_f32(&z, 1).unwrap());
        let reference = cross_entropy(&[f64::from(top), f64::from(top) - 1.0, 0.0], 1).unwrap();
        assert_eq!(naive.is_finite(), naive_ok, "z = {top}: ngây thơ = {naive}");
        assert!(
            !naive_ok || (f64::from(naive) - reference).abs() <= 1e-5,
            "{naive}"
        );
        assert!((stable - reference).abs() <= 1e-5);
    }
}

/// Ổn định số của chính (5.1): tính đường chéo bằng P_i(1 − P_i) thì với z = (0, 40), P_1 làm tròn thành 1,
/// H_11 = 0 và ma trận có trị riêng âm (≈ −P_0); tính bằng P_i Σ_{j≠i} P_j thì mọi trị riêng ≥ 0 và λ_max ≈ 2P_0.
#[test]
fn claim_5_one_minus_p_cancels() {
    let z = [0.0, 40.0];
    let p = softmax(&z).unwrap();
    assert_eq!(p[1], 1.0, "P_1 phải làm tròn thành đúng 1 trong f64");
    let naive = Array2::from_shape_fn((2, 2), |(i, j)| {
        if i == j {
            p[i] * (1.0 - p[i])
        } else {
            -p[i] * p[j]
        }
    });
    let naive_eig = symmetric_eigenvalues(&naive).unwrap();
    assert!(naive_eig[1] < -0.5 * p[0], "{naive_eig:?}");
    let eig = symmetric_eigenvalues(&softmax_hessian(&z).unwrap()).unwrap();
    assert!(
        eig[1] >= 0.0 && (eig[0] - 2.0 * p[0]).abs() <= 1e-12 * p[0],
        "{eig:?}"
    );
}

/// Softmax ở logit bằng nhau và rất lớn (|c| tới 1e300) vẫn cho đúng 1/V: phép tính exp(z_i − lse) cũ cho
/// (1, 1) ở z = (1e17, 1e17) vì lse = m + ln 2 làm tròn về m.
#[test]
fn claim_5_softmax_equal_huge_logits() {
    for c in [1e17, -1e17, 1e300, -1e300, 629.79] {
        for v in [2usize, 3, 7] {
            let p = softmax(&vec![c; v]).unwrap();
            assert!(
                p.iter().all(|&x| (x - 1.0 / v as f64).abs() <= 1e-15),
                "c = {c}: {p:?}"
            );
        }
    }
}

/// Đầu vào sai trả lỗi: ma trận không vuông/không đối xứng/rỗng, θ sai kích thước, logit NaN, token ngoài từ vựng.
#[test]
fn invalid_inputs_are_errors() {
    assert!(symmetric_eigenvalues(&Array2::zeros((2, 3))).is_err());
    assert!(symmetric_eigenvalues(
        &Array2::from_shape_vec((2, 2), vec![1.0, 2.0, 0.0, 1.0]).unwrap()
    )
    .is_err());
    assert!(symmetric_eigenvalues(&Array2::zeros((0, 0))).is_err());
    assert!(saddle_loss(&[1.0, 2.0]).is_err());
    assert!(softmax_hessian(&[f64::NAN, 0.0]).is_err());
    assert!(cross_entropy_f32(&[0.0, 1.0], 2).is_err());
    assert!(cross_entropy_f32(&[f32::INFINITY, 1.0], 0).is_err());
}
