//! Kiểm thử chương 2: softmax, entropy chéo, log-sum-exp, perplexity, nhiệt độ.
//! Tham chiếu độc lập: công thức ngây thơ ở miền an toàn, dạng đóng cho hai logit, tích xác suất.

use approx::assert_relative_eq;
use embedding_loss::cross_entropy::{cross_entropy, mean_cross_entropy, perplexity};
use embedding_loss::softmax::{
    log_softmax, log_sum_exp, naive_softmax, softmax, softmax_with_temperature,
};
use embedding_loss::Error;
use proptest::prelude::*;

use crate::common::softplus;

/// Logit "dễ": |z| ≤ 30, nơi công thức ngây thơ còn chính xác.
fn moderate() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-30.0f64..30.0, 1..20)
}

/// Logit cực trị: trộn ±1e3, bằng nhau, một logit áp đảo.
fn extreme() -> impl Strategy<Value = Vec<f64>> {
    prop_oneof![
        prop::collection::vec(-1e3f64..1e3, 1..20),
        (-1e3f64..1e3, 1usize..20).prop_map(|(c, n)| vec![c; n]),
        (prop::collection::vec(-1.0f64..1.0, 1..20), 500.0f64..1e3).prop_map(|(mut v, big)| {
            v[0] = big;
            v
        }),
        prop::collection::vec(prop_oneof![Just(-1e3), Just(1e3), -1.0f64..1.0], 1..20),
    ]
}

proptest! {
    /// (2.1): softmax ổn định trùng định nghĩa `e^{z_i}/Σ e^{z_j}` (tính ngây thơ) trên miền an toàn, sai số 1e-12.
    #[test]
    fn eq_2_1_softmax_matches_definition(z in moderate()) {
        let p = softmax(&z).unwrap();
        for (a, b) in p.iter().zip(naive_softmax(&z)) {
            prop_assert!((a - b).abs() <= 1e-12 * b.max(1e-300) + 1e-300, "{a} vs {b}");
        }
    }

    /// (2.1): với logit cực trị, softmax vẫn là một phân phối: mọi P(i) ∈ [0, 1], hữu hạn, tổng bằng 1 (sai số 1e-12).
    #[test]
    fn eq_2_1_softmax_is_distribution_at_extremes(z in extreme()) {
        let p = softmax(&z).unwrap();
        prop_assert!(p.iter().all(|x| x.is_finite() && (0.0..=1.0).contains(x)));
        prop_assert!((p.iter().sum::<f64>() - 1.0).abs() <= 1e-12);
    }

    /// (2.2): `L = −log P(y)` trùng `−ln` của softmax ngây thơ trên miền an toàn.
    #[test]
    fn eq_2_2_cross_entropy_is_neg_log_prob(z in moderate(), y_frac in 0.0f64..1.0) {
        let y = ((y_frac * z.len() as f64) as usize).min(z.len() - 1);
        let naive = -naive_softmax(&z)[y].ln();
        prop_assert!((cross_entropy(&z, y).unwrap() - naive).abs() <= 1e-10 * naive.max(1.0));
    }

    /// (2.2): hai logit `[0, a]`, nhãn 0: `L = log(1 + e^a)` (dạng đóng softplus) đúng tới 1e-12 cả khi `a = ±800`.
    #[test]
    fn eq_2_2_cross_entropy_two_logits_closed_form(a in prop_oneof![-1e3f64..1e3, Just(800.0), Just(-800.0)]) {
        let got = cross_entropy(&[0.0, a], 0).unwrap();
        prop_assert!((got - softplus(a)).abs() <= 1e-12 * softplus(a).max(1.0));
    }

    /// (2.3): softmax bất biến khi cộng cùng một hằng c vào mọi logit (so hai lần gọi, sai số 1e-12).
    #[test]
    fn eq_2_3_softmax_shift_invariance(z in extreme(), c in -1e3f64..1e3) {
        let shifted: Vec<f64> = z.iter().map(|x| x + c).collect();
        let (p, q) = (softmax(&z).unwrap(), softmax(&shifted).unwrap());
        for (a, b) in p.iter().zip(&q) {
            prop_assert!((a - b).abs() <= 1e-12, "{a} vs {b}");
        }
    }

    /// (2.4): log-sum-exp ổn định bằng `ln Σ e^{z_j}` ngây thơ trên miền an toàn, và luôn nằm trong `[max z, max z + ln n]`.
    #[test]
    fn eq_2_4_log_sum_exp(z in moderate(), big in extreme()) {
        let naive = z.iter().map(|x| x.exp()).sum::<f64>().ln();
        prop_assert!((log_sum_exp(&z).unwrap() - naive).abs() <= 1e-12 * naive.abs().max(1.0));
        let m = big.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let lse = log_sum_exp(&big).unwrap();
        prop_assert!(lse >= m && lse <= m + (big.len() as f64).ln() + 1e-12);
    }

    /// (2.5): `exp(log_softmax)` trùng softmax, và log-softmax hữu hạn, ≤ 0 với logit cực trị.
    #[test]
    fn eq_2_5_log_softmax(z in extreme()) {
        let lp = log_softmax(&z).unwrap();
        let p = softmax(&z).unwrap();
        prop_assert!(lp.iter().all(|x| x.is_finite() && *x <= 1e-15));
        for (a, b) in lp.iter().zip(&p) {
            prop_assert!((a.exp() - b).abs() <= 1e-12);
        }
    }
}

