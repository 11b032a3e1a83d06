//! Kiểm thử chương 7: từng tầng của GPT nhỏ, cả mô hình từ đầu đến cuối, mặt nạ nhân quả, hai nhánh
//! gradient của E dùng chung, và thí nghiệm huấn luyện.

use embedding_loss::cross_entropy::{cross_entropy, mean_cross_entropy};
use embedding_loss::embedding::one_hot;
use embedding_loss::experiments::gpt::{book_run, BOOK_RUN, SAMPLE};
use embedding_loss::gradcheck::check_gradient;
use embedding_loss::transformer::attention::{
    attention_backward, attention_forward, AttentionWeights,
};
use embedding_loss::transformer::embed::{encoder_forward, unembed_forward};
use embedding_loss::transformer::layer_norm::{layer_norm_backward, layer_norm_forward, EPS};
use embedding_loss::transformer::mlp::{
    gelu, gelu_derivative, mlp_backward, mlp_forward, MlpWeights,
};
use embedding_loss::transformer::model::{backward, forward, forward_untied, loss, Config, Params};
use embedding_loss::transformer::train::{
    achievable_loss, cosine_rate, repeat_sequence, train, window_mean, TrainConfig,
};
use embedding_loss::Result;
use ndarray::{Array1, Array2};
use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::common::{flat, randn};

const TOL: f64 = 1e-6;
const CFG: Config = Config {
    vocab: 5,
    dim: 4,
    context: 6,
};
/// Chuỗi thử: token 2 lặp lại ba lần để kiểm phép cộng dồn của (7.10).
const TOKENS: [usize; 7] = [0, 2, 1, 2, 4, 3, 2];

/// Tham số ngẫu nhiên hoàn toàn (cả γ ≠ 1, β ≠ 0) để mọi số hạng của gradient đều khác 0.
fn random_params(seed: u64) -> Params {
    let base = Params::init(CFG, seed).expect("cấu hình hợp lệ");
    let noise = randn(1, base.to_vec().len(), seed + 100);
    let flat: Vec<f64> = base
        .to_vec()
        .iter()
        .zip(noise.iter())
        .map(|(p, n)| p + 0.5 * n)
        .collect();
    base.with_values(&flat).expect("cùng số tham số")
}

fn random_attention(d: usize, seed: u64) -> AttentionWeights {
    AttentionWeights {
        wq: randn(d, d, seed),
        wk: randn(d, d, seed + 1),
        wv: randn(d, d, seed + 2),
        wo: randn(d, d, seed + 3),
    }
}

fn reshape(v: &[f64], like: &Array2<f64>) -> Array2<f64> {
    Array2::from_shape_vec(like.dim(), v.to_vec()).expect("cùng kích thước")
}

/// `Σ R ⊙ Y`: hàm vô hướng dùng để kiểm lượt ngược của một tầng với gradient đầu ra ngẫu nhiên `R`.
fn project(y: &Array2<f64>, r: &Array2<f64>) -> f64 {
    (y * r).sum()
}

/// Phương trình (7.1): `z_t` bằng tích one-hot `x_tᵀ E` (chương 1) cộng hàng `t` của `P`.
#[test]
fn eq_7_1_encoder_matches_one_hot_product() -> Result<()> {
    let p = random_params(1);
    let inputs = &TOKENS[..6];
    let z = encoder_forward(&p.wte, &p.wpe, inputs)?;
    for (t, &x) in inputs.iter().enumerate() {
        let reference = one_hot(x, CFG.vocab)?.dot(&p.wte) + p.wpe.row(t);
        for i in 0..CFG.dim {
            assert!((z[[t, i]] - reference[i]).abs() < 1e-12);
        }
    }
    assert!(encoder_forward(&p.wte, &p.wpe, &[7]).is_err());
    assert!(encoder_forward(&p.wte, &p.wpe, &[0; 7]).is_err());
    Ok(())
}

