//! Kiểm thử chương 3: gradient theo logit, tầng đầu ra, chia sẻ trọng số, và bộ kiểm gradient.
//! Tham chiếu độc lập: sai phân hữu hạn trung tâm (`embedding_loss::gradcheck`), dạng đóng, tính chất.

use embedding_loss::cross_entropy::cross_entropy;
use embedding_loss::gradcheck::{check_gradient, max_relative_error, numerical_gradient, STEP};
use embedding_loss::gradient::{
    logit_gradient, output_gradient, output_logits, output_loss, sgd_step_output, softmax_jacobian,
    TiedModel,
};
use embedding_loss::softmax::softmax;
use ndarray::{Array2, ArrayView2};
use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::common::{logits as logits_strategy, uniform_matrix as random_matrix, uniform_vec};

const TOL: f64 = 1e-6;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Mỗi cột của Jacobi softmax (3.1) khớp sai phân trung tâm của softmax theo z_j (sai số tương đối ≤ 1e-6).
    #[test]
    fn eq_3_1_jacobian_matches_finite_differences(z in logits_strategy(8.0)) {
        let jac = softmax_jacobian(&z).unwrap();
        for i in 0..z.len() {
            let numeric = numerical_gradient(|x| Ok(softmax(x)?[i]), &z, STEP).unwrap();
            let analytic: Vec<f64> = jac.row(i).to_vec();
            prop_assert!(max_relative_error(&analytic, &numeric).unwrap() <= TOL);
        }
    }

    /// Jacobi (3.1) đối xứng và mỗi hàng cộng lại bằng 0 (vì Σ P_i = 1), cả với logit ±1e3.
    #[test]
    fn eq_3_1_jacobian_rows_sum_to_zero(z in logits_strategy(1e3)) {
        let jac = softmax_jacobian(&z).unwrap();
        for i in 0..z.len() {
            prop_assert!(jac.row(i).sum().abs() <= 1e-12);
            for j in 0..z.len() {
                prop_assert_eq!(jac[[i, j]], jac[[j, i]]);
            }
        }
    }

    /// ∂L/∂z = P − y (3.2) khớp sai phân trung tâm của L = −log softmax(z)_y.
    #[test]
    fn eq_3_2_logit_gradient_matches_finite_differences(z in logits_strategy(8.0), t in 0usize..8) {
        let y = t % z.len();
        let g = logit_gradient(&z, y).unwrap();
        prop_assert!(check_gradient(|x| cross_entropy(x, y), &g, &z, TOL).is_ok());
    }

    /// P − y (3.2) ở logit cực trị (±1e3, bằng nhau, một logit áp đảo): hữu hạn, trong [−1, 1], tổng bằng 0.
    #[test]
    fn eq_3_2_logit_gradient_extremes(z in logits_strategy(1e3), t in 0usize..8, dominant in any::<bool>()) {
        let mut z = z;
        if dominant { z[0] = 1e3; }
        let y = t % z.len();
        let g = logit_gradient(&z, y).unwrap();
        prop_assert!(g.iter().all(|x| x.is_finite() && (-1.0..=1.0).contains(x)));
        prop_assert!(g.iter().sum::<f64>().abs() <= 1e-12);
        prop_assert!(g[y] <= 0.0);
    }
}

/// P − y (3.2) cho logit bằng nhau: đúng bằng 1/V − y_i (dạng đóng).
#[test]
fn eq_3_2_equal_logits_closed_form() {
    let g = logit_gradient(&[3.0; 4], 2).unwrap();
    let want = [0.25, 0.25, -0.75, 0.25];
    assert!(
        g.iter().zip(want).all(|(a, b)| (a - b).abs() <= 1e-15),
        "{g:?}"
    );
}

fn layer(seed: u64, v: usize, d: usize) -> (Array2<f64>, Vec<f64>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let w = random_matrix(&mut rng, v, d) * 2.0;
    let h = uniform_vec(&mut rng, d, 2.0);
    (w, h)
}

fn flat_loss(x: &[f64], shape: (usize, usize), h: &[f64], y: usize) -> embedding_loss::Result<f64> {
    let w = ArrayView2::from_shape(shape, x).expect("kích thước cố định");
    output_loss(w, h, y)
}

