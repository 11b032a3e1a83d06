//! Kiểm thử các biến thể chuẩn hoá của chương 4: softmax phân cấp (4.11–4.13), NCE (4.14–4.15) và
//! softmax lấy mẫu có hiệu chỉnh log Q (4.16–4.17).

use embedding_loss::gradcheck::{check_gradient, numerical_gradient, STEP};
use embedding_loss::hierarchical_softmax::*;
use embedding_loss::nce::*;
use embedding_loss::negative_sampling::zipf_counts;
use embedding_loss::pmi::synthetic_cooccurrence;
use embedding_loss::sampled_softmax::*;
use ndarray::Array2;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn random_vec(rng: &mut ChaCha8Rng, d: usize, scale: f64) -> Vec<f64> {
    (0..d).map(|_| rng.random_range(-scale..scale)).collect()
}

fn random_counts(rng: &mut ChaCha8Rng, v: usize) -> Vec<u64> {
    (0..v).map(|_| rng.random_range(0..1000u64)).collect()
}

/// σ ngây thơ, độc lập với `sigmoid`/`log_sigmoid` của crate (chỉ dùng ở |x| vừa phải).
fn naive_sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Σ_c P(c | w) của softmax phân cấp bằng 1 tới 1e-12 với vector ngẫu nhiên (cả tích vô hướng cỡ ±40),
/// V từ 1 tới 300, tần số ngẫu nhiên và Zipf — sự chuẩn hoá mà lấy mẫu âm không có.
#[test]
fn eq_4_11_hs_probabilities_sum_to_one() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for (trial, v) in [1usize, 2, 3, 7, 50, 300].into_iter().enumerate() {
        let counts = if trial % 2 == 0 {
            zipf_counts(v as u64).unwrap()
        } else {
            random_counts(&mut rng, v)
        };
        let tree = huffman_tree(&counts).unwrap();
        for scale in [0.1, 1.0, 4.0] {
            let d = 8;
            let inner = Array2::from_shape_fn((v - 1, d), |_| rng.random_range(-scale..scale));
            let center = random_vec(&mut rng, d, scale);
            let p = hs_distribution(&tree, &inner, &center).unwrap();
            let sum: f64 = p.iter().sum();
            assert!(
                (sum - 1.0).abs() <= 1e-12,
                "V = {v}, thang {scale}: Σ = {sum}"
            );
            assert!(p.iter().all(|&x| x > 0.0 && x <= 1.0));
        }
    }
}

/// (4.11) khớp tích các σ ngây thơ tính theo mã nhị phân của từng lá; các mã là mã tiền tố của một cây
/// nhị phân đầy đủ (đẳng thức Kraft Σ 2^{−L(c)} = 1, không mã nào là tiền tố của mã khác).
#[test]
fn eq_4_11_hs_matches_path_product_and_codes_are_prefix_free() {
    let mut rng = ChaCha8Rng::seed_from_u64(12);
    let counts = random_counts(&mut rng, 40);
    let tree = huffman_tree(&counts).unwrap();
    let inner = Array2::from_shape_fn((39, 5), |_| rng.random_range(-1.0..1.0));
    let center = random_vec(&mut rng, 5, 1.0);
    let mut codes = Vec::new();
    let mut kraft = 0.0;
    for c in 0..40 {
        let (path, code) = tree.path(c).unwrap();
        let direct: f64 = path
            .iter()
            .zip(code)
            .map(|(&n, &b)| {
                let x: f64 = inner.row(n).iter().zip(&center).map(|(u, v)| u * v).sum();
                naive_sigmoid(if b { -x } else { x })
            })
            .product();
        let lp = hs_log_probability(&tree, &inner, &center, c).unwrap();
        assert!((lp.exp() - direct).abs() <= 1e-14, "từ {c}");
        kraft += 0.5f64.powi(code.len() as i32);
        codes.push(code.to_vec());
    }
    assert!((kraft - 1.0).abs() <= 1e-12, "Kraft: {kraft}");
    for (i, a) in codes.iter().enumerate() {
        for (j, b) in codes.iter().enumerate() {
            assert!(i == j || !b.starts_with(a), "mã {i} là tiền tố của mã {j}");
        }
    }
    // đầu vào sai: báo lỗi, không panic
    assert!(huffman_tree(&[]).is_err());
    assert!(hs_log_probability(&tree, &inner, &center, 40).is_err());
    assert!(hs_log_probability(&tree, &inner, &center[..4], 0).is_err());
    let single = huffman_tree(&[7]).unwrap();
    let empty = Array2::zeros((0, 5));
    assert_eq!(
        hs_log_probability(&single, &empty, &center, 0).unwrap(),
        0.0
    );
}