proptest! {
    /// Phương trình (7.2): với γ = 1, β = 0 mỗi hàng có trung bình 0 và phương sai v/(v + ε), v là
    /// phương sai tính hai lượt trong kiểm thử; γ, β tác động đúng dạng affine — kể cả hàng có giá trị
    /// ±1e3, hàng hằng (v = 0) và hàng có một phần tử áp đảo.
    #[test]
    fn eq_7_2_layer_norm_standardizes(
        row in prop_oneof![
            proptest::collection::vec(-1e3f64..1e3, 4),
            (-1e3f64..1e3).prop_map(|c| vec![c; 4]),
            (proptest::collection::vec(-1.0f64..1.0, 4), 500.0f64..1e3).prop_map(|(mut v, big)| {
                v[0] = big;
                v
            }),
        ],
        g in -2.0f64..2.0,
        b in -2.0f64..2.0,
    ) {
        let x = Array2::from_shape_vec((1, 4), row.clone()).expect("1×4");
        let (y, _) = layer_norm_forward(&x, &Array1::ones(4), &Array1::zeros(4))?;
        let mean = row.iter().sum::<f64>() / 4.0;
        let var = row.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / 4.0;
        let y_mean = y.sum() / 4.0;
        let y_var = y.iter().map(|v| v * v).sum::<f64>() / 4.0;
        prop_assert!(y_mean.abs() < 1e-12);
        prop_assert!((y_var - var / (var + EPS)).abs() < 1e-12);
        let (ya, _) = layer_norm_forward(&x, &Array1::from_elem(4, g), &Array1::from_elem(4, b))?;
        for i in 0..4 {
            prop_assert!((ya[[0, i]] - (g * y[[0, i]] + b)).abs() < 1e-12);
        }
    }
}

/// Phương trình (7.3): mỗi hàng của A là phân phối (tổng 1), A_ij = 0 khi j > i, và vị trí 0 chỉ
/// thấy chính nó nên đầu ra của nó đúng bằng `x_0 W_V W_O` (tính độc lập, không qua softmax).
#[test]
fn eq_7_3_attention_is_causal_distribution() -> Result<()> {
    let x = randn(5, 3, 10);
    let w = random_attention(3, 20);
    let (y, cache) = attention_forward(&x, &w)?;
    let a = cache.weights();
    for i in 0..5 {
        assert!((a.row(i).sum() - 1.0).abs() < 1e-12);
        for j in i + 1..5 {
            assert_eq!(a[[i, j]], 0.0);
        }
    }
    let first = x.row(0).dot(&w.wv).dot(&w.wo);
    for k in 0..3 {
        assert!((y[[0, k]] - first[k]).abs() < 1e-12);
    }
    Ok(())
}

/// Phương trình (7.3), mặt nạ nhân quả: đổi một token tương lai x_s không đổi logit ở vị trí < s
/// (bằng từng bit) và không đổi mất mát −log P(x_t | x_<t) với t < s.
#[test]
fn eq_7_3_causal_mask_hides_future_tokens() -> Result<()> {
    let p = random_params(2);
    let base = forward(&p, &TOKENS)?;
    for s in 1..TOKENS.len() {
        let mut changed = TOKENS;
        changed[s] = (changed[s] + 1) % CFG.vocab;
        let other = forward(&p, &changed)?;
        for t in 0..s {
            assert_eq!(
                base.logits.row(t),
                other.logits.row(t),
                "logit ở vị trí {t}"
            );
        }
        // position_losses()[t − 1] là −log P(x_t | x_<t); với t < s nó không được đổi.
        let (lb, lo) = (base.position_losses(), other.position_losses());
        assert_eq!(lb[..s - 1], lo[..s - 1], "mất mát trước vị trí {s}");
        assert_ne!(
            lb[s - 1],
            lo[s - 1],
            "token đích x_{s} đã đổi nên mất mát của nó phải đổi"
        );
    }
    Ok(())
}

/// Hàm phân phối chuẩn `Φ(x) = ½ + (1/√(2π)) ∫₀ˣ e^{−t²/2} dt`, tích phân bằng quy tắc Simpson (2000 khoảng;
/// sai số ≪ 10⁻¹² trên [−8, 8]) — tham chiếu độc lập cho GELU đúng `x Φ(x)`.
fn normal_cdf(x: f64) -> f64 {
    let n = 2000;
    let h = x / n as f64;
    let f = |t: f64| (-t * t / 2.0).exp();
    let inner: f64 = (1..n)
        .map(|i| if i % 2 == 1 { 4.0 } else { 2.0 } * f(i as f64 * h))
        .sum();
    0.5 + (f(0.0) + inner + f(x)) * h / 3.0 / (2.0 * std::f64::consts::PI).sqrt()
}

