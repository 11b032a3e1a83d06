//! Kiểm thử chương 6: entropy, entropy chéo, KL, và «tối thiểu entropy chéo = hợp lý cực đại».
//! Tham chiếu độc lập: dạng đóng, tích xác suất tính thẳng, tính chất (proptest), nhiễu loạn có hạt giống.

use embedding_loss::cross_entropy::{cross_entropy, mean_cross_entropy, perplexity};
use embedding_loss::information::{
    check_distribution, cross_entropy_pq, empirical_cross_entropy, empirical_distribution, entropy,
    kl_divergence, nats_to_bits,
};
use embedding_loss::softmax::softmax;
use embedding_loss::Error;
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Phân phối ngẫu nhiên: trọng số ≥ 0 chuẩn hoá, có thể có phần tử bằng 0 và phần tử rất nhỏ.
fn distribution(len: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(prop_oneof![Just(0.0), 1e-12..1e-6f64, 0.0..1.0f64], len)
        .prop_filter("cần ít nhất một phần tử dương", |w| {
            w.iter().any(|&x| x > 1e-3)
        })
        .prop_map(|w| {
            let s: f64 = w.iter().sum();
            w.into_iter().map(|x| x / s).collect()
        })
}

/// Phân phối với mọi phần tử dương (để KL hữu hạn khi đóng vai q).
fn positive_distribution(len: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(1e-6..1.0f64, len).prop_map(|w| {
        let s: f64 = w.iter().sum();
        w.into_iter().map(|x| x / s).collect()
    })
}

fn pair() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (2usize..8).prop_flat_map(|n| (distribution(n), positive_distribution(n)))
}

