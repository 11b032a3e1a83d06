//! Kiểm thử chương 4: σ và log σ, mục tiêu SGNS và gradient, phân phối nhiễu, lấy mẫu con, cửa sổ động,
//! và định lý Levy–Goldberg (SGNS ⇔ PMI dịch chuyển).

use embedding_loss::gradcheck::{check_gradient, numerical_gradient, STEP};
use embedding_loss::negative_sampling::*;
use embedding_loss::pmi::*;
use ndarray::Array2;
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::common::uniform_vec as random_vec;

proptest! {
    /// (4.1) σ(−x) = 1 − σ(x) và σ(x) = (1 + tanh(x/2))/2 (dạng đóng độc lập), kể cả x = ±1e3.
    #[test]
    fn eq_4_1_sigmoid_symmetry(x in prop_oneof![-1e3..1e3f64, Just(1e3), Just(-1e3), Just(0.0)]) {
        let s = sigmoid(x);
        prop_assert!((sigmoid(-x) - (1.0 - s)).abs() <= 1e-15);
        prop_assert!((s - 0.5 * (1.0 + (x / 2.0).tanh())).abs() <= 1e-15);
        prop_assert!((0.0..=1.0).contains(&s));
    }

    /// (4.3) log σ ổn định khớp công thức ngây thơ −ln(1 + e^{−x}) khi |x| ≤ 30, và không bao giờ −∞/NaN.
    #[test]
    fn eq_4_3_log_sigmoid_matches_naive(x in -30.0..30.0f64) {
        let naive = -(1.0 + (-x).exp()).ln();
        prop_assert!((log_sigmoid(x) - naive).abs() <= 1e-12 * naive.abs().max(1.0));
    }
}

/// (4.3) Ở |x| lớn: log σ(−1000) = −1000 và log σ(x) ≈ −e^{−x} (khai triển Taylor), trong khi cách ngây thơ cho −∞.
#[test]
fn eq_4_3_log_sigmoid_extreme_values() {
    assert_eq!(log_sigmoid(-1000.0), -1000.0);
    assert_eq!(log_sigmoid(1000.0), 0.0);
    for x in [40.0_f64, 100.0, 700.0] {
        let want = -(-x).exp();
        assert!((log_sigmoid(x) - want).abs() <= 1e-12 * want.abs());
    }
    // cách ngây thơ: σ(−1000) tràn dưới về 0 và log cho −∞.
    let naive = (1.0 / (1.0 + 1000.0_f64.exp())).ln();
    assert!(naive.is_infinite());
}

/// (4.4) d/dx log σ(x) = 1 − σ(x) = σ(−x): so với sai phân trung tâm, sai số tương đối ≤ 1e-6.
#[test]
fn eq_4_4_log_sigmoid_derivative() {
    for x in [-30.0, -5.0, -1.0, -0.1, 0.0, 0.3, 2.0, 8.0, 20.0] {
        let analytic = 1.0 - sigmoid(x);
        assert!((analytic - sigmoid(-x)).abs() <= 1e-15);
        let f = |p: &[f64]| Ok(log_sigmoid(p[0]));
        check_gradient(f, &[analytic], &[x], 1e-6).unwrap();
    }
}

/// (4.2) J = ln[σ(s_c)·Π_k (1 − σ(s_k))] (tích xác suất, tính ngây thơ ở miền an toàn); L = −J ≥ 0.
#[test]
fn eq_4_2_objective_is_log_likelihood() {
    let mut rng = ChaCha8Rng::seed_from_u64(42);
    for _ in 0..20 {
        let v = random_vec(&mut rng, 6, 1.0);
        let uc = random_vec(&mut rng, 6, 1.0);
        let negs: Vec<Vec<f64>> = (0..5).map(|_| random_vec(&mut rng, 6, 1.0)).collect();
        let refs: Vec<&[f64]> = negs.iter().map(|n| n.as_slice()).collect();
        let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
        let p_pos = 1.0 / (1.0 + (-dot(&uc, &v)).exp());
        let p_negs: f64 = negs
            .iter()
            .map(|n| 1.0 - 1.0 / (1.0 + (-dot(n, &v)).exp()))
            .product();
        let want = (p_pos * p_negs).ln();
        let j = sgns_objective(&v, &uc, &refs).unwrap();
        assert!((j - want).abs() <= 1e-12 * want.abs().max(1.0));
        assert!(j < 0.0);
        assert_eq!(sgns_loss(&v, &uc, &refs).unwrap(), -j);
    }
}