/// Phương trình (7.4): GELU khớp các giới hạn dạng đóng (GELU(0) = 0, GELU(x) → x khi x ≫ 0,
/// → 0 khi x ≪ 0, GELU(x) − GELU(−x) = x), lệch GELU đúng `x Φ(x)` không quá 5·10⁻⁴ trên [−8, 8] (sai số đã
/// biết của xấp xỉ tanh là 4,7·10⁻⁴; hằng số √(2/π) sai thì lệch cỡ 5·10⁻²), và đạo hàm của nó khớp sai phân
/// trung tâm trên [−3, 3].
#[test]
fn eq_7_4_gelu_and_its_derivative() -> Result<()> {
    assert_eq!(gelu(0.0), 0.0);
    for k in -800..=800 {
        let x = k as f64 / 100.0;
        let exact = x * normal_cdf(x);
        assert!(
            (gelu(x) - exact).abs() <= 5e-4,
            "x = {x}: {} vs {exact}",
            gelu(x)
        );
    }
    assert!((gelu(30.0) - 30.0).abs() < 1e-12 && gelu(-30.0).abs() < 1e-12);
    let xs: Vec<f64> = (-24..=24).map(|k| k as f64 / 8.0).collect();
    for &x in &xs {
        assert!((gelu(x) - gelu(-x) - x).abs() < 1e-12);
    }
    for &x in &xs {
        check_gradient(|v: &[f64]| Ok(gelu(v[0])), &[gelu_derivative(x)], &[x], TOL)?;
    }
    Ok(())
}

/// Phương trình (7.4): lượt ngược của MLP (∂L/∂m, ∂L/∂W₁, ∂L/∂W₂) khớp sai phân trung tâm.
#[test]
fn eq_7_4_mlp_backward_gradcheck() -> Result<()> {
    let (x, r) = (randn(4, 3, 60), randn(4, 3, 61));
    let w = MlpWeights {
        w1: randn(3, 12, 62),
        w2: randn(12, 3, 63),
    };
    let (_, cache) = mlp_forward(&x, &w)?;
    let (dx, dw) = mlp_backward(&r, &w, &cache)?;
    let fx = |v: &[f64]| Ok(project(&mlp_forward(&reshape(v, &x), &w)?.0, &r));
    check_gradient(fx, &flat(&dx), &flat(&x), TOL)?;
    let f1 = |v: &[f64]| {
        let w2 = MlpWeights {
            w1: reshape(v, &w.w1),
            w2: w.w2.clone(),
        };
        Ok(project(&mlp_forward(&x, &w2)?.0, &r))
    };
    check_gradient(f1, &flat(&dw.w1), &flat(&w.w1), TOL)?;
    let f2 = |v: &[f64]| {
        let w2 = MlpWeights {
            w1: w.w1.clone(),
            w2: reshape(v, &w.w2),
        };
        Ok(project(&mlp_forward(&x, &w2)?.0, &r))
    };
    check_gradient(f2, &flat(&dw.w2), &flat(&w.w2), TOL)?;
    Ok(())
}

/// Phương trình (7.5): logit chia sẻ trọng số `ℓ_{t,w}` bằng tích vô hướng `e_w · u_t`, tính bằng
/// vòng lặp độc lập với phép nhân ma trận.
#[test]
fn eq_7_5_tied_logits_are_dot_products() -> Result<()> {
    let u = randn(3, 4, 30);
    let e = randn(5, 4, 31);
    let logits = unembed_forward(&u, &e)?;
    for t in 0..3 {
        for w in 0..5 {
            let dot: f64 = (0..4).map(|i| u[[t, i]] * e[[w, i]]).sum();
            assert!((logits[[t, w]] - dot).abs() < 1e-12);
        }
    }
    assert!(unembed_forward(&u, &randn(5, 3, 32)).is_err());
    Ok(())
}

/// Phương trình (7.6): mất mát chuỗi là TỔNG các entropy chéo của chương 2 theo vị trí (bằng T lần
/// trung bình; `position_losses` cho từng số hạng), và bằng đúng T ln V khi E = 0 (mọi logit bằng nhau).
#[test]
fn eq_7_6_sequence_loss_is_sum_of_cross_entropies() -> Result<()> {
    let p = random_params(3);
    let fwd = forward(&p, &TOKENS)?;
    let rows: Vec<Vec<f64>> = fwd.logits.outer_iter().map(|r| r.to_vec()).collect();
    let mut sum = 0.0;
    let per_position = fwd.position_losses();
    for (t, z) in rows.iter().enumerate() {
        let ce = cross_entropy(z, TOKENS[t + 1])?;
        assert!((per_position[t] - ce).abs() < 1e-12, "vị trí {t}");
        sum += ce;
    }
    assert_eq!(per_position.len(), rows.len());
    assert!((fwd.loss - sum).abs() < 1e-12);
    let t_len = rows.len() as f64;
    assert!((fwd.loss - t_len * mean_cross_entropy(&rows, &TOKENS[1..])?).abs() < 1e-12);
    let mut zero = p.clone();
    zero.wte.fill(0.0);
    let uniform = loss(&zero, &TOKENS)?;
    assert!((uniform - t_len * (CFG.vocab as f64).ln()).abs() < 1e-12);
    Ok(())
}