/// Gradient (4.12) của L = −log P(c | w) theo v_w và theo mọi vector nút trong khớp sai phân trung tâm
/// (sai số tương đối ≤ 1e-6); nút ngoài đường đi có gradient số bằng 0.
#[test]
fn eq_4_12_hs_gradient_matches_finite_differences() {
    let mut rng = ChaCha8Rng::seed_from_u64(13);
    let counts = zipf_counts(30).unwrap();
    let tree = huffman_tree(&counts).unwrap();
    let d = 6;
    let inner = Array2::from_shape_fn((29, d), |_| rng.random_range(-0.8..0.8));
    let center = random_vec(&mut rng, d, 0.8);
    for c in [0, 7, 29] {
        let g = hs_gradients(&tree, &inner, &center, c).unwrap();
        let loss_v = |v: &[f64]| hs_log_probability(&tree, &inner, v, c).map(|x| -x);
        check_gradient(loss_v, &g.center, &center, 1e-6).unwrap();
        let flat: Vec<f64> = inner.iter().copied().collect();
        let loss_u = |u: &[f64]| {
            let m = Array2::from_shape_vec((29, d), u.to_vec()).unwrap();
            hs_log_probability(&tree, &m, &center, c).map(|x| -x)
        };
        let numeric = numerical_gradient(loss_u, &flat, STEP).unwrap();
        let mut analytic = vec![0.0; flat.len()];
        for (n, gn) in &g.nodes {
            analytic[n * d..(n + 1) * d].copy_from_slice(gn);
        }
        for (a, b) in analytic.iter().zip(&numeric) {
            assert!((a - b).abs() <= 1e-6 * (1.0 + b.abs()), "{a} vs {b}");
        }
    }
}

/// Huffman O(V²) thứ hai, độc lập: chi phí = tổng trọng số các lần gộp = Σ_c count(c)·L(c).
fn huffman_cost_by_merging(counts: &[u64]) -> f64 {
    let mut w: Vec<f64> = counts.iter().map(|&c| c as f64).collect();
    let mut cost = 0.0;
    while w.len() > 1 {
        w.sort_by(|a, b| b.total_cmp(a));
        let (a, b) = (w.pop().unwrap(), w.pop().unwrap());
        cost += a + b;
        w.push(a + b);
    }
    cost
}

/// Độ dài mã trung bình (4.13) nằm giữa H và H + 1 bit (H tính trực tiếp bằng log₂) và bằng chi phí tối
/// ưu do một thuật toán Huffman thứ hai tính (tới 1e-12), cho tần số Zipf và ngẫu nhiên.
#[test]
fn eq_4_13_huffman_code_length_between_entropy_bounds() {
    let mut rng = ChaCha8Rng::seed_from_u64(14);
    let mut cases: Vec<Vec<u64>> = [2u64, 10, 1000, 20_000]
        .map(|v| zipf_counts(v).unwrap())
        .to_vec();
    cases.push(random_counts(&mut rng, 500));
    cases.push(vec![1, 1, 1, 1, 1, 1, 1, 1]); // đều: L̄ = H = 3 đúng bằng
    for counts in cases {
        let tree = huffman_tree(&counts).unwrap();
        let lbar = average_code_length(&tree, &counts).unwrap();
        let total: f64 = counts.iter().map(|&c| c as f64).sum();
        let h: f64 = counts
            .iter()
            .filter(|&&c| c > 0)
            .map(|&c| -(c as f64 / total) * (c as f64 / total).log2())
            .sum();
        assert!(h <= lbar + 1e-12 && lbar < h + 1.0, "H = {h}, L̄ = {lbar}");
        let reference = huffman_cost_by_merging(&counts) / total;
        assert!(
            (lbar - reference).abs() <= 1e-12 * lbar.max(1.0),
            "{lbar} vs {reference}"
        );
    }
    let tree = huffman_tree(&[3, 4]).unwrap();
    assert!(average_code_length(&tree, &[0, 0]).is_err());
    assert!(average_code_length(&tree, &[1]).is_err());
}