/// ∂L/∂W = (P − y)hᵀ (3.3) khớp sai phân trung tâm trên cả V·d phần tử của W, với 20 hạt giống.
#[test]
fn eq_3_3_weight_gradient_matches_finite_differences() {
    for seed in 0..20 {
        let (w, h) = layer(seed, 5, 3);
        let y = seed as usize % 5;
        let grad = output_gradient(w.view(), &h, y).unwrap();
        let flat: Vec<f64> = w.iter().copied().collect();
        let analytic: Vec<f64> = grad.w.iter().copied().collect();
        check_gradient(|x| flat_loss(x, w.dim(), &h, y), &analytic, &flat, TOL).unwrap();
    }
}

/// ∂L/∂h = E_P[w] − w_y (3.4) khớp sai phân trung tâm theo h, và bằng dạng ma trận Wᵀ(P − y).
#[test]
fn eq_3_4_hidden_gradient_expected_minus_true() {
    for seed in 0..20 {
        let (w, h) = layer(100 + seed, 6, 4);
        let y = seed as usize % 6;
        let grad = output_gradient(w.view(), &h, y).unwrap();
        let analytic = grad.h.to_vec();
        check_gradient(|x| output_loss(w.view(), x, y), &analytic, &h, TOL).unwrap();
        let matrix_form = w.t().dot(&ndarray::Array1::from(grad.logits.clone()));
        let gap = (&matrix_form - &grad.h)
            .mapv(f64::abs)
            .fold(0.0_f64, |a, &b| a.max(b));
        assert!(gap <= 1e-12, "Wᵀ(P − y) lệch E_P[w] − w_y: {gap:e}");
    }
}

fn tied_model(seed: u64) -> TiedModel {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let e = random_matrix(&mut rng, 6, 3);
    let a = random_matrix(&mut rng, 3, 3) * 1.5;
    TiedModel::new(e, a).unwrap()
}

fn tied_flat_loss(
    x: &[f64],
    model: &TiedModel,
    ctx: &[usize],
    y: usize,
) -> embedding_loss::Result<f64> {
    let e = Array2::from_shape_vec(model.e.dim(), x.to_vec()).expect("kích thước cố định");
    TiedModel::new(e, model.a.clone())?.loss(ctx, y)
}

const CONTEXTS: [(&[usize], usize); 4] = [(&[0, 1], 2), (&[3], 3), (&[1, 1, 4], 1), (&[5, 2], 0)];

/// Gradient đầy đủ của E khi chia sẻ trọng số (3.7) = đường đầu ra + đường đầu vào, khớp sai phân trung tâm
/// trên mọi phần tử của E (kể cả khi token đúng nằm trong ngữ cảnh); ∂L/∂A cũng khớp.
#[test]
fn eq_3_7_tied_full_gradient_matches_finite_differences() {
    for seed in 0..10 {
        let model = tied_model(seed);
        for (ctx, y) in CONTEXTS {
            let grad = model.gradient(ctx, y).unwrap();
            let flat: Vec<f64> = model.e.iter().copied().collect();
            let full: Vec<f64> = grad.e_full().iter().copied().collect();
            check_gradient(|x| tied_flat_loss(x, &model, ctx, y), &full, &flat, TOL).unwrap();
            let a_flat: Vec<f64> = model.a.iter().copied().collect();
            let a_grad: Vec<f64> = grad.a.iter().copied().collect();
            let loss_a = |x: &[f64]| {
                let a =
                    Array2::from_shape_vec(model.a.dim(), x.to_vec()).expect("kích thước cố định");
                TiedModel::new(model.e.clone(), a)?.loss(ctx, y)
            };
            check_gradient(loss_a, &a_grad, &a_flat, TOL).unwrap();
        }
    }
}