/// Phương trình (7.6), từ đầu đến cuối: gradient của mọi tham số (E, P, γ, β, bốn ma trận chú ý)
/// khớp sai phân trung tâm của mất mát, sai số tương đối ≤ 1e-6.
#[test]
fn eq_7_6_whole_model_gradient_matches_finite_differences() -> Result<()> {
    for seed in [4, 5] {
        let p = random_params(seed);
        let grads = backward(&p, &forward(&p, &TOKENS)?)?;
        let f = |theta: &[f64]| loss(&p.with_values(theta)?, &TOKENS);
        check_gradient(f, &grads.params.to_vec(), &p.to_vec(), TOL)?;
    }
    Ok(())
}

/// Phương trình (7.7): lượt ngược của attention (ma trận Jacobi của softmax theo hàng) khớp sai phân trung
/// tâm cho đầu vào và cả bốn ma trận. Kiểm thử này thất bại nếu bỏ số hạng −Σ_k A_ik ∂L/∂A_ik.
#[test]
fn eq_7_7_attention_softmax_jacobian_gradcheck() -> Result<()> {
    let (x, w, r) = (randn(5, 3, 40), random_attention(3, 41), randn(5, 3, 45));
    let (_, cache) = attention_forward(&x, &w)?;
    let (dx, dw) = attention_backward(&r, &w, &cache)?;
    let fx = |v: &[f64]| Ok(project(&attention_forward(&reshape(v, &x), &w)?.0, &r));
    check_gradient(fx, &flat(&dx), &flat(&x), TOL)?;
    let pick = |m: &AttentionWeights, k: usize| [&m.wq, &m.wk, &m.wv, &m.wo][k].clone();
    for k in 0..4 {
        let f = |v: &[f64]| {
            let mut w2 = w.clone();
            *[&mut w2.wq, &mut w2.wk, &mut w2.wv, &mut w2.wo][k] = reshape(v, &pick(&w, k));
            Ok(project(&attention_forward(&x, &w2)?.0, &r))
        };
        check_gradient(f, &flat(&pick(&dw, k)), &flat(&pick(&w, k)), TOL)?;
    }
    Ok(())
}

/// Phương trình (7.8): lượt ngược của layer norm (∂L/∂x, ∂L/∂γ, ∂L/∂β) khớp sai phân trung tâm.
#[test]
fn eq_7_8_layer_norm_backward_gradcheck() -> Result<()> {
    let (x, r) = (randn(3, 5, 50), randn(3, 5, 51));
    let gamma = randn(1, 5, 52).row(0).to_owned();
    let beta = randn(1, 5, 53).row(0).to_owned();
    let (_, cache) = layer_norm_forward(&x, &gamma, &beta)?;
    let (dx, dgamma, dbeta) = layer_norm_backward(&r, &gamma, &cache)?;
    let fx = |v: &[f64]| {
        Ok(project(
            &layer_norm_forward(&reshape(v, &x), &gamma, &beta)?.0,
            &r,
        ))
    };
    check_gradient(fx, &flat(&dx), &flat(&x), TOL)?;
    let fg = |v: &[f64]| {
        Ok(project(
            &layer_norm_forward(&x, &Array1::from(v.to_vec()), &beta)?.0,
            &r,
        ))
    };
    check_gradient(fg, &dgamma.to_vec(), &gamma.to_vec(), TOL)?;
    let fb = |v: &[f64]| {
        Ok(project(
            &layer_norm_forward(&x, &gamma, &Array1::from(v.to_vec()))?.0,
            &r,
        ))
    };
    check_gradient(fb, &dbeta.to_vec(), &beta.to_vec(), TOL)?;
    Ok(())
}