/// Mục tiêu NCE (4.14) bằng log hậu nghiệm P(D=1 | c) = p/(p + kq) với p = e^s, tính thẳng (tham chiếu
/// độc lập), và gradient theo các điểm số khớp sai phân trung tâm.
#[test]
fn eq_4_14_nce_objective_and_gradient() {
    let mut rng = ChaCha8Rng::seed_from_u64(15);
    for _ in 0..20 {
        let k = rng.random_range(1..8usize);
        let pos: (f64, f64) = (rng.random_range(-3.0..3.0), rng.random_range(0.001..0.5));
        let negs: Vec<(f64, f64)> = (0..k)
            .map(|_| (rng.random_range(-3.0..3.0), rng.random_range(0.001..0.5)))
            .collect();
        let kf = k as f64;
        let direct = (pos.0.exp() / (pos.0.exp() + kf * pos.1)).ln()
            + negs
                .iter()
                .map(|&(s, q)| (kf * q / (s.exp() + kf * q)).ln())
                .sum::<f64>();
        let j = nce_objective(pos, &negs).unwrap();
        assert!(
            (j - direct).abs() <= 1e-12 * (1.0 + direct.abs()),
            "{j} vs {direct}"
        );
        let (g_pos, g_neg) = nce_gradient(pos, &negs).unwrap();
        let mut analytic = vec![g_pos];
        analytic.extend(&g_neg);
        let mut x = vec![pos.0];
        x.extend(negs.iter().map(|n| n.0));
        let f = |s: &[f64]| {
            let n: Vec<(f64, f64)> = s[1..].iter().zip(&negs).map(|(&a, b)| (a, b.1)).collect();
            nce_objective((s[0], pos.1), &n)
        };
        check_gradient(f, &analytic, &x, 1e-6).unwrap();
    }
    assert!(nce_objective((0.0, 0.1), &[]).is_err());
    assert!(nce_objective((0.0, 0.0), &[(0.0, 0.1)]).is_err());
    assert!(nce_objective((f64::NAN, 0.1), &[(0.0, 0.1)]).is_err());
}

/// Leo gradient trên mục tiêu kỳ vọng (4.15) của một bảng đồng xuất hiện tổng hợp (hạt giống cố định), không
/// dùng dạng đóng: điểm số NCE tối ưu bằng log P(c | w) (tới 1e-9) và Σ_c e^{s*} = 1 mỗi từ; điểm số lấy
/// mẫu âm bằng PMI − log k tính bằng `pmi_matrix` (tới 1e-9).
#[test]
fn eq_4_15_nce_optimum_is_log_conditional() {
    let counts = synthetic_cooccurrence(6, 20_000, 2, 7).unwrap();
    let cmp = compare_nce_ns(&counts, 5.0).unwrap();
    assert!(cmp.nce_score_error <= 1e-9, "{}", cmp.nce_score_error);
    assert!(cmp.nce_sum_error <= 1e-9, "{}", cmp.nce_sum_error);
    assert!(cmp.ns_pmi_error <= 1e-9, "{}", cmp.ns_pmi_error);
    assert!(fit_expected(&[0.5, 0.5], &[1.0, 0.0], 5.0, true, 1e-12).is_err());
    assert!(fit_expected(&[0.5, 0.5], &[0.5, 0.5], -1.0, true, 1e-12).is_err());
}

/// Lấy mẫu âm không chuẩn hoá: trên cùng bảng đó, Σ_c e^{x*_wc} của các từ tâm trải rộng (lớn nhất gấp hơn
/// 1,5 lần nhỏ nhất, và có từ lệch khỏi 1 hơn 0,1) — không hằng số chung nào biến e^{x*} thành P(c | w).
#[test]
fn claim_4_negative_sampling_scores_are_not_normalised() {
    let counts = synthetic_cooccurrence(6, 20_000, 2, 7).unwrap();
    let cmp = compare_nce_ns(&counts, 5.0).unwrap();
    let (lo, hi) = cmp
        .ns_sums
        .iter()
        .fold((f64::INFINITY, 0.0_f64), |(a, b), &s| (a.min(s), b.max(s)));
    assert!((hi - 1.0).abs().max((lo - 1.0).abs()) > 0.1, "{lo}..{hi}");
    assert!(hi / lo > 1.5, "các tổng gần như bằng nhau: {lo}..{hi}");
}

