//! Hợp đồng độ chính xác (issue 10): mọi hàm mất mát và xác suất có sai số tương đối ≤ 8 ε trên toàn miền
//! hữu hạn của f64 (tuyệt đối ≤ số chuẩn nhỏ nhất khi giá trị thật tràn dưới; ±∞ đúng khi giá trị thật vô
//! hạn). Tham chiếu: số lớn 1200 bit (dashu-float) tính độc lập trong `accuracy/reference.rs`. Đầu vào
//! proptest chạm các cực trị: logit khổng lồ bằng nhau, chênh lệch khổng lồ, logit đúng áp đảo, logit sai
//! áp đảo, hai phân phối gần bằng nhau, xác suất dưới chuẩn (subnormal).

mod reference;

use embedding_loss::cross_entropy::{cross_entropy, mean_cross_entropy, perplexity};
use embedding_loss::gradient::logit_gradient;
use embedding_loss::information::{cross_entropy_pq, entropy, kl_divergence};
use embedding_loss::negative_sampling::{
    log_sigmoid, sgns_gradients, sgns_loss, sgns_objective, sigmoid,
};
use embedding_loss::numerics::{accurate_sum, compensated_sum, two_prod, Shifted};
use embedding_loss::softmax::{log_softmax, log_sum_exp, softmax};
use embedding_loss::transformer::embed::{cross_entropy_backward, cross_entropy_forward};
use embedding_loss::widgets::softmax_outputs;
use ndarray::Array2;
use proptest::prelude::*;
use proptest::sample::Index;
use reference::{big, big_at, check, Abs, Big, Softmax};

/// Ngưỡng của hợp đồng: 8 ε.
const ULPS: f64 = 8.0;

/// Số bit cho các kiểm thử tính thẳng theo định nghĩa (không dịch): `1 + e^{−600}` cần ≈ 870 bit.
const BITS: usize = 1000;

/// Mọi số f64 hữu hạn: chuẩn, dưới chuẩn, 0, cả hai dấu, cộng vùng «thường gặp» [−50, 50].
fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO,
        -50.0..50.0f64,
    ]
}

/// Số dương trải đều theo thang log trong [10^lo, 10^hi].
fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo..hi).prop_map(|e| 10f64.powf(e))
}

/// Logit chạm các cực trị: tuỳ ý trên toàn miền; khổng lồ gần bằng nhau (nền b + độ lệch nhỏ);
/// một logit cách các logit khác một khoảng cách `gap` (áp đảo hoặc bị áp đảo), với `gap` trải từ 1e−3 tới 1e4.
fn logits() -> impl Strategy<Value = Vec<f64>> {
    let base = prop_oneof![finite(), Just(1e17), Just(-1e17), Just(1e300), Just(-1e300)];
    prop_oneof![
        prop::collection::vec(finite(), 1..6),
        (base.clone(), prop::collection::vec(-40.0..40.0f64, 1..6))
            .prop_map(|(b, off)| off.into_iter().map(|o| b + o).collect()),
        (
            base,
            log_uniform(-3.0, 4.0),
            any::<bool>(),
            prop::collection::vec(-1.0..1.0f64, 1..5),
            any::<Index>()
        )
            .prop_map(|(b, gap, up, rest, at)| {
                let mut z: Vec<f64> = rest.iter().map(|r| b + r).collect();
                let i = at.index(z.len() + 1);
                z.insert(i, if up { b + gap } else { b - gap });
                z
            }),
    ]
}

/// Logit cùng một token đích; token đích hay rơi vào logit lớn nhất (mất mát tí hon) hoặc nhỏ nhất.
fn logits_target() -> impl Strategy<Value = (Vec<f64>, usize)> {
    (logits(), any::<Index>(), 0..3u8).prop_map(|(z, at, mode)| {
        let by = |better: bool| {
            (0..z.len())
                .reduce(|a, b| if (z[b] > z[a]) == better { b } else { a })
                .unwrap()
        };
        let y = match mode {
            0 => by(true),
            1 => by(false),
            _ => at.index(z.len()),
        };
        (z, y)
    })
}