/// (4.2) J bị chặn trên bởi 0 và tiến tới 0 khi s_c → +∞, s_k → −∞: J là thứ để cực đại hoá, không phải cực tiểu.
#[test]
fn eq_4_2_objective_is_maximised_not_minimised() {
    let v = [1.0, 0.0];
    let neg = [-1.0, 0.0];
    let mut previous = f64::NEG_INFINITY;
    for scale in [0.0, 1.0, 5.0, 20.0, 1e3] {
        let uc = [scale, 0.0];
        let n = [-scale, 0.0];
        let j = sgns_objective(&v, &uc, &[&n]).unwrap();
        assert!(j <= 0.0 && j >= previous);
        previous = j;
    }
    assert_eq!(previous, 0.0);
    // Cực tiểu hoá J thì ngược lại: J → −∞ khi vector ngữ cảnh đúng bị đẩy ra xa.
    let j = sgns_objective(&v, &[-1e3, 0.0], &[&neg]).unwrap();
    assert!(j <= -999.0);
    assert!(sgns_objective(&v, &[1.0], &[]).is_err());
    assert!(sgns_objective(&[f64::NAN, 0.0], &v, &[]).is_err());
}

/// (4.5) Gradient của L theo v_w, u_c và từng u_{n_k} so với sai phân trung tâm (gradcheck, ≤ 1e-6), K = 5, d = 4.
/// Thành phần vector trong (−1.5, 1.5): khi một σ(s) ~ 1e-5, sai số làm tròn của chính sai phân (~1e-11) đã vượt 1e-6 tương đối.
#[test]
fn eq_4_5_sgns_gradients_match_finite_differences() {
    let (d, k) = (4, 5);
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    for scale in [0.3, 1.0, 1.5] {
        let params = random_vec(&mut rng, d * (k + 2), scale);
        let split = |p: &[f64]| -> (Vec<f64>, Vec<f64>, Vec<Vec<f64>>) {
            let negs = (0..k)
                .map(|i| p[(2 + i) * d..(3 + i) * d].to_vec())
                .collect();
            (p[..d].to_vec(), p[d..2 * d].to_vec(), negs)
        };
        let loss = |p: &[f64]| {
            let (v, uc, negs) = split(p);
            let refs: Vec<&[f64]> = negs.iter().map(|n| n.as_slice()).collect();
            sgns_loss(&v, &uc, &refs)
        };
        let (v, uc, negs) = split(&params);
        let refs: Vec<&[f64]> = negs.iter().map(|n| n.as_slice()).collect();
        let g = sgns_gradients(&v, &uc, &refs).unwrap();
        let mut analytic = g.center.clone();
        analytic.extend(&g.context);
        for gn in &g.negatives {
            analytic.extend(gn);
        }
        check_gradient(loss, &analytic, &params, 1e-6).unwrap();
    }
}

/// (4.5) Ở tích vô hướng ±1e3 gradient vẫn hữu hạn và bằng giới hạn dạng đóng: ∂L/∂u_c → −v_w khi s_c → −∞,
/// → 0 khi s_c → +∞; ∂L/∂u_n → v_w khi s_n → +∞.
#[test]
fn eq_4_5_sgns_gradients_extreme_dot_products() {
    let v = [1.0, -2.0];
    let far = [1e3, -2e3]; // s = 5e3
    let g = sgns_gradients(&v, &far.map(|x| -x), &[&far]).unwrap();
    assert_eq!(g.context, vec![-1.0, 2.0]);
    assert_eq!(g.negatives[0], v.to_vec());
    let g = sgns_gradients(&v, &far, &[&far.map(|x| -x)]).unwrap();
    assert!(g.context.iter().chain(&g.negatives[0]).all(|&x| x == 0.0));
    assert!(g.center.iter().all(|x| x.is_finite()));
}