/// Chỉ đường đầu ra (điều bài gốc viết) KHÔNG khớp sai phân trung tâm: sai số tương đối > 1e-2 ở mọi trường hợp;
/// và đường đầu ra đúng bằng công thức của bài gốc: (P(y) − 1)h cho hàng đúng, P(i)h cho hàng khác.
#[test]
fn eq_3_7_output_side_alone_is_wrong() {
    for seed in 0..10 {
        let model = tied_model(seed);
        for (ctx, y) in CONTEXTS {
            let grad = model.gradient(ctx, y).unwrap();
            let flat: Vec<f64> = model.e.iter().copied().collect();
            let numeric =
                numerical_gradient(|x| tied_flat_loss(x, &model, ctx, y), &flat, STEP).unwrap();
            let output_only: Vec<f64> = grad.e_output.iter().copied().collect();
            let err = max_relative_error(&output_only, &numeric).unwrap();
            assert!(
                err > 1e-2,
                "hạt {seed}, ngữ cảnh {ctx:?}: chỉ đường đầu ra mà sai số chỉ {err:e}"
            );
            // Công thức của bài gốc, tính độc lập từ P và h.
            let e = model.e.view();
            let mean = ctx
                .iter()
                .fold(ndarray::Array1::zeros(3), |acc, &c| acc + e.row(c))
                / ctx.len() as f64;
            let h = model.a.dot(&mean).mapv(f64::tanh);
            let p = softmax(&e.dot(&h).to_vec()).unwrap();
            for (i, &pi) in p.iter().enumerate() {
                let coef = if i == y { pi - 1.0 } else { pi };
                for k in 0..3 {
                    assert!((grad.e_output[[i, k]] - coef * h[k]).abs() <= 1e-12);
                }
            }
        }
    }
}

/// Một bước hạ gradient (3.8) đổi logit đúng một lượng Δz_i = −η (P_i − y_i) ‖h‖² (tính lại z từ W mới).
#[test]
fn eq_3_8_step_changes_logits_in_closed_form() {
    for seed in 0..20 {
        let (w, h) = layer(200 + seed, 5, 2);
        let y = seed as usize % 5;
        let eta = 0.1;
        let p = softmax(&output_logits(w.view(), &h).unwrap()).unwrap();
        let z0 = output_logits(w.view(), &h).unwrap();
        let z1 = output_logits(sgd_step_output(w.view(), &h, y, eta).unwrap().view(), &h).unwrap();
        let h2: f64 = h.iter().map(|x| x * x).sum();
        for i in 0..5 {
            let yi = if i == y { 1.0 } else { 0.0 };
            assert!((z1[i] - z0[i] + eta * (p[i] - yi) * h2).abs() <= 1e-12);
        }
    }
}

/// Sau một bước (3.8): hàng đúng tiến lại gần h (cosine tăng), mọi hàng khác lùi xa (cosine giảm),
/// và mất mát giảm với η nhỏ — trên 50 cấu hình ngẫu nhiên có hạt giống.
#[test]
fn claim_3_step_pulls_true_row_pushes_others() {
    let cos = |a: ndarray::ArrayView1<f64>, b: &[f64]| {
        let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
        dot / (a.dot(&a).sqrt() * b.iter().map(|x| x * x).sum::<f64>().sqrt())
    };
    for seed in 0..50 {
        let (w, h) = layer(300 + seed, 4, 2);
        let y = seed as usize % 4;
        let w1 = sgd_step_output(w.view(), &h, y, 0.05).unwrap();
        for i in 0..4 {
            let (before, after) = (cos(w.row(i), &h), cos(w1.row(i), &h));
            if i == y {
                assert!(after > before, "hạt {seed}: hàng đúng không tiến lại gần h");
            } else {
                assert!(after < before, "hạt {seed}: hàng {i} không lùi xa h");
            }
        }
        assert!(output_loss(w1.view(), &h, y).unwrap() < output_loss(w.view(), &h, y).unwrap());
    }
}

/// Ví dụ hai chiều của chương 3 đúng như lời văn tả nó: mô hình tin sai (token 1 nhận phần lớn xác suất, token
/// đúng 0 dưới 0,2), gradient (3.2) giảm z₁ gần mạnh bằng mức tăng z₀ (tỉ lệ trong [0,8; 1]), còn z₃ hầu như
/// không bị đụng (|P₃ − y₃| < 0,015).
#[test]
fn claim_3_example_model_believes_the_wrong_token() {
    use embedding_loss::gradient::{EXAMPLE_H, EXAMPLE_TARGET, EXAMPLE_W};
    let w = Array2::from_shape_fn((4, 2), |(i, k)| EXAMPLE_W[i][k]);
    let z = output_logits(w.view(), &EXAMPLE_H).unwrap();
    let p = softmax(&z).unwrap();
    let g = logit_gradient(&z, EXAMPLE_TARGET).unwrap();
    assert_eq!(EXAMPLE_TARGET, 0);
    assert!(p[1] > 0.5 && p[0] < 0.2, "P = {p:?}");
    assert!((0.8..=1.0).contains(&(g[1] / -g[0])), "P − y = {g:?}");
    assert!(g[3].abs() < 0.015, "P − y = {g:?}");
}