/// (2.6): mất mát trung bình của chuỗi bằng `−(1/T)·ln Π_t P(y_t)` tính bằng tích các xác suất ngây thơ.
#[test]
fn eq_2_6_sequence_loss_is_mean_neg_log_product() {
    let logits = vec![
        vec![0.5, 3.0, 0.2],
        vec![0.1, -0.5, 2.5],
        vec![-0.2, 0.3, 0.4],
    ];
    let targets = [1, 2, 0];
    let product: f64 = logits
        .iter()
        .zip(&targets)
        .map(|(z, &y)| naive_softmax(z)[y])
        .product();
    let want = -product.ln() / 3.0;
    assert_relative_eq!(
        mean_cross_entropy(&logits, &targets).unwrap(),
        want,
        max_relative = 1e-12
    );
    assert!(matches!(
        mean_cross_entropy(&logits, &targets[..2]),
        Err(Error::ShapeMismatch { .. })
    ));
    assert_eq!(
        mean_cross_entropy(&[], &[]),
        Err(Error::Empty("chuỗi token đích"))
    );
}

/// (2.7): mô hình đoán đều trên V token có perplexity đúng bằng V; và PPL = exp(L̄) đảo được bằng ln.
#[test]
fn eq_2_7_perplexity_of_uniform_is_vocab_size() {
    for v in [2usize, 5, 50_257] {
        let z = vec![0.0; v.min(1000)];
        let loss = cross_entropy(&z, 0).unwrap(); // = ln(min(v,1000))
        assert_relative_eq!(
            perplexity(loss).unwrap(),
            v.min(1000) as f64,
            max_relative = 1e-12
        );
        assert_relative_eq!(
            perplexity((v as f64).ln()).unwrap(),
            v as f64,
            max_relative = 1e-12
        );
    }
    assert_relative_eq!(perplexity(0.75).unwrap().ln(), 0.75, max_relative = 1e-15);
    assert!(perplexity(f64::NAN).is_err());
    assert!(perplexity(-1.0).is_err());
}

/// (2.8): nhiệt độ: T = 1 là softmax; T lớn → phân phối đều; T nhỏ → one-hot tại logit lớn nhất; T ≤ 0 là lỗi.
#[test]
fn eq_2_8_temperature_limits() {
    let z = [2.0, 1.0, 0.5, -1.0];
    assert_eq!(
        softmax_with_temperature(&z, 1.0).unwrap(),
        softmax(&z).unwrap()
    );
    let hot = softmax_with_temperature(&z, 1e6).unwrap();
    assert!(hot.iter().all(|p| (p - 0.25).abs() < 1e-6));
    let cold = softmax_with_temperature(&z, 1e-3).unwrap();
    assert_relative_eq!(cold[0], 1.0, epsilon = 1e-12);
    let half = softmax_with_temperature(&z, 0.5).unwrap();
    let doubled: Vec<f64> = z.iter().map(|x| 2.0 * x).collect();
    assert_eq!(half, softmax(&doubled).unwrap());
    for t in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            softmax_with_temperature(&z, t),
            Err(Error::InvalidParameter { .. })
        ));
    }
}

/// Đầu vào sai: NaN, ±∞, rỗng, nhãn ngoài từ vựng đều là lỗi rõ ràng.
#[test]
fn bad_logits_are_errors() {
    assert!(matches!(
        softmax(&[1.0, f64::NAN]),
        Err(Error::NonFinite { index: 1, .. })
    ));
    assert!(matches!(
        softmax(&[f64::INFINITY]),
        Err(Error::NonFinite { index: 0, .. })
    ));
    assert_eq!(softmax(&[]), Err(Error::Empty("logits")));
    assert_eq!(
        cross_entropy(&[1.0, 2.0], 2),
        Err(Error::TokenOutOfRange { id: 2, vocab: 2 })
    );
}