/// (4.6) P_n với α = 3/4 trên count = (1, 16, 81, 0): trọng số 1, 8, 27, 0 ⇒ (1, 8, 27, 0)/36 (dạng đóng).
#[test]
fn eq_4_6_noise_distribution_closed_form() {
    let p = noise_distribution(&[1, 16, 81, 0], 0.75).unwrap();
    let want = [1.0 / 36.0, 8.0 / 36.0, 27.0 / 36.0, 0.0];
    for (a, b) in p.iter().zip(want) {
        assert!((a - b).abs() <= 1e-15);
    }
    assert!(noise_distribution(&[0, 0], 0.75).is_err());
    assert!(noise_distribution(&[1, 2], f64::NAN).is_err());
    assert!(NoiseSampler::new(&[], 0.75).is_err());
}

/// (4.6) Bảng alias lấy mẫu đúng P_n ∝ count^{3/4}: X² (49 bậc tự do, 2·10⁵ lần rút) dưới ngưỡng mức 0.001;
/// cùng mẫu đó so với unigram (α = 1) bị bác bỏ — kiểm định có thể thất bại.
#[test]
fn eq_4_6_alias_sampler_chi_square() {
    let counts = zipf_counts(50).unwrap();
    let hist = noise_histogram(&counts, 0.75, 200_000, 2014).unwrap();
    let critical = chi_square_critical(counts.len() - 1, 3.090_232).unwrap();
    let stat = chi_square_statistic(&hist, &noise_distribution(&counts, 0.75).unwrap()).unwrap();
    assert!(stat < critical, "X² = {stat} ≥ {critical}");
    let wrong = chi_square_statistic(&hist, &noise_distribution(&counts, 1.0).unwrap()).unwrap();
    assert!(wrong > 10.0 * critical, "X² với unigram = {wrong}");
}

/// Ngưỡng Wilson–Hilferty khớp bảng χ² mức 0.999 đã in (Pearson & Hartley): df 10 → 29.588, 30 → 59.703, 100 → 149.449 (±1%).
#[test]
fn claim_4_wilson_hilferty_matches_tables() {
    for (df, table) in [(10, 29.588), (30, 59.703), (100, 149.449)] {
        let q = chi_square_critical(df, 3.090_232).unwrap();
        assert!(
            (q - table).abs() / table < 1e-2,
            "df = {df}: {q} vs {table}"
        );
    }
}

/// (4.7) Xác suất giữ khớp biểu thức nguyên văn trong mã C `(√(f/t) + 1)·t/f`, ≥ √(t/f) của bài báo,
/// và bằng 1 đúng khi f ≤ φ²·t (φ = tỉ lệ vàng, nghiệm của x² + x = 1 với x = √(t/f)).
#[test]
fn eq_4_7_keep_probability_closed_form() {
    let t = 1e-4;
    for f in [1e-6_f64, 1e-5, 1e-4, 2e-4, 1e-3, 1e-2, 0.05, 0.3] {
        let c_code = ((f / t).sqrt() + 1.0) * t / f;
        let p = keep_probability(f, t).unwrap();
        assert!((p - c_code.min(1.0)).abs() <= 1e-12);
        assert!(p >= (t / f).sqrt().min(1.0));
    }
    let phi = (1.0 + 5.0_f64.sqrt()) / 2.0;
    assert!((keep_probability(phi * phi * t * (1.0 - 1e-9), t).unwrap() - 1.0).abs() < 1e-15);
    assert!(keep_probability(phi * phi * t * 1.001, t).unwrap() < 1.0);
    assert!(keep_probability(0.0, t).is_err());
    assert!(keep_probability(0.1, -1.0).is_err());
}