/// Sai phân trung tâm (3.5) có sai số bậc hai: với f(x) = sin x · eˣ, sai số so với đạo hàm đóng giảm ≈ 4 lần
/// khi h giảm một nửa (sai phân một phía chỉ ≈ 2 lần), và dưới 1e-9 ở bước mặc định 1e-5.
#[test]
fn eq_3_5_central_difference_is_second_order() {
    let f = |x: &[f64]| Ok(x[0].sin() * x[0].exp());
    let x = 0.7_f64;
    let exact = (x.cos() + x.sin()) * x.exp();
    let err = |h: f64| (numerical_gradient(f, &[x], h).unwrap()[0] - exact).abs();
    let ratio = err(1e-2) / err(5e-3);
    assert!((ratio - 4.0).abs() < 0.05, "tỉ lệ sai số {ratio}, cần ≈ 4");
    assert!(err(STEP) < 1e-9);
    // Sai phân một phía chỉ bậc một: sai số giảm ≈ 2 lần khi h giảm một nửa.
    let forward = |h: f64| ((f(&[x + h]).unwrap() - f(&[x]).unwrap()) / h - exact).abs();
    let ratio = forward(1e-2) / forward(5e-3);
    assert!(
        (ratio - 2.0).abs() < 0.05,
        "tỉ lệ sai số một phía {ratio}, cần ≈ 2"
    );
}

/// Sai số tương đối (3.6) phân biệt được: gradient đúng qua ngưỡng 1e-6, gradient lệch 1e-4 ở một thành phần
/// bị bác bỏ, và gradient bằng 0 được so tuyệt đối nhờ sàn (không chia cho 0) mà vẫn bác bỏ được sai lệch 1e-6.
#[test]
fn eq_3_6_relative_error_accepts_right_rejects_wrong() {
    let z = [0.3, -1.2, 2.0, 0.0];
    let g = logit_gradient(&z, 1).unwrap();
    assert!(check_gradient(|x| cross_entropy(x, 1), &g, &z, TOL).is_ok());
    let mut wrong = g.clone();
    wrong[2] *= 1.0 + 1e-4;
    assert!(check_gradient(|x| cross_entropy(x, 1), &wrong, &z, TOL).is_err());
    // f(x) = x_0²: ∂f/∂x_1 = 0; gradient số cỡ 0 cũng phải được chấp nhận.
    assert!(check_gradient(|x| Ok(x[0] * x[0]), &[2.0, 0.0], &[1.0, 5.0], TOL).is_ok());
    // f hằng: gradient đúng là 0; khai báo 1e-6 phải bị bác bỏ.
    assert!(check_gradient(|_| Ok(3.0), &[0.0, 0.0], &[1.0, 5.0], TOL).is_ok());
    assert!(check_gradient(|_| Ok(3.0), &[1e-6, 0.0], &[1.0, 5.0], TOL).is_err());
}

/// Đầu vào sai trả lỗi thay vì panic: token ngoài từ vựng, sai kích thước, NaN, ngữ cảnh rỗng, η ≤ 0.
#[test]
fn invalid_inputs_are_errors() {
    let (w, h) = layer(1, 3, 2);
    assert!(logit_gradient(&[0.0, 1.0], 2).is_err());
    assert!(output_gradient(w.view(), &[1.0], 0).is_err());
    assert!(output_gradient(w.view(), &[f64::NAN, 0.0], 0).is_err());
    assert!(sgd_step_output(w.view(), &h, 0, 0.0).is_err());
    let model = tied_model(0);
    assert!(model.gradient(&[], 0).is_err());
    assert!(model.gradient(&[0], 6).is_err());
    assert!(TiedModel::new(model.e.clone(), Array2::zeros((2, 3))).is_err());
}