/// Phương trình (7.9): gradient của E dùng chung khớp sai phân trung tâm của mất mát theo E. Kiểm thử này
/// thất bại nếu quên nhánh vào (chỉ giữ nhánh unembedding mà bài gốc nêu ở §3.2).
#[test]
fn eq_7_9_tied_gradient_includes_input_path() -> Result<()> {
    let p = random_params(6);
    let grads = backward(&p, &forward(&p, &TOKENS)?)?;
    let f = |v: &[f64]| {
        let mut q = p.clone();
        q.wte = reshape(v, &p.wte);
        loss(&q, &TOKENS)
    };
    check_gradient(f, &flat(&grads.params.wte), &flat(&p.wte), TOL)?;
    // nhánh vào không hề nhỏ: bỏ nó đi thì gradient sai rõ rệt
    assert!(grads.wte_input.iter().any(|v| v.abs() > 1e-3));
    Ok(())
}

/// Phương trình (7.9), từng nhánh: tách E thành hai bản sao độc lập E_vào (tra cứu) và E_ra
/// (unembedding); sai phân theo từng bản sao khớp riêng từng nhánh, và tổng của chúng là gradient của E dùng chung.
#[test]
fn eq_7_9_each_path_matches_an_untied_copy() -> Result<()> {
    let p = random_params(7);
    let grads = backward(&p, &forward(&p, &TOKENS)?)?;
    let f_out = |v: &[f64]| Ok(forward_untied(&p, &reshape(v, &p.wte), &TOKENS)?.loss);
    check_gradient(f_out, &flat(&grads.wte_output), &flat(&p.wte), TOL)?;
    let f_in = |v: &[f64]| {
        let mut q = p.clone();
        q.wte = reshape(v, &p.wte);
        Ok(forward_untied(&q, &p.wte, &TOKENS)?.loss)
    };
    check_gradient(f_in, &flat(&grads.wte_input), &flat(&p.wte), TOL)?;
    let sum = &grads.wte_output + &grads.wte_input;
    assert!(sum
        .iter()
        .zip(&grads.params.wte)
        .all(|(a, b)| (a - b).abs() < 1e-12));
    Ok(())
}

/// Phương trình (7.10): gradient của embedding vị trí P khớp sai phân trung tâm, cả với chuỗi ngắn hơn ngữ cảnh
/// (khi đó các hàng của P sau chuỗi có gradient 0); và hàng w của nhánh vào bằng tổng ∂L/∂p_t trên các vị trí t
/// có x_t = w (cùng một δ_t, cộng dồn khi token lặp lại).
#[test]
fn eq_7_10_position_gradient_and_accumulation() -> Result<()> {
    let p = random_params(8);
    for tokens in [&TOKENS[..], &TOKENS[..4]] {
        let grads = backward(&p, &forward(&p, tokens)?)?;
        let f = |v: &[f64]| {
            let mut q = p.clone();
            q.wpe = reshape(v, &p.wpe);
            loss(&q, tokens)
        };
        check_gradient(f, &flat(&grads.params.wpe), &flat(&p.wpe), TOL)?;
        let unused = grads.params.wpe.rows().into_iter().skip(tokens.len() - 1);
        assert!(unused.flatten().all(|&g| g == 0.0));
    }
    let grads = backward(&p, &forward(&p, &TOKENS)?)?;
    let inputs = &TOKENS[..TOKENS.len() - 1];
    for w in 0..CFG.vocab {
        for i in 0..CFG.dim {
            let acc: f64 = (0..inputs.len())
                .filter(|&t| inputs[t] == w)
                .map(|t| grads.params.wpe[[t, i]])
                .sum();
            assert!((grads.wte_input[[w, i]] - acc).abs() < 1e-12);
        }
    }
    Ok(())
}

/// Thí nghiệm (lần huấn luyện của sách): mất mát mỗi token ở bước 0 cách ln V dưới 0.15, trung bình 50 bước
/// cuối xuống dưới 60 % của ln V, cách mức tối ưu ln(V − 1)/2 không quá 0.05 nat. Mức dưới ln(V − 1) chỉ
/// đạt được khi mô hình nhìn lại nửa đầu chuỗi (xem `claim_7_without_attention_floor_is_ln_v_minus_1`).
#[test]
fn claim_7_training_beats_uniform_baseline() -> Result<()> {
    let h = &book_run()?.history;
    let uniform = (BOOK_RUN.model.vocab as f64).ln();
    let last = window_mean(h, h.len().saturating_sub(50)..h.len(), |r| r.loss);
    assert!(
        (h[0].loss - uniform).abs() < 0.15,
        "khởi đầu {} so với ln V = {uniform}",
        h[0].loss
    );
    assert!(last < 0.6 * uniform, "cuối {last} so với ln V = {uniform}");
    assert!(
        last - achievable_loss(BOOK_RUN.model.vocab)? < 0.05,
        "cuối {last}"
    );
    Ok(())
}