/// Phân phối xác suất: trọng số trải theo thang log từ 1e−320 (dưới chuẩn) tới 1, chuẩn hoá.
fn distribution() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(prop_oneof![log_uniform(-320.0, 0.0), Just(0.0)], 1..6).prop_filter_map(
        "tổng dương",
        |w| {
            let s: f64 = w.iter().sum();
            (s > 0.0).then(|| w.iter().map(|x| x / s).collect())
        },
    )
}

/// Cặp phân phối; một phần là cặp «gần bằng nhau» chuẩn hoá chính xác: (a, 1 − a) và (b, 1 − b) với b cách a
/// vài ulp (1 − a chính xác theo bổ đề Sterbenz khi a ∈ [½, 1]).
fn distribution_pair() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    let near = (0.5..1.0f64, -8i64..8).prop_map(|(a, k)| {
        let b = f64::from_bits((a.to_bits() as i64 + k) as u64).min(1.0);
        (vec![a, 1.0 - a], vec![b, 1.0 - b])
    });
    let perturbed =
        (distribution(), prop::collection::vec(-1e-12..1e-12f64, 6)).prop_map(|(p, noise)| {
            let w: Vec<f64> = p.iter().zip(&noise).map(|(x, e)| x * (1.0 + e)).collect();
            let s: f64 = w.iter().sum();
            let q = w.iter().map(|x| x / s).collect();
            (p, q)
        });
    let any_pair = (1..6usize).prop_flat_map(|n| {
        (
            prop::collection::vec(log_uniform(-320.0, 0.0), n),
            prop::collection::vec(log_uniform(-320.0, 0.0), n),
        )
            .prop_map(|(a, b)| {
                let norm = |w: Vec<f64>| {
                    let s: f64 = w.iter().sum();
                    w.iter().map(|x| x / s).collect::<Vec<f64>>()
                };
                (norm(a), norm(b))
            })
    });
    prop_oneof![near, perturbed, any_pair]
}

