//! Kiểm thử số liệu của các widget tương tác (`embedding_loss::widgets`): các vector vàng mà kiểm thử trình duyệt
//! so với widget JavaScript phải tự chúng đúng, so với tham chiếu độc lập (sai phân trung tâm, công thức trực tiếp).

use embedding_loss::gradcheck::{check_gradient, numerical_gradient, STEP};
use embedding_loss::widgets::{find, sampling_cost, sgd_loss, sgd_step, softmax_outputs, WIDGETS};

/// Widget softmax: P − y trùng gradient số (sai phân trung tâm) của u ↦ −log softmax(u)_y tại u = z/T,
/// và P trùng e^{u_i}/Σ e^{u_j} tính trực tiếp.
#[test]
fn widget_softmax_gradient_matches_central_differences() {
    let cases: [(&[f64], f64, usize); 3] = [
        (&[2.0, 1.0, 0.1, -1.0], 0.5, 1),
        (&[3.0, -2.0, 0.5, 0.5], 2.0, 2),
        (&[40.0, -40.0, 0.0, 1.0], 0.3, 3),
    ];
    for (z, t, y) in cases {
        let (p, loss, grad) = softmax_outputs(z, t, y).unwrap();
        let u: Vec<f64> = z.iter().map(|v| v / t).collect();
        let loss_of = |x: &[f64]| -> embedding_loss::Result<f64> {
            let m = x.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            let s: f64 = x.iter().map(|v| (v - m).exp()).sum();
            Ok(m + s.ln() - x[y])
        };
        check_gradient(loss_of, &grad, &u, 1e-6).unwrap();
        assert!((loss - loss_of(&u).unwrap()).abs() < 1e-12);
        let m = u.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let s: f64 = u.iter().map(|v| (v - m).exp()).sum();
        for (pi, ui) in p.iter().zip(&u) {
            assert!((pi - (ui - m).exp() / s).abs() < 1e-12);
        }
    }
    assert!(softmax_outputs(&[1.0, 2.0], 0.0, 0).is_err());
}

/// Widget SGD: một bước bằng đúng w − η·∇_W L với ∇_W L là gradient số của L = −log softmax(W h)_y;
/// hàng đúng dịch về phía h (tích vô hướng với h dương), mọi hàng khác dịch ra xa h một đoạn η·P(i)·|h|.
#[test]
fn widget_sgd_step_is_gradient_descent() {
    let start = [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.3, -1.0]];
    for (h, y, lr) in [
        ([0.8, 0.6], 1, 0.5),
        ([-0.5, 1.0], 2, 1.0),
        ([1.0, -0.4], 3, 0.3),
    ] {
        let flat: Vec<f64> = start.iter().flatten().copied().collect();
        let grad = numerical_gradient(
            |x| {
                let w: Vec<[f64; 2]> = x.chunks(2).map(|c| [c[0], c[1]]).collect();
                sgd_loss(&w, h, y)
            },
            &flat,
            STEP,
        )
        .unwrap();
        let mut w = start;
        sgd_step(&mut w, h, y, lr).unwrap();
        let z: Vec<f64> = start.iter().map(|r| r[0] * h[0] + r[1] * h[1]).collect();
        let p = embedding_loss::softmax::softmax(&z).unwrap();
        let norm_h = (h[0] * h[0] + h[1] * h[1]).sqrt();
        for i in 0..4 {
            let step = [w[i][0] - start[i][0], w[i][1] - start[i][1]];
            for j in 0..2 {
                let expected = -lr * grad[2 * i + j];
                assert!(
                    (step[j] - expected).abs() < 1e-8,
                    "hàng {i}, thành phần {j}"
                );
            }
            let along_h = step[0] * h[0] + step[1] * h[1];
            let length = (step[0] * step[0] + step[1] * step[1]).sqrt();
            if i == y {
                assert!(along_h > 0.0);
                assert!((length - lr * (1.0 - p[i]) * norm_h).abs() < 1e-12);
            } else {
                assert!(along_h < 0.0);
                assert!((length - lr * p[i] * norm_h).abs() < 1e-12);
            }
        }
        assert!(sgd_loss(&w, h, y).unwrap() < sgd_loss(&start, h, y).unwrap());
    }
    let mut w = start;
    assert!(sgd_step(&mut w, [1.0, 0.0], 4, 0.1).is_err());
    assert!(sgd_step(&mut w, [1.0, 0.0], 0, -0.1).is_err());
    assert_eq!(w, start, "đầu vào sai không được làm đổi W");
}

/// Widget chi phí: V·d và (K + 1)·d đếm đúng số phép nhân–cộng của các tích vô hướng (đếm bằng vòng lặp);
/// đầu vào vô nghĩa (K ≥ V, d = 0) bị từ chối.
#[test]
fn widget_sampling_cost_counts_dot_products() {
    for (v, k, d) in [(50u64, 5u64, 7u64), (1000, 20, 3)] {
        let count = |rows: u64| (0..rows).map(|_| (0..d).count() as u64).sum::<u64>();
        assert_eq!(sampling_cost(v, k, d).unwrap(), (count(v), count(k + 1)));
    }
    assert!(sampling_cost(10, 10, 4).is_err());
    assert!(sampling_cost(10, 3, 0).is_err());
}

/// Mọi widget sinh được cấu hình và vector vàng, và tìm được theo tên.
#[test]
fn widget_every_widget_produces_data() {
    for w in WIDGETS {
        assert!(find(w.name).is_some());
        assert!((w.config)().unwrap().starts_with('{'));
        let golden = (w.golden)().unwrap();
        assert!(
            golden.starts_with("[{\"inputs\"")
                && !golden.contains("NaN")
                && !golden.contains("inf")
        );
    }
    assert!(find("khong_co").is_none());
}