/// Thí nghiệm: ở chuỗi mẫu, mô hình đã học chép — mất mát nửa sau < 0.05 nat mỗi vị trí, và ở nửa
/// sau vị trí t đặt > 0.9 trọng số chú ý lên vị trí t − (k − 1).
#[test]
fn claim_7_attention_learns_to_copy() -> Result<()> {
    let fwd = forward(&book_run()?.params, &SAMPLE)?;
    let k = BOOK_RUN.half;
    let losses = fwd.position_losses();
    assert!(losses[k..].iter().all(|&l| l < 0.05), "{losses:?}");
    for t in k..2 * k {
        assert!(fwd.attention()[[t, t + 1 - k]] > 0.9, "vị trí {t}");
    }
    Ok(())
}

/// Thí nghiệm: ở 10 bước đầu, nhánh vào mang gradient cùng cỡ nhánh ra (tỉ số > 0.4); ở 50 bước
/// cuối, nhánh ra trội hẳn (tỉ số nhánh vào / nhánh ra < 0.2). Cả ba nhánh đều khác 0 ở mọi bước.
#[test]
fn claim_7_gradient_routes_shift_to_output_side() -> Result<()> {
    let h = &book_run()?.history;
    let early = window_mean(h, 0..10, |r| r.input / r.output);
    let late = window_mean(h, h.len().saturating_sub(50)..h.len(), |r| {
        r.input / r.output
    });
    assert!(early > 0.4, "đầu {early}");
    assert!(late < 0.2, "cuối {late}");
    assert!(h
        .iter()
        .all(|r| r.output > 0.0 && r.input > 0.0 && r.position > 0.0));
    Ok(())
}

/// Mất mát tốt nhất trên kho «lặp lại» là nửa entropy của phân phối đều trên V − 1 token nội dung (nửa đầu mỗi
/// chuỗi không đoán được, nửa sau tất định): so với `entropy` của chương 6, và 0 khi chỉ có một token nội dung.
#[test]
fn achievable_loss_is_half_the_uniform_entropy() -> Result<()> {
    assert_eq!(achievable_loss(2)?, 0.0);
    for vocab in [3, 8, 50] {
        let uniform = vec![1.0 / (vocab - 1) as f64; vocab - 1];
        let want = embedding_loss::information::entropy(&uniform)? / 2.0;
        assert!(
            (achievable_loss(vocab)? - want).abs() <= 1e-12,
            "V = {vocab}"
        );
    }
    Ok(())
}

/// Hai bước đầu của `train` khớp một phép tính lại độc lập: cùng các chuỗi (cùng hạt giống), gradient trung bình
/// mỗi token từ `forward`/`backward`, và Adam viết theo sách giáo khoa (β₁ = 0,9, β₂ = 0,999, ε = 10⁻⁸, hiệu chỉnh
/// độ lệch) với tốc độ học cosin — tham số sau hai bước tới 10⁻¹²; mỗi bản ghi lịch sử (mất mát, chuẩn Frobenius
/// của từng nhánh gradient tới E) khớp tới 10⁻¹² tương đối.
#[test]
fn train_matches_independent_recomputation() -> Result<()> {
    let cfg = TrainConfig {
        model: Config {
            vocab: 5,
            dim: 4,
            context: 6,
        },
        half: 3,
        batch: 2,
        steps: 2,
        lr: 0.01,
        seed: 3,
    };
    let run = train(&cfg)?;
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    let mut params = Params::init(cfg.model, cfg.seed)?;
    let mut theta = params.to_vec();
    let (mut m, mut v) = (vec![0.0; theta.len()], vec![0.0; theta.len()]);
    let tokens = (cfg.batch * 2 * cfg.half) as f64;
    let norm = |a: &Array2<f64>| a.iter().map(|x| x * x).sum::<f64>().sqrt();
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1e-300);
    for step in 0..cfg.steps {
        let (mut grad, mut loss) = (vec![0.0; theta.len()], 0.0);
        let zero = || Array2::<f64>::zeros((cfg.model.vocab, cfg.model.dim));
        let (mut out, mut inp, mut att) = (zero(), zero(), zero());
        for _ in 0..cfg.batch {
            let seq = repeat_sequence(&mut rng, cfg.model.vocab, cfg.half)?;
            let fwd = forward(&params, &seq)?;
            let g = backward(&params, &fwd)?;
            loss += fwd.loss / tokens;
            for (acc, x) in grad.iter_mut().zip(g.params.to_vec()) {
                *acc += x / tokens;
            }
            out = out + &g.wte_output / tokens;
            inp = inp + &g.wte_input / tokens;
            att = att + &g.wte_input_attention / tokens;
        }
        let mean = params.with_values(&grad)?;
        let r = &run.history[step];
        for (what, got, want) in [
            ("mất mát", r.loss, loss),
            ("nhánh ra", r.output, norm(&out)),
            ("nhánh vào", r.input, norm(&inp)),
            ("qua chú ý", r.input_attention, norm(&att)),
            ("đường tắt", r.input_skip, norm(&(&inp - &att))),
            ("vị trí", r.position, norm(&mean.wpe)),
            ("E chung", r.tied, norm(&mean.wte)),
        ] {
            assert!(close(got, want), "bước {step}, {what}: {got} so với {want}");
        }
        let t = step as i32 + 1;
        let lr = cosine_rate(cfg.lr, step, cfg.steps);
        for i in 0..theta.len() {
            m[i] = 0.9 * m[i] + 0.1 * grad[i];
            v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
            let m_hat = m[i] / (1.0 - 0.9_f64.powi(t));
            let v_hat = v[i] / (1.0 - 0.999_f64.powi(t));
            theta[i] -= lr * m_hat / (v_hat.sqrt() + 1e-8);
        }
        params = params.with_values(&theta)?;
    }
    for (got, want) in run.params.to_vec().iter().zip(&theta) {
        assert!((got - want).abs() <= 1e-12, "{got} so với {want}");
    }
    Ok(())
}