/// Gradient của mất mát softmax lấy mẫu (4.16) theo điểm số khớp sai phân trung tâm, có và không hiệu
/// chỉnh, kể cả khi mẫu trùng nhau và trùng lớp đúng.
#[test]
fn eq_4_16_sampled_softmax_gradient_matches_finite_differences() {
    let mut rng = ChaCha8Rng::seed_from_u64(16);
    let (_, q) = sampled_setup(12, 3).unwrap();
    let scores = random_vec(&mut rng, 12, 2.0);
    for samples in [vec![3usize, 3, 7, 0], vec![5], vec![0, 1, 2, 11, 11]] {
        for corrected in [true, false] {
            let g = sampled_softmax_gradient(&scores, &q, 0, &samples, corrected).unwrap();
            let f = |s: &[f64]| sampled_softmax_loss(s, &q, 0, &samples, corrected);
            check_gradient(f, &g, &scores, 1e-6).unwrap();
        }
    }
    assert!(sampled_softmax_loss(&scores, &q, 0, &[], true).is_err());
    assert!(sampled_softmax_loss(&scores, &q, 12, &[1], true).is_err());
    assert!(sampled_softmax_loss(&scores, &q[..5], 0, &[1], true).is_err());
}

/// Hiệu chỉnh log Q của (4.16) làm tổng trên mẫu thành ước lượng không chệch của mẫu số: liệt kê mọi cặp
/// mẫu (S = 2) theo xác suất Q(a)Q(b) cho E[(1/S) Σ_i e^{s_{j_i}}/Q(j_i)] = Σ_j e^{s_j} tới 1e-12.
#[test]
fn eq_4_16_importance_weights_estimate_partition_exactly() {
    let mut rng = ChaCha8Rng::seed_from_u64(17);
    let (_, q) = sampled_setup(9, 5).unwrap();
    let scores = random_vec(&mut rng, 9, 3.0);
    let z: f64 = scores.iter().map(|s| s.exp()).sum();
    let mut expectation = 0.0;
    for a in 0..9 {
        for b in 0..9 {
            // (1/S) Σ_i e^{s_j}/Q(j) = Σ_i e^{o_j} với o_j = s_j − log(S·Q(j))
            let est = (scores[a] - (2.0 * q[a]).ln()).exp() + (scores[b] - (2.0 * q[b]).ln()).exp();
            expectation += q[a] * q[b] * est;
        }
    }
    assert!((expectation - z).abs() <= 1e-12 * z, "{expectation} vs {z}");
}

/// (4.17) đúng ở mọi S, không chỉ ở giới hạn: gradient không hiệu chỉnh tại s − log Q bằng gradient có hiệu chỉnh
/// tại s (tới 1e-12, cùng bộ mẫu) — logit hai bên chỉ khác hằng số log S — nên điểm dừng không hiệu chỉnh là điểm
/// dừng có hiệu chỉnh dịch đi log Q, tức softmax ∝ P/Q; với S = 256 độ lệch tại s = log P khớp giới hạn dạng đóng.
#[test]
fn eq_4_17_uncorrected_is_corrected_shifted_by_log_q() {
    let mut rng = ChaCha8Rng::seed_from_u64(18);
    let (p, q) = sampled_setup(20, 1).unwrap();
    for _ in 0..10 {
        let s = random_vec(&mut rng, 20, 2.0);
        let shifted: Vec<f64> = s.iter().zip(&q).map(|(a, b)| a - b.ln()).collect();
        let samples: Vec<usize> = (0..7).map(|_| rng.random_range(0..20)).collect();
        let target = rng.random_range(0..20);
        let corr = sampled_softmax_gradient(&s, &q, target, &samples, true).unwrap();
        let raw = sampled_softmax_gradient(&shifted, &q, target, &samples, false).unwrap();
        for (a, b) in corr.iter().zip(&raw) {
            assert!((a - b).abs() <= 1e-12, "{a} vs {b}");
        }
    }
    let limit = uncorrected_limit(&p, &q).unwrap();
    let r = sampled_bias(&p, &q, &[256], 2_000, 9).unwrap()[0];
    assert!(
        (r.uncorrected - limit).abs() < 0.02,
        "{r:?}, giới hạn {limit}"
    );
    assert!(r.corrected < 0.01, "{r:?}");
}

/// Có hiệu chỉnh, độ lệch của gradient tại s = log P dưới 0,01 ở mọi S = 1…256; không hiệu chỉnh, nó tăng theo
/// S và ở S = 256 lớn hơn 20 lần (hạt giống cố định).
#[test]
fn claim_4_sampled_softmax_bias_small_only_with_correction() {
    let (p, q) = sampled_setup(20, 1).unwrap();
    let rows = sampled_bias(&p, &q, &[1, 4, 16, 64, 256], 4_000, 3).unwrap();
    assert!(rows.iter().all(|r| r.corrected < 0.01), "{rows:?}");
    assert!(
        rows.windows(2).all(|w| w[1].uncorrected > w[0].uncorrected),
        "{rows:?}"
    );
    let last = rows[rows.len() - 1];
    assert!(last.uncorrected > 20.0 * last.corrected, "{last:?}");
}