/// (4.7) Tỉ lệ giữ thực nghiệm của từ phổ biến nhất (f = 0.2, t = 1e-3) nằm trong 4 độ lệch chuẩn nhị thức của công thức.
#[test]
fn claim_4_subsampling_empirical_keep_rate() {
    let counts = [2_000u64, 8_000];
    let sentence = vec![0usize; 50_000];
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let kept = subsample(&sentence, &counts, 1e-3, &mut rng).unwrap().len() as f64;
    let p = keep_probability(0.2, 1e-3).unwrap();
    let n = sentence.len() as f64;
    let sd = (n * p * (1.0 - p)).sqrt();
    assert!(
        (kept - n * p).abs() < 4.0 * sd,
        "giữ {kept}, kỳ vọng {}",
        n * p
    );
    assert!(subsample(&[5], &counts, 1e-3, &mut rng).is_err());
}

/// (4.8) Trọng số kỳ vọng của ngữ cảnh ở khoảng cách k bằng cách liệt kê mọi b ∈ {0, …, W−1}: (W − k + 1)/W.
#[test]
fn eq_4_8_window_weight_by_enumeration() {
    for w in 1..=10usize {
        for k in 0..=w + 2 {
            let included = (0..w).filter(|b| k >= 1 && k <= w - b).count();
            assert!((window_weight(k, w) - included as f64 / w as f64).abs() <= 1e-15);
        }
    }
}

/// (4.8) Trên một câu dài các token phân biệt, tần suất cặp ở khoảng cách k khớp (W − k + 1)/W trong 4 độ lệch chuẩn.
#[test]
fn claim_4_dynamic_window_empirical() {
    let (len, w) = (20_000usize, 5usize);
    let sentence: Vec<usize> = (0..len).collect();
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let pairs = context_pairs(&sentence, w, &mut rng).unwrap();
    let mut at = vec![0usize; w + 2];
    for (a, b) in pairs {
        at[a.abs_diff(b)] += 1;
    }
    for (k, &observed) in at.iter().enumerate().skip(1) {
        let p = window_weight(k, w);
        let n = 2.0 * (len - k) as f64; // hai phía
        let sd = (n * p * (1.0 - p)).sqrt().max(1e-9);
        assert!((observed as f64 - n * p).abs() <= 4.0 * sd, "k = {k}");
    }
    assert!(context_pairs(&sentence, 0, &mut rng).is_err());
}

fn table() -> Array2<f64> {
    synthetic_cooccurrence(6, 20_000, 2, 5).unwrap()
}

/// (4.9) Mục tiêu kỳ vọng = trung bình trên mọi cặp (w, c) của kho, với kỳ vọng lấy trên K = k mẫu âm độc lập
/// (thứ tự cộng khác: duyệt từng lần xuất hiện, cộng Σ_c' P_n(c')·log σ(−x_wc')).
#[test]
fn eq_4_9_expected_objective_by_pair_enumeration() {
    let counts = table();
    let noise = unigram_contexts(&counts).unwrap();
    let k = 5.0;
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let x = Array2::from_shape_fn(counts.dim(), |_| rng.random_range(-2.0..2.0));
    let mut by_pairs = 0.0;
    for ((w, c), &n) in counts.indexed_iter() {
        let per_occurrence = log_sigmoid(x[[w, c]])
            + k * (0..counts.ncols())
                .map(|c2| noise[c2] * log_sigmoid(-x[[w, c2]]))
                .sum::<f64>();
        by_pairs += n * per_occurrence;
    }
    let got = expected_objective(&counts, &noise, k, &x).unwrap();
    assert!((got - by_pairs).abs() <= 1e-12 * by_pairs.abs());
}