fn all_ok(results: impl IntoIterator<Item = Result<(), String>>) -> Result<(), TestCaseError> {
    for r in results {
        r.map_err(TestCaseError::fail)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(reference::cases()))]

    /// softmax, log-softmax và log-sum-exp ≤ 8 ε so với số lớn 1200 bit.
    #[test]
    fn acc_softmax_family(z in logits()) {
        let r = Softmax::of(&z);
        let p = softmax(&z).unwrap();
        let lp = log_softmax(&z).unwrap();
        all_ok((0..z.len()).map(|i| check(&format!("softmax[{i}] z={z:?}"), p[i], &r.prob(i), ULPS)))?;
        all_ok((0..z.len()).map(|i| check(&format!("log_softmax[{i}] z={z:?}"), lp[i], &r.log_prob(i), ULPS)))?;
        all_ok([check(&format!("log_sum_exp z={z:?}"), log_sum_exp(&z).unwrap(), &r.log_sum_exp(), ULPS)])?;
    }

    /// Entropy chéo và gradient P − y của nó ≤ 8 ε so với số lớn, kể cả mất mát tí hon và logit khổng lồ.
    #[test]
    fn acc_cross_entropy_and_gradient((z, y) in logits_target()) {
        let r = Softmax::of(&z);
        all_ok([check(&format!("cross_entropy z={z:?} y={y}"), cross_entropy(&z, y).unwrap(), &r.cross_entropy(y), ULPS)])?;
        let g = logit_gradient(&z, y).unwrap();
        all_ok((0..z.len()).map(|i| check(&format!("gradient[{i}] z={z:?} y={y}"), g[i], &r.gradient(i, y), ULPS)))?;
    }

    /// Mất mát trung bình của chuỗi và perplexity ≤ 8 ε so với số lớn.
    #[test]
    fn acc_mean_cross_entropy_perplexity(rows in prop::collection::vec(logits_target(), 1..4)) {
        let (z, y): (Vec<Vec<f64>>, Vec<usize>) = rows.into_iter().unzip();
        let truth = reference::sum(z.iter().zip(&y).map(|(z, &y)| Softmax::of(z).cross_entropy(y)))
            / big(y.len() as f64);
        let got = mean_cross_entropy(&z, &y).unwrap();
        all_ok([check(&format!("mean_cross_entropy z={z:?} y={y:?}"), got, &truth, ULPS)])?;
        if got <= 700.0 {
            let ppl = perplexity(got).unwrap();
            all_ok([check(&format!("perplexity({got:e})"), ppl, &reference::exp(&big(got)), ULPS)])?;
        }
    }

    /// σ và log σ ≤ 8 ε so với số lớn trên mọi đối số hữu hạn.
    #[test]
    fn acc_sigmoid(x in finite()) {
        all_ok([
            check(&format!("sigmoid({x:e})"), sigmoid(x), &reference::sigmoid(&big(x)), ULPS),
            check(&format!("log_sigmoid({x:e})"), log_sigmoid(x), &-reference::softplus_neg(&big(x)), ULPS),
        ])?;
    }

    /// Entropy, entropy chéo H(p, q) và KL ≤ 8 ε so với số lớn; KL không bao giờ âm khi giá trị thật ≥ 0.
    #[test]
    fn acc_information((p, q) in distribution_pair()) {
        let ln = |x: f64| big(x).ln();
        let h = reference::sum(p.iter().filter(|&&x| x > 0.0).map(|&x| -(big(x) * ln(x))));
        all_ok([check(&format!("entropy p={p:?}"), entropy(&p).unwrap(), &h, ULPS)])?;
        if p.iter().zip(&q).all(|(&a, &b)| a == 0.0 || b > 0.0) {
            let hpq = reference::sum(p.iter().zip(&q).filter(|(&a, _)| a > 0.0).map(|(&a, &b)| -(big(a) * ln(b))));
            let kl = reference::sum(p.iter().zip(&q).filter(|(&a, _)| a > 0.0).map(|(&a, &b)| big(a) * (ln(a) - ln(b))));
            let got = kl_divergence(&p, &q).unwrap();
            all_ok([
                check(&format!("cross_entropy_pq p={p:?} q={q:?}"), cross_entropy_pq(&p, &q).unwrap(), &hpq, ULPS),
                check(&format!("kl p={p:?} q={q:?}"), got, &kl, ULPS),
            ])?;
            prop_assert!(kl < big(0.0) || got >= 0.0, "KL âm {got:e} trong khi giá trị thật ≥ 0");
        }
    }

    /// Mất mát SGNS ≤ 8 ε so với số lớn (tích vô hướng chính xác); gradient theo u_c, u_n ≤ 8 ε từng phần tử;
    /// gradient theo v_w (một tổng có thể triệt tiêu) ≤ 8 ε · Σ_k |hệ số_k · u_k,i|.
    #[test]
    fn acc_sgns(
        (center, context, negs) in (1..4usize).prop_flat_map(|d| {
            let comp = || prop_oneof![(-3.0..3.0f64), log_uniform(-150.0, 150.0), log_uniform(-150.0, 150.0).prop_map(|x| -x)];
            (
                prop::collection::vec(comp(), d),
                prop::collection::vec(comp(), d),
                prop::collection::vec(prop::collection::vec(comp(), d), 0..3),
            )
        })
    ) {
        let negatives: Vec<&[f64]> = negs.iter().map(|n| n.as_slice()).collect();
        let s_c = reference::dot(&context, &center);
        let s_k: Vec<Big> = negs.iter().map(|n| reference::dot(n, &center)).collect();
        let loss = reference::sum(
            std::iter::once(reference::softplus_neg(&s_c)).chain(s_k.iter().map(|s| reference::softplus_neg(&-s.clone()))),
        );
        let case = format!("v={center:?} u={context:?} n={negs:?}");
        all_ok([
            check(&format!("sgns_loss {case}"), sgns_loss(&center, &context, &negatives).unwrap(), &loss, ULPS),
            check(&format!("sgns_objective {case}"), sgns_objective(&center, &context, &negatives).unwrap(), &-loss.clone(), ULPS),
        ])?;
        let g = sgns_gradients(&center, &context, &negatives).unwrap();
        let c_pos = -reference::sigmoid(&-s_c.clone());
        let c_neg: Vec<Big> = s_k.iter().map(reference::sigmoid).collect();
        all_ok(center.iter().enumerate().map(|(i, &v)| check(&format!("∂L/∂u_c[{i}] {case}"), g.context[i], &(c_pos.clone() * big(v)), ULPS)))?;
        for (k, c) in c_neg.iter().enumerate() {
            all_ok(center.iter().enumerate().map(|(i, &v)| check(&format!("∂L/∂u_n{k}[{i}] {case}"), g.negatives[k][i], &(c.clone() * big(v)), ULPS)))?;
        }
        for i in 0..center.len() {
            let terms: Vec<Big> = std::iter::once(c_pos.clone() * big(context[i]))
                .chain(c_neg.iter().zip(&negs).map(|(c, n)| c.clone() * big(n[i])))
                .collect();
            let truth = reference::sum(terms.iter().cloned());
            let scale = reference::sum(terms.iter().map(|t| t.clone().abs()));
            let err = (big(g.center[i]) - truth).abs();
            prop_assert!(err <= scale * big(ULPS * f64::EPSILON) || err < big(f64::MIN_POSITIVE),
                "∂L/∂v_w[{i}] {case}: nhận {:e}", g.center[i]);
        }
    }

    /// Entropy chéo của transformer (7.6) và gradient (7.9): tổng mất mát và ma trận xác suất ≤ 8 ε.
    #[test]
    fn acc_transformer_cross_entropy(rows in prop::collection::vec(logits_target(), 1..4), width in 1..5usize) {
        // mọi hàng cùng độ dài: cắt hoặc lặp logit cho đủ `width`
        let (z, y): (Vec<Vec<f64>>, Vec<usize>) = rows
            .into_iter()
            .map(|(z, y)| ((0..width).map(|i| z[i % z.len()]).collect::<Vec<f64>>(), y % width))
            .unzip();
        let logits = Array2::from_shape_fn((z.len(), width), |(t, w)| z[t][w]);
        let (loss, probs) = cross_entropy_forward(&logits, &y).unwrap();
        let refs: Vec<Softmax> = z.iter().map(|r| Softmax::of(r)).collect();
        let truth = reference::sum(refs.iter().zip(&y).map(|(r, &y)| r.cross_entropy(y)));
        all_ok([check(&format!("transformer loss z={z:?} y={y:?}"), loss, &truth, ULPS)])?;
        let grad = cross_entropy_backward(&probs, &y).unwrap();
        for (t, r) in refs.iter().enumerate() {
            all_ok((0..width).map(|w| check(&format!("transformer P[{t},{w}] z={z:?}"), probs[[t, w]], &r.prob(w), ULPS)))?;
            all_ok((0..width).map(|w| check(&format!("transformer ∂L/∂ℓ[{t},{w}] z={z:?} y={y:?}"), grad[[t, w]], &r.gradient(w, y[t]), ULPS)))?;
        }
    }

    /// Giá trị vàng của widget softmax (P, L, P − y với nhiệt độ T) ≤ 8 ε so với số lớn (z/T chính xác).
    #[test]
    fn acc_widget_softmax((z, y) in logits_target(), t in prop_oneof![log_uniform(-3.0, 3.0), Just(1.0)]) {
        let scaled: Vec<Big> = z.iter().map(|&x| big(x) / big(t)).collect();
        let r = Softmax::new(&scaled);
        if let Ok((p, loss, grad)) = softmax_outputs(&z, t, y) {
            let case = format!("z={z:?} T={t:e} y={y}");
            all_ok([check(&format!("widget loss {case}"), loss, &r.cross_entropy(y), ULPS)])?;
            all_ok((0..z.len()).map(|i| check(&format!("widget P[{i}] {case}"), p[i], &r.prob(i), ULPS)))?;
            all_ok((0..z.len()).map(|i| check(&format!("widget grad[{i}] {case}"), grad[i], &r.gradient(i, y), ULPS)))?;
        } else {
            // chỉ được từ chối khi z/T thật sự tràn khỏi f64
            prop_assert!(scaled.iter().any(|s| s.clone().abs() > big(f64::MAX)), "từ chối sai z={z:?} T={t:e}");
        }
    }
}

