//! Kiểm thử chương 1: ma trận embedding, tra cứu, dạng one-hot, gradient thưa, chi phí bộ nhớ.

use approx::assert_relative_eq;
use embedding_loss::embedding::{
    gpt2_parameters, one_hot, parameter_bytes, Embedding, GPT2_SIZES, GPT2_VOCAB,
};
use embedding_loss::gradcheck::{max_relative_error, numerical_gradient, STEP};
use embedding_loss::Error;
use ndarray::Array2;
use proptest::prelude::*;

fn matrix(v: usize, d: usize, values: &[f64]) -> Embedding {
    Embedding::new(Array2::from_shape_fn((v, d), |(i, j)| {
        values[(i * d + j) % values.len()] + i as f64
    }))
    .expect("ma trận hợp lệ")
}

/// (1.1): `E[w]` trả đúng hàng `w` (so từng phần tử với chỉ số `(w, j)` của mảng), dài `d`; `w ≥ V` là lỗi.
#[test]
fn eq_1_1_lookup_returns_row() {
    let e = matrix(5, 3, &[0.5, -1.25, 2.0, 3.5]);
    for w in 0..5 {
        let row = e.lookup(w).unwrap();
        assert_eq!(row.len(), 3);
        for j in 0..3 {
            assert_eq!(row[j], e.weights()[(w, j)]);
        }
    }
    assert_eq!(e.lookup(5), Err(Error::TokenOutOfRange { id: 5, vocab: 5 }));
}

proptest! {
    /// (1.2): tra cứu bằng chỉ số trùng với tích `x_wᵀE` tính bằng phép nhân ma trận của ndarray, với E ngẫu nhiên.
    #[test]
    fn eq_1_2_one_hot_product_equals_lookup(
        v in 1usize..12, d in 1usize..9, w_frac in 0.0f64..1.0,
        values in prop::collection::vec(-1e3f64..1e3, 1..50),
    ) {
        let e = matrix(v, d, &values);
        let w = ((w_frac * v as f64) as usize).min(v - 1);
        let x = one_hot(w, v).unwrap();
        let reference = x.dot(e.weights());
        prop_assert_eq!(e.lookup(w).unwrap().to_owned(), reference.clone());
        prop_assert_eq!(e.one_hot_lookup(w).unwrap(), reference);
    }
}

/// (1.3): gradient theo E của `L(E) = Σ_j sin(j+1)·e_w[j]² ` khớp sai phân trung tâm trên *toàn bộ* E — và mọi hàng khác `w` bằng 0.
#[test]
fn eq_1_3_lookup_gradient_is_sparse() {
    let (v, d, w) = (4, 3, 2);
    let e = matrix(v, d, &[0.3, -0.7, 1.1]);
    let loss = |flat: &[f64]| -> embedding_loss::Result<f64> {
        let row = &flat[w * d..(w + 1) * d];
        Ok(row
            .iter()
            .enumerate()
            .map(|(j, x)| ((j + 1) as f64).sin() * x * x)
            .sum())
    };
    let row = e.lookup(w).unwrap();
    let grad_row: Vec<f64> = (0..d)
        .map(|j| 2.0 * ((j + 1) as f64).sin() * row[j])
        .collect();
    let analytic = e.lookup_backward(w, &grad_row).unwrap();
    let flat: Vec<f64> = e.weights().iter().copied().collect();
    let numeric = numerical_gradient(loss, &flat, STEP).unwrap();
    let analytic_flat: Vec<f64> = analytic.iter().copied().collect();
    assert!(max_relative_error(&analytic_flat, &numeric).unwrap() <= 1e-6);
    for i in (0..v).filter(|&i| i != w) {
        assert!(analytic.row(i).iter().all(|&g| g == 0.0));
    }
}

/// (1.4): số tham số của E trong GPT-2 small khớp kích thước công bố của ma trận `wte` (50257 × 768 = 38 597 376), 4 byte mỗi số f32.
#[test]
fn eq_1_4_embedding_memory_matches_gpt2_wte() {
    let (params, bytes) = parameter_bytes(50_257, 768, 4).unwrap();
    assert_eq!(params, 38_597_376);
    assert_eq!(bytes, 154_389_504);
    assert_eq!(GPT2_VOCAB, 50_257);
}

/// (1.5): tổng tham số GPT-2 tính từ kiến trúc khớp số tham số công bố của bốn checkpoint (124 439 808; 354 823 168; 774 030 080; 1 557 611 200).
#[test]
fn eq_1_5_gpt2_totals_match_published_counts() {
    let published = [124_439_808, 354_823_168, 774_030_080, 1_557_611_200];
    for ((_, layers, d), want) in GPT2_SIZES.iter().zip(published) {
        assert_eq!(gpt2_parameters(*layers, *d).unwrap(), want);
    }
    let share = 38_597_376.0 / 124_439_808.0;
    assert_relative_eq!(share, 0.310_169, epsilon = 1e-6);
}

/// Đầu vào sai: ma trận rỗng, NaN, gradient sai độ dài đều là lỗi rõ ràng, không panic.
#[test]
fn bad_inputs_are_errors() {
    assert_eq!(
        Embedding::new(Array2::zeros((0, 3))),
        Err(Error::Empty("ma trận embedding"))
    );
    let mut m = Array2::zeros((2, 2));
    m[(1, 0)] = f64::NAN;
    assert!(matches!(
        Embedding::new(m),
        Err(Error::NonFinite { index: 2, .. })
    ));
    let e = matrix(3, 2, &[1.0]);
    assert!(matches!(
        e.lookup_backward(0, &[1.0]),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        e.one_hot_lookup(9),
        Err(Error::TokenOutOfRange { id: 9, vocab: 3 })
    ));
}

/// Định dạng số cho lời văn: dấu phẩy thập phân, dấu chấm hàng nghìn, dấu trừ thật.
#[test]
fn vietnamese_number_format() {
    use embedding_loss::numfmt::vi;
    assert_eq!(vi(38_597_376.0, 0), "38.597.376");
    assert_eq!(vi(147.23, 1), "147,2");
    assert_eq!(vi(-0.5, 2), "−0,50");
    assert_eq!(vi(-0.0001, 2), "0,00");
    assert_eq!(vi(999.0, 0), "999");
    assert_eq!(vi(1500.0, 0), "1500");
    assert_eq!(vi(50257.0, 0), "50.257");
}