/// (4.10) Với nhiễu unigram, nghiệm từng ô bằng PMI − log k, PMI tính độc lập bằng log P(w,c) − log P(w) − log P(c).
#[test]
fn eq_4_10_optimum_is_shifted_pmi() {
    let counts = table();
    let total = counts.sum();
    let k = 5.0;
    let opt = cellwise_optimum(&counts, &unigram_contexts(&counts).unwrap(), k).unwrap();
    let pmi = pmi_matrix(&counts).unwrap();
    for ((w, c), &n) in counts.indexed_iter() {
        let pw = counts.row(w).sum() / total;
        let pc = counts.column(c).sum() / total;
        let independent = (n / total).ln() - pw.ln() - pc.ln();
        assert!((pmi[[w, c]] - independent).abs() <= 1e-12);
        assert!((opt[[w, c]] - (independent - k.ln())).abs() <= 1e-12);
    }
}

/// (4.10) Tại x* gradient số của (4.9) bằng 0 (sai phân trung tâm, ≤ 1e-6 so với cỡ số đếm) và mọi nhiễu loạn làm ℓ giảm.
#[test]
fn eq_4_10_gradient_vanishes_at_optimum() {
    let counts = table();
    let noise = noise_distribution(&[3, 1, 4, 1, 5, 9], 0.75).unwrap(); // nhiễu tuỳ ý, không chỉ unigram
    let k = 3.0;
    let opt = cellwise_optimum(&counts, &noise, k).unwrap();
    let f = |p: &[f64]| {
        let x = Array2::from_shape_vec(counts.dim(), p.to_vec()).unwrap();
        expected_objective(&counts, &noise, k, &x)
    };
    let flat: Vec<f64> = opt.iter().copied().collect();
    let grad = numerical_gradient(f, &flat, STEP).unwrap();
    let scale = counts.iter().fold(0.0_f64, |m, &n| m.max(n));
    assert!(grad.iter().all(|g| g.abs() <= 1e-6 * scale));
    let best = f(&flat).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    for _ in 0..20 {
        let moved: Vec<f64> = flat
            .iter()
            .map(|x| x + rng.random_range(-0.1..0.1))
            .collect();
        assert!(f(&moved).unwrap() < best);
    }
}

/// Leo gradient toàn batch trên (4.9) với vector d = 6 (không ràng buộc) hội tụ tới u_cᵀv_w = PMI − log k, sai lệch ≤ 1e-6.
#[test]
fn claim_4_factorized_sgns_recovers_shifted_pmi() {
    let counts = table();
    let k = 5.0;
    let noise = unigram_contexts(&counts).unwrap();
    let opts = FitOptions {
        dim: 6,
        lr: 0.05,
        tol: 1e-8,
        max_steps: 50_000,
        seed: 2014,
    };
    let fit = fit_factorized(&counts, &noise, k, opts).unwrap();
    let target = pmi_matrix(&counts).unwrap().mapv(|p| p - k.ln());
    let err = (&fit.dots - &target)
        .iter()
        .fold(0.0_f64, |m, e| m.max(e.abs()));
    assert!(fit.dots.iter().all(|x| x.is_finite()));
    assert!(fit.steps > 0 && fit.steps < opts.max_steps, "không hội tụ");
    // hết max_steps thì dừng đúng ở đó, với gradient còn lớn hơn tol
    let short = fit_factorized(
        &counts,
        &noise,
        k,
        FitOptions {
            max_steps: 7,
            ..opts
        },
    )
    .unwrap();
    assert!(short.steps == 7 && short.grad_norm >= opts.tol);
    assert!(err <= 1e-6, "sai lệch {err}, {} bước", fit.steps);
    // bước học quá lớn: phân kỳ được báo lỗi, không trả NaN im lặng
    let diverging = FitOptions { lr: 50.0, ..opts };
    assert!(fit_factorized(&counts, &noise, k, diverging).is_err());
}