/// Cấu hình huấn luyện sai trả `Err` ngay cả khi không có bước nào (ngữ cảnh < 2k, V < 2, batch 0); các biên hợp
/// lệ (ngữ cảnh = 2k hoặc lớn hơn, V = 2) chạy được.
#[test]
fn train_config_is_validated() -> Result<()> {
    let base = TrainConfig {
        model: Config {
            vocab: 3,
            dim: 4,
            context: 6,
        },
        half: 3,
        batch: 1,
        steps: 0,
        lr: 0.01,
        seed: 1,
    };
    let with = |vocab, context, batch| TrainConfig {
        model: Config {
            vocab,
            context,
            ..base.model
        },
        batch,
        ..base
    };
    for bad in [with(3, 5, 1), with(1, 6, 1), with(3, 6, 0)] {
        assert!(train(&bad).is_err(), "{bad:?}");
    }
    for good in [with(3, 6, 1), with(3, 9, 1), with(2, 6, 1)] {
        assert!(train(&TrainConfig { steps: 1, ..good }).is_ok(), "{good:?}");
    }
    Ok(())
}

/// Đầu vào sai trả `Err`, không panic: token ngoài từ vựng, chuỗi quá ngắn hoặc dài hơn ngữ cảnh,
/// gradient sai kích thước, kho «lặp lại» với V < 2.
#[test]
fn bad_inputs_are_errors_not_panics() -> Result<()> {
    let p = random_params(9);
    assert!(forward(&p, &[0, 5]).is_err());
    assert!(forward(&p, &[0]).is_err());
    // hai token là chuỗi ngắn nhất: một vị trí, một entropy chéo
    let two = forward(&p, &[0, 1])?;
    let row: Vec<f64> = two.logits.row(0).to_vec();
    assert!((two.loss - cross_entropy(&row, 1)?).abs() < 1e-12);
    assert!(forward(&p, &[0; 8]).is_err());
    let fwd = forward(&p, &TOKENS)?;
    let mut q = p.clone();
    q.attn.wo = randn(3, 3, 1);
    assert!(backward(&q, &fwd).is_err());
    assert!(p.with_values(&[0.0; 3]).is_err());
    assert!(achievable_loss(1).is_err());
    for (vocab, dim, context) in [(0, 4, 6), (5, 0, 6), (5, 4, 0)] {
        let cfg = Config {
            vocab,
            dim,
            context,
        };
        assert!(Params::init(cfg, 1).is_err(), "{cfg:?}");
    }
    Ok(())
}