/// Các phản ví dụ của issue 10, giữ cố định.
#[test]
fn acc_issue_examples() {
    let cases: &[(&[f64], usize)] = &[
        (&[1e17, 1e17], 0),
        (&[20.0, 0.0], 0),
        (&[40.0, 0.0], 0),
        (&[1e4, 1e4 - 1.0], 0),
    ];
    for &(z, y) in cases {
        let r = Softmax::of(z);
        check(
            &format!("cross_entropy {z:?}"),
            cross_entropy(z, y).unwrap(),
            &r.cross_entropy(y),
            ULPS,
        )
        .unwrap();
        let g = logit_gradient(z, y).unwrap();
        for (i, gi) in g.iter().enumerate() {
            check(&format!("gradient {z:?}"), *gi, &r.gradient(i, y), ULPS).unwrap();
        }
    }
    // KL của hai phân phối gần bằng nhau, chuẩn hoá chính xác, không được âm
    let a: f64 = 0.7;
    let b = f64::from_bits(a.to_bits() + 1);
    assert!(kl_divergence(&[a, 1.0 - a], &[b, 1.0 - b]).unwrap() >= 0.0);
    let s = 40.0;
    let g = sgns_gradients(&[1.0], &[s], &[]).unwrap();
    check(
        "∂L/∂u_c, s = 40",
        g.context[0],
        &-reference::sigmoid(&big(-s)),
        ULPS,
    )
    .unwrap();
}