/// Độ dốc log–log khớp đúng số mũ của một luật luỹ thừa y = 3·x^1.7 (dạng đóng), và từ chối đầu vào sai.
#[test]
fn loglog_slope_recovers_exponent() {
    let pts: Vec<(f64, f64)> = [1e3, 3e3, 1e4, 5e4]
        .iter()
        .map(|&x| (x, 3.0 * f64::powf(x, 1.7)))
        .collect();
    assert!((loglog_slope(&pts).unwrap() - 1.7).abs() <= 1e-12);
    assert!(loglog_slope(&pts[..1]).is_err());
    assert!(loglog_slope(&[(1.0, 1.0), (1.0, 2.0)]).is_err());
    assert!(loglog_slope(&[(1.0, -1.0), (2.0, 2.0)]).is_err());
}

/// Lần đo đã commit (code/data/cost_benchmark.csv): softmax đầy đủ có độ dốc log–log trong [0.8, 1.2] (tuyến tính
/// theo V), SGNS với K = 5 và 15, softmax phân cấp và softmax lấy mẫu (S = 64) có độ dốc < 0.5 và ở V = 50257
/// nhanh hơn softmax ít nhất 100 lần.
#[test]
fn claim_4_cost_softmax_linear_sgns_nearly_flat() {
    let out = (embedding_loss::programs::find("cost_slopes").unwrap().run)().unwrap();
    // giá trị cho lời văn theo kiểu Việt: «1.234,5»
    let num = |k: &str| {
        out.get(k)
            .unwrap()
            .replace('.', "")
            .replace(',', ".")
            .parse::<f64>()
            .unwrap()
    };
    assert!((0.8..=1.2).contains(&num("slope_softmax")));
    assert!(num("slope_k5") < 0.5 && num("slope_k15") < 0.5);
    assert!(num("ratio_k5") > 100.0 && num("ratio_k15") > 100.0);
    // Softmax phân cấp và softmax lấy mẫu (S = 64) cũng gần như phẳng theo V và rẻ hơn softmax đầy đủ hơn 100 lần.
    assert!(num("slope_hs") < 0.5 && num("slope_sampled") < 0.5);
    assert!(num("ratio_hs") > 100.0 && num("ratio_sampled") > 100.0);
}

/// Lần đo chất lượng đã commit (code/data/quality.csv, phụ lục `sgns`), đúng như lời văn: bản đầu của `sgns` kém
/// hơn lần chạy tệ nhất của gensim trên cả hai bộ cặp; bản cuối có khoảng (nhỏ nhất–lớn nhất qua các lần chạy)
/// chồng với khoảng của gensim, khoảng cách trung bình còn lại hẹp hơn khoảng của từng công cụ và không quá một
/// phần ba khoảng cách ban đầu, và có khoảng cao hơn hẳn khoảng của word2vec C; `sgns` xử lý nhiều từ mỗi giây
/// CPU hơn gensim và word2vec C. Mỗi công cụ ít nhất 3 lần chạy.
#[test]
fn claim_4_sgns_quality_matches_gensim_and_stays_faster() {
    let out = (embedding_loss::programs::find("sgns_quality").unwrap().run)().unwrap();
    let num = |k: &str| {
        out.get(k)
            .unwrap_or_else(|| panic!("thiếu giá trị {k}"))
            .replace('.', "")
            .replace(',', ".")
            .replace('−', "-")
            .parse::<f64>()
            .unwrap()
    };
    for set in ["ws", "sl"] {
        let v = |tool: &str| num(&format!("{set}_{tool}"));
        assert!(v("before") < v("gensim_min"), "{set}: bản đầu");
        assert!(
            v("sgns_max") >= v("gensim_min") && v("gensim_max") >= v("sgns_min"),
            "{set}: khoảng"
        );
        let gap = num(&format!("gap_{set}"));
        assert!(
            3.0 * gap <= num(&format!("gap_{set}_before")),
            "{set}: khoảng cách"
        );
        for tool in ["sgns", "gensim"] {
            assert!(
                gap < v(&format!("{tool}_max")) - v(&format!("{tool}_min")),
                "{set}: {tool}"
            );
        }
        assert!(v("c_max") < v("sgns_min"), "{set}: word2vec C");
    }
    assert!(num("speed_vs_gensim") > 1.0 && num("speed_vs_c") > 1.0);
    for tool in ["before", "swap", "init", "sgns", "gensim", "c"] {
        assert!(num(&format!("runs_{tool}")) >= 3.0, "{tool}");
    }
}