/// Entropy (6.1) khớp dạng đóng: đều trên V cho ln V; Bernoulli(a) cho −a ln a − (1−a) ln(1−a); one-hot cho 0
/// (quy ước 0·log 0 = 0, không NaN).
#[test]
fn eq_6_1_entropy_closed_forms() {
    for v in [1usize, 2, 5, 50_257] {
        let u = vec![1.0 / v as f64; v];
        assert!((entropy(&u).unwrap() - (v as f64).ln()).abs() <= 1e-9);
    }
    for a in [0.1, 0.3, 0.5] {
        let want = -a * f64::ln(a) - (1.0 - a) * f64::ln(1.0 - a);
        assert!((entropy(&[a, 1.0 - a]).unwrap() - want).abs() <= 1e-15);
    }
    assert_eq!(entropy(&[0.0, 1.0, 0.0]).unwrap(), 0.0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Entropy (6.1) nằm trong [0, ln V] với mọi phân phối, kể cả có phần tử bằng 0.
    #[test]
    fn eq_6_1_entropy_bounds(p in (1usize..10).prop_flat_map(distribution)) {
        let h = entropy(&p).unwrap();
        prop_assert!(h >= 0.0 && h <= (p.len() as f64).ln() + 1e-12);
    }

    /// H(p, q) = H(p) + KL(p‖q) (6.4), sai lệch ≤ 1e-12 · (1 + H(p, q)), với p có phần tử 0 và q dương.
    #[test]
    fn eq_6_4_cross_entropy_decomposes((p, q) in pair()) {
        let ce = cross_entropy_pq(&p, &q).unwrap();
        let sum = entropy(&p).unwrap() + kl_divergence(&p, &q).unwrap();
        prop_assert!((ce - sum).abs() <= 1e-12 * (1.0 + ce), "H(p,q) = {ce}, H(p) + KL = {sum}");
    }

    /// Bất đẳng thức Gibbs (6.5): KL(p‖q) ≥ 0 và ≥ ½‖p − q‖₁² (bất đẳng thức Pinsker, tham chiếu độc lập),
    /// nên KL = 0 kéo theo p = q; và KL(p‖p) = 0 đúng tuyệt đối.
    #[test]
    fn eq_6_5_gibbs_inequality((p, q) in pair()) {
        let kl = kl_divergence(&p, &q).unwrap();
        let l1: f64 = p.iter().zip(&q).map(|(a, b)| (a - b).abs()).sum();
        prop_assert!(kl >= 0.5 * l1 * l1 - 1e-12, "KL = {kl}, ½‖p − q‖₁² = {}", 0.5 * l1 * l1);
        prop_assert_eq!(kl_divergence(&p, &p).unwrap(), 0.0);
    }

    /// One-hot (6.7): p = e_y cho H(p) = 0 và H(p, q) = KL(p‖q) = −log q_y = entropy chéo chương 2 (2.2)
    /// với q = softmax(z), logit trong ±30 (sai lệch tương đối ≤ 1e-12).
    #[test]
    fn eq_6_7_one_hot_target(z in prop::collection::vec(-30.0..30.0f64, 2..8), t in 0usize..8) {
        let y = t % z.len();
        let q = softmax(&z).unwrap();
        let mut p = vec![0.0; z.len()];
        p[y] = 1.0;
        let ce = cross_entropy_pq(&p, &q).unwrap();
        prop_assert_eq!(entropy(&p).unwrap(), 0.0);
        prop_assert!((ce - kl_divergence(&p, &q).unwrap()).abs() <= 1e-12 * (1.0 + ce));
        prop_assert!((ce - cross_entropy(&z, y).unwrap()).abs() <= 1e-12 * (1.0 + ce));
    }

    /// Entropy chéo thực nghiệm (6.8): −(1/N) Σ log q(x_n) = H(p̂, q) với p̂ đếm từ dữ liệu, và bằng
    /// −(1/N) log Πₙ q(x_n) tính bằng tích thẳng (N ≤ 40 nên tích không tràn số dưới).
    #[test]
    fn eq_6_8_empirical_ce_is_negative_log_likelihood(
        data in prop::collection::vec(0usize..5, 1..40),
        q in positive_distribution(5),
    ) {
        let ce = empirical_cross_entropy(&data, &q).unwrap();
        let p_hat = empirical_distribution(&data, 5).unwrap();
        prop_assert!((ce - cross_entropy_pq(&p_hat, &q).unwrap()).abs() <= 1e-12 * (1.0 + ce));
        let likelihood: f64 = data.iter().map(|&x| q[x]).product();
        prop_assert!((ce + likelihood.ln() / data.len() as f64).abs() <= 1e-12 * (1.0 + ce));
    }

    /// Hợp lý cực đại (6.9): q̂ = p̂ = n_k/N cho entropy chéo thực nghiệm nhỏ nhất, bằng H(p̂); mọi q khác
    /// (ngẫu nhiên, hoặc q̂ bị nhiễu loạn) cho giá trị lớn hơn, đúng bằng H(p̂) + KL(p̂‖q).
    #[test]
    fn eq_6_9_mle_minimises_empirical_ce(
        data in prop::collection::vec(0usize..4, 1..60),
        q in positive_distribution(4),
        seed in any::<u64>(),
    ) {
        let mle = empirical_distribution(&data, 4).unwrap();
        let best = empirical_cross_entropy(&data, &mle).unwrap();
        prop_assert!((best - entropy(&mle).unwrap()).abs() <= 1e-12);
        let other = empirical_cross_entropy(&data, &q).unwrap();
        prop_assert!(other >= best - 1e-12);
        prop_assert!((other - best - kl_divergence(&mle, &q).unwrap()).abs() <= 1e-10 * (1.0 + other));
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let nudged: Vec<f64> = mle.iter().map(|&m| m + rng.random_range(0.0..0.05)).collect();
        let s: f64 = nudged.iter().sum();
        let nudged: Vec<f64> = nudged.into_iter().map(|x| x / s).collect();
        prop_assert!(empirical_cross_entropy(&data, &nudged).unwrap() > best);
    }

    /// Chuỗi (6.10): mất mát trung bình từng token của chương 2 (2.6) nhân T bằng −log P(y_1, …, y_T),
    /// với xác suất chuỗi tính bằng tích thẳng Π_t softmax(z_t)[y_t] theo quy tắc nhân xác suất.
    #[test]
    fn eq_6_10_sequence_loss_is_nll(
        steps in prop::collection::vec((prop::collection::vec(-5.0..5.0f64, 4), 0usize..4), 1..30),
    ) {
        let (logits, targets): (Vec<Vec<f64>>, Vec<usize>) = steps.into_iter().unzip();
        let mean = mean_cross_entropy(&logits, &targets).unwrap();
        let joint: f64 = logits.iter().zip(&targets).map(|(z, &y)| softmax(z).unwrap()[y]).product();
        let t = targets.len() as f64;
        prop_assert!((mean * t + joint.ln()).abs() <= 1e-12 * (1.0 + mean * t));
    }

    /// Đơn vị (6.11): H_bit = H_nat / ln 2, và perplexity e^{H_nat} = 2^{H_bit} (sai lệch tương đối ≤ 1e-12).
    #[test]
    fn eq_6_11_bits_and_perplexity(p in (1usize..10).prop_flat_map(distribution)) {
        let h = entropy(&p).unwrap();
        let bits = nats_to_bits(h);
        let via_log2 = -p.iter().filter(|&&x| x > 0.0).map(|&x| x * x.log2()).sum::<f64>();
        prop_assert!((bits - via_log2).abs() <= 1e-12 * (1.0 + bits));
        let ppl = perplexity(h).unwrap();
        prop_assert!((ppl - 2f64.powf(bits)).abs() <= 1e-12 * ppl);
    }
}

/// Entropy chéo (6.2) theo quy ước: số hạng p_i = 0 bỏ qua kể cả khi q_i = 0; q_i = 0 < p_i cho +∞
/// (f64::INFINITY), không phải NaN hay lỗi; Bernoulli khớp dạng đóng −a ln b − (1−a) ln(1−b).
#[test]
fn eq_6_2_cross_entropy_conventions() {
    assert_eq!(
        cross_entropy_pq(&[0.5, 0.5, 0.0], &[0.5, 0.5, 0.0]).unwrap(),
        std::f64::consts::LN_2
    );
    assert_eq!(
        cross_entropy_pq(&[0.5, 0.5, 0.0], &[1.0, 0.0, 0.0]).unwrap(),
        f64::INFINITY
    );
    let (a, b) = (0.2_f64, 0.7_f64);
    let want = -(a * b.ln() + (1.0 - a) * (1.0 - b).ln());
    assert!((cross_entropy_pq(&[a, 1.0 - a], &[b, 1.0 - b]).unwrap() - want).abs() <= 1e-15);
}

/// KL (6.3) theo quy ước: 0·log(0/q) = 0 (kể cả q = 0), p_i > 0 = q_i cho +∞; đổi chiều cho ln 2 hữu hạn;
/// Bernoulli khớp dạng đóng a ln(a/b) + (1−a) ln((1−a)/(1−b)).
#[test]
fn eq_6_3_kl_conventions() {
    let (half, one) = ([0.5, 0.5, 0.0], [1.0, 0.0, 0.0]);
    assert_eq!(kl_divergence(&half, &half).unwrap(), 0.0);
    assert_eq!(kl_divergence(&half, &one).unwrap(), f64::INFINITY);
    assert!((kl_divergence(&one, &half).unwrap() - std::f64::consts::LN_2).abs() <= 1e-15);
    let (a, b) = (0.2_f64, 0.7_f64);
    let want = a * (a / b).ln() + (1.0 - a) * ((1.0 - a) / (1.0 - b)).ln();
    assert!((kl_divergence(&[a, 1.0 - a], &[b, 1.0 - b]).unwrap() - want).abs() <= 1e-15);
}

/// Bất đối xứng (6.6): p = (½, ½), q = (0.9, 0.1) cho KL(p‖q) = ln(5/3) và KL(q‖p) = 0.9 ln 1.8 + 0.1 ln 0.2
/// (dạng đóng), hai số khác nhau.
#[test]
fn eq_6_6_kl_is_asymmetric() {
    let (p, q) = ([0.5, 0.5], [0.9, 0.1]);
    let forward = kl_divergence(&p, &q).unwrap();
    let backward = kl_divergence(&q, &p).unwrap();
    assert!((forward - (5.0_f64 / 3.0).ln()).abs() <= 1e-15);
    assert!((backward - (0.9 * 1.8_f64.ln() + 0.1 * 0.2_f64.ln())).abs() <= 1e-15);
    assert!(forward - backward > 0.1);
}

/// Phân phối không hợp lệ là lỗi `InvalidDistribution`: rỗng, âm, NaN, tổng khác 1; khác độ dài là `ShapeMismatch`;
/// token ngoài từ vựng và dữ liệu rỗng cũng là lỗi.
#[test]
fn invalid_distributions_are_errors() {
    let bad = |r: embedding_loss::Result<f64>| matches!(r, Err(Error::InvalidDistribution { .. }));
    assert!(bad(entropy(&[])));
    assert!(bad(entropy(&[1.5, -0.5])));
    assert!(bad(entropy(&[f64::NAN, 1.0])));
    assert!(bad(cross_entropy_pq(&[0.5, 0.5], &[0.5, 0.6])));
    assert!(matches!(
        kl_divergence(&[1.0], &[0.5, 0.5]),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(check_distribution("p", &[0.3, 0.7 + 1e-10]).is_ok());
    assert!(empirical_distribution(&[0, 5], 3).is_err());
    assert!(empirical_distribution(&[], 3).is_err());
    assert!(empirical_cross_entropy(&[3], &[0.5, 0.5]).is_err());
}