/// Khởi tạo đúng như `Params::init` ghi: độ lệch chuẩn mẫu của E, P là 0,1; của bốn ma trận chú ý và W₁ là 1/√d;
/// của W₂ là 1/(2√d) — mỗi cái trong 10 % (với ≥ 1024 mẫu, sai số chuẩn của ước lượng ≈ 2,2 %); γ = 1, β = 0.
#[test]
fn params_init_has_the_documented_scales() -> Result<()> {
    let cfg = Config {
        vocab: 64,
        dim: 16,
        context: 64,
    };
    let p = Params::init(cfg, 3)?;
    let std = |m: &Array2<f64>| (m.iter().map(|x| x * x).sum::<f64>() / m.len() as f64).sqrt();
    let wide = 1.0 / (cfg.dim as f64).sqrt();
    for (name, m, want) in [
        ("E", &p.wte, 0.1),
        ("P", &p.wpe, 0.1),
        ("W_Q", &p.attn.wq, wide),
        ("W_K", &p.attn.wk, wide),
        ("W_V", &p.attn.wv, wide),
        ("W_O", &p.attn.wo, wide),
        ("W₁", &p.mlp.w1, wide),
        ("W₂", &p.mlp.w2, wide / 2.0),
    ] {
        assert!(
            (std(m) / want - 1.0).abs() < 0.1,
            "{name}: {} so với {want}",
            std(m)
        );
    }
    for g in [&p.ln1_gamma, &p.ln2_gamma, &p.lnf_gamma] {
        assert!(g.iter().all(|&x| x == 1.0));
    }
    for b in [&p.ln1_beta, &p.ln2_beta, &p.lnf_beta] {
        assert!(b.iter().all(|&x| x == 0.0));
    }
    Ok(())
}

/// Thí nghiệm: mô hình không có attention — chỉ thấy token hiện tại và vị trí — không xuống dưới ln(V − 1) ở
/// vị trí nào (nó không bao giờ phải đoán BOS), nên ngưỡng chứng tỏ mô hình đã nhìn lại là ln(V − 1), không phải
/// ln V. Mô hình tốt nhất loại đó là bảng đếm P(x_{t+1} | t, x_t) (làm trơn cộng 1) học trên 4000 chuỗi, đo trên
/// 4000 chuỗi khác; lần huấn luyện của sách xuống dưới ngưỡng ấy ở nửa sau.
#[test]
fn claim_7_without_attention_floor_is_ln_v_minus_1() -> Result<()> {
    let (vocab, k) = (BOOK_RUN.model.vocab, BOOK_RUN.half);
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let mut sample = |n: usize| -> Result<Vec<Vec<usize>>> {
        (0..n)
            .map(|_| repeat_sequence(&mut rng, vocab, k))
            .collect()
    };
    let (train, test) = (sample(4000)?, sample(4000)?);
    // counts[t][x_t][x_{t+1}]
    let mut counts = vec![vec![vec![1.0_f64; vocab]; vocab]; 2 * k];
    for seq in &train {
        for t in 0..2 * k {
            counts[t][seq[t]][seq[t + 1]] += 1.0;
        }
    }
    let floor = ((vocab - 1) as f64).ln();
    for (t, table) in counts.iter().enumerate() {
        let loss = test
            .iter()
            .map(|seq| {
                let row = &table[seq[t]];
                (row.iter().sum::<f64>() / row[seq[t + 1]]).ln()
            })
            .sum::<f64>()
            / test.len() as f64;
        assert!(
            (loss - floor).abs() < 0.03,
            "vị trí {t}: {loss} so với ln(V − 1) = {floor}"
        );
        assert!((vocab as f64).ln() - loss > 0.08, "vị trí {t}: {loss}");
    }
    let fwd = forward(&book_run()?.params, &SAMPLE)?;
    let losses = fwd.position_losses();
    assert!(losses[k..].iter().all(|&l| l < floor - 1.0), "{losses:?}");
    Ok(())
}

/// Lịch cosin của `train`: `η` ở bước 0, đúng `η/2` ở giữa, giảm đơn điệu, về 0 ở bước `S`
/// (so với `cos` dạng đóng ở các điểm `π/3`, `2π/3`: `η·3/4`, `η/4`).
#[test]
fn cosine_rate_decays_from_eta_to_zero() {
    use embedding_loss::transformer::train::cosine_rate;
    let (eta, s) = (0.02, 300);
    assert_eq!(cosine_rate(eta, 0, s), eta);
    assert!((cosine_rate(eta, s / 2, s) - eta / 2.0).abs() < 1e-18);
    assert!((cosine_rate(eta, s / 3, s) - 0.75 * eta).abs() < 1e-17);
    assert!((cosine_rate(eta, 2 * s / 3, s) - 0.25 * eta).abs() < 1e-17);
    assert!(cosine_rate(eta, s, s).abs() < 1e-18);
    assert!((1..=s).all(|t| cosine_rate(eta, t, s) < cosine_rate(eta, t - 1, s)));
}