/// Tần số Zipf của các thí nghiệm đúng dạng đóng ⌊10⁵/r⌋; vector rỗng là lỗi ở cả mất mát lẫn gradient SGNS (không
/// phải log 2 của một tích vô hướng rỗng bằng 0).
#[test]
fn zipf_counts_and_empty_sgns_vectors() {
    assert_eq!(
        zipf_counts(5).unwrap(),
        vec![100_000, 50_000, 33_333, 25_000, 20_000]
    );
    assert!(zipf_counts(0).unwrap().is_empty());
    assert!(sgns_loss(&[], &[], &[]).is_err());
    assert!(sgns_gradients(&[], &[], &[]).is_err());
    assert!(sgns_objective(&[], &[], &[&[]]).is_err());
}

/// Biên của các hàm phụ (kiểm thử đột biến): ngưỡng lấy mẫu con t = 0 là lỗi; ô xác suất 0 không có quan sát
/// thì bỏ qua (X² = 0), có quan sát thì lỗi; hai điểm đủ cho độ dốc log–log; k ≤ 0 của mục tiêu (4.9) là lỗi.
#[test]
fn helper_boundaries() {
    assert!(keep_probability(0.5, 0.0).is_err());
    assert_eq!(keep_probability(0.5, 0.5).unwrap(), 1.0);
    assert_eq!(chi_square_statistic(&[5, 0], &[1.0, 0.0]).unwrap(), 0.0);
    assert!(chi_square_statistic(&[5, 1], &[1.0, 0.0]).is_err());
    assert!((loglog_slope(&[(1.0, 1.0), (2.0, 4.0)]).unwrap() - 2.0).abs() <= 1e-15);
    let counts = Array2::from_shape_vec((2, 2), vec![3.0, 1.0, 1.0, 3.0]).unwrap();
    let x = Array2::zeros((2, 2));
    for k in [0.0, -1.0, f64::INFINITY, f64::NAN] {
        assert!(
            expected_objective(&counts, &[0.5, 0.5], k, &x).is_err(),
            "k = {k}"
        );
    }
    assert!(expected_objective(&counts, &[0.5, 0.5], 1.0, &x).is_ok());
}

/// Kho tổng hợp: mỗi tham số sai riêng lẻ là lỗi (V = 0, độ dài < 2, cửa sổ 0); biên hợp lệ (V = 1, độ dài 2, cửa sổ
/// 1) cho đúng một cặp mỗi chiều; bảng đối xứng và có đúng số cặp của cửa sổ.
#[test]
fn synthetic_cooccurrence_validates_each_parameter() {
    for (vocab, length, window) in [(0, 10, 1), (3, 1, 1), (3, 0, 1), (3, 10, 0)] {
        assert!(
            synthetic_cooccurrence(vocab, length, window, 1).is_err(),
            "{vocab}, {length}, {window}"
        );
    }
    let one = synthetic_cooccurrence(1, 2, 1, 1).unwrap();
    assert_eq!(one[[0, 0]], 2.0);
    // cửa sổ đối xứng: bảng đối xứng, và tổng số cặp là 2 Σ_{d=1..W} (L − d) (dạng đóng)
    let (length, window) = (1000, 3);
    let counts = synthetic_cooccurrence(4, length, window, 9).unwrap();
    assert_eq!(counts, counts.t());
    let pairs: usize = (1..=window).map(|d| 2 * (length - d)).sum();
    assert_eq!(counts.sum(), pairs as f64);
}