/// SGNS khi điểm của mẫu âm s ≈ −700 có phần thấp `lo` của tích vô hướng khác 0: −log σ(−s) ≈ eˢ và σ(s) ≈ eˢ
/// nhạy với `lo` ở mức 10⁻¹⁴ tương đối, nên phải dùng đúng dấu của cả hai phần; mẫu dương s = 800 góp đúng 0.
#[test]
fn acc_sgns_negative_score_keeps_low_part() {
    let (center, context, negative) = ([1.0, 1.0], [800.0, 0.0], [-700.0, 1e-14]);
    let s = reference::dot(&negative, &center);
    check(
        "sgns_loss, s = −700 + 10⁻¹⁴",
        sgns_loss(&center, &context, &[&negative]).unwrap(),
        &reference::softplus_neg(&-s.clone()),
        ULPS,
    )
    .unwrap();
    let g = sgns_gradients(&center, &context, &[&negative]).unwrap();
    for (gi, &vi) in g.negatives[0].iter().zip(&center) {
        check(
            "∂L/∂u_n, s = −700 + 10⁻¹⁴",
            *gi,
            &(reference::sigmoid(&s) * big(vi)),
            ULPS,
        )
        .unwrap();
    }
}

/// KL khi tỉ số q_i/p_i tràn dưới (dưới chuẩn) hoặc tràn trên (∞) trong f64 — nhánh tính `ln q_i − ln p_i` riêng —
/// vẫn ≤ 8 ε so với số lớn.
#[test]
fn acc_kl_extreme_ratios() {
    let cases: &[(&[f64], &[f64])] = &[
        (&[0.5, 0.5], &[1.0, 1e-310]),
        (&[1e-310, 1.0], &[0.5, 0.5]),
        (&[0.25, 0.75], &[1.0, 4e-320]),
    ];
    for &(p, q) in cases {
        let truth = reference::sum(
            p.iter()
                .zip(q)
                .map(|(&a, &b)| big(a) * (big(a).ln() - big(b).ln())),
        );
        check(
            &format!("kl p={p:?} q={q:?}"),
            kl_divergence(p, q).unwrap(),
            &truth,
            ULPS,
        )
        .unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(reference::cases()))]

    /// (5.8): −log P_y = (m − z_y) + log1p(Σ_{j≠k} e^{z_j − m}) — crate khớp ≤ 8 ε với định nghĩa ln Σ_j e^{z_j} − z_y
    /// tính thẳng (không dịch) trong số lớn 256 bit, logit tới ±300 (1000 bit).
    #[test]
    fn eq_5_8_shifted_cross_entropy((z, y) in (prop::collection::vec(-300.0..300.0f64, 1..6), any::<Index>())
        .prop_map(|(z, i)| { let y = i.index(z.len()); (z, y) })) {
        let direct = reference::sum(z.iter().map(|&x| reference::exp(&big_at(x, BITS)))).ln() - big_at(z[y], BITS);
        let got = cross_entropy(&z, y).unwrap();
        // Phép trừ không dịch của tham chiếu có sai số tuyệt đối ~ |z|·2^(−BITS) ≈ 1e−298: dưới mức đó (chỉ khi V = 1,
        // giá trị thật đúng bằng 0 — với V ≥ 2 và |z| ≤ 300 mất mát ≥ e^(−600) ≈ 1e−261) tham chiếu không phân biệt
        // được với 0, nên crate phải cho đúng 0.
        if direct.clone().abs() < big(1e-290) {
            prop_assert!(z.len() == 1 && got == 0.0, "(5.8) z={z:?} y={y}: nhận {got:e}, tham chiếu ≈ 0");
        } else {
            all_ok([check(&format!("(5.8) z={z:?} y={y}"), got, &direct, ULPS)])?;
        }
    }

    /// (5.9): thành phần đúng của gradient P_y − 1 = −Σ_{j≠y} P_j — crate khớp ≤ 8 ε với 1 − P_y tính bằng số lớn
    /// (P_y = e^{z_y}/Σ e^{z_j} trực tiếp), kể cả khi P_y rất gần 1.
    #[test]
    fn eq_5_9_gradient_correct_component(gap in 0.0..300.0f64, rest in prop::collection::vec(-1.0..0.0f64, 1..4)) {
        let mut z = vec![gap];
        z.extend(rest);
        let total = reference::sum(z.iter().map(|&x| reference::exp(&big_at(x, BITS))));
        let p_y = reference::exp(&big_at(z[0], BITS)) / total;
        let truth = p_y - big_at(1.0, BITS);
        all_ok([check(&format!("(5.9) z={z:?}"), logit_gradient(&z, 0).unwrap()[0], &truth, ULPS)])?;
    }

    /// (5.10): 1 − σ(s) = σ(−s) — hệ số gradient của mẫu dương trong SGNS khớp ≤ 8 ε với 1 − 1/(1 + e^{−s})
    /// tính bằng số lớn.
    #[test]
    fn eq_5_10_sigmoid_complement(s in -300.0..300.0f64) {
        let one = big_at(1.0, BITS);
        let truth = one.clone() - one.clone() / (one + reference::exp(&big_at(-s, BITS)));
        let g = sgns_gradients(&[1.0], &[s], &[]).unwrap();
        all_ok([check(&format!("(5.10) s={s:e}"), -g.context[0], &truth, ULPS)])?;
    }

    /// (5.11): p log(p/q) = (p − q) + p φ((q − p)/p) với φ(t) = t − ln(1 + t) ≥ 0 — đẳng thức đúng tới 1e−60 trong
    /// số lớn; KL của hai phân phối chuẩn hoá chính xác gần bằng nhau không âm và khớp số lớn ≤ 8 ε.
    #[test]
    fn eq_5_11_kl_term_decomposition(a in 0.5..1.0f64, k in -64i64..64) {
        let b = f64::from_bits((a.to_bits() as i64 + k) as u64).min(1.0);
        let (p, q) = (big(a), big(b));
        let t = (q.clone() - p.clone()) / p.clone();
        let phi = t.clone() - (big(1.0) + t).ln();
        let lhs = p.clone() * (p.clone().ln() - q.clone().ln());
        let rhs = (p.clone() - q) + p * phi.clone();
        prop_assert!((lhs - rhs).abs() < big(1e-60));
        prop_assert!(phi >= big(0.0));
        let (pp, qq) = ([a, 1.0 - a], [b, 1.0 - b]);
        let kl = kl_divergence(&pp, &qq).unwrap();
        prop_assert!(kl >= 0.0);
        let truth = reference::sum(pp.iter().zip(&qq).map(|(&x, &y)| big(x) * (big(x).ln() - big(y).ln())));
        all_ok([check(&format!("(5.11) p={pp:?} q={qq:?}"), kl, &truth, ULPS)])?;
    }
}

/// Các phép cộng chính xác của `numerics` (dạng đóng): tổng bù Neumaier lấy lại đúng số hạng nhỏ mà tổng thường
/// làm mất; tổng làm tròn đúng của các số hạng triệt tiêu nhau ở mọi thang, và ±∞ được truyền qua; `two_prod`
/// trả phần dư đúng (FMA), và 0 khi tích tràn.
#[test]
fn summation_primitives_are_exact() {
    assert_eq!([1e16, 1.0, -1e16].iter().sum::<f64>(), 0.0);
    assert_eq!(compensated_sum([1e16, 1.0, -1e16]), 1.0);
    assert_eq!(compensated_sum([1.0, 1e16, -1e16, 1.0]), 2.0);
    assert_eq!(accurate_sum(&[1e100, 1.0, -1e100, 1e-100]), 1.0);
    assert_eq!(
        accurate_sum(&[1e300, 3.0, -1e300, 1e-300, 1e200, -1e200]),
        3.0
    );
    assert_eq!(accurate_sum(&[1.0, f64::INFINITY, 2.0]), f64::INFINITY);
    assert_eq!(accurate_sum(&[1.0, f64::NEG_INFINITY]), f64::NEG_INFINITY);
    let third = 1.0 / 3.0;
    let (p, e) = two_prod(third, 3.0);
    assert_eq!((p, e), (1.0, third.mul_add(3.0, -1.0)));
    assert!(e != 0.0);
    assert_eq!(two_prod(1e300, 1e300), (f64::INFINITY, 0.0));
    let shifted = Shifted::new(&[1.0, 2.0, 3.0]).unwrap();
    assert_eq!(
        (shifted.pivot(), shifted.len(), shifted.is_empty()),
        (2, 3, false)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(reference::cases()))]

    /// `accurate_sum` làm tròn đúng (≤ 1 ε tương đối so với số lớn) cả khi các số hạng triệt tiêu nhau: mỗi số hạng
    /// đi kèm số đối của nó nhân một thừa số gần 1, cộng vài số nhỏ.
    #[test]
    fn acc_accurate_sum(
        big_terms in prop::collection::vec((log_uniform(-300.0, 300.0), -1.0..1.0f64), 1..5),
        small in prop::collection::vec(-1.0..1.0f64, 0..4),
    ) {
        let mut terms = Vec::new();
        for &(x, r) in &big_terms {
            terms.push(x);
            terms.push(-x * (1.0 + r * 1e-10));
        }
        terms.extend(&small);
        let truth = reference::sum(terms.iter().map(|&x| big(x)));
        all_ok([check(&format!("accurate_sum {terms:?}"), accurate_sum(&terms), &truth, 1.0)])?;
    }
}
