//! Các ví dụ tính tay trong sách (chương 2, 3, 5, 6): số nhỏ, phân số đúng mà bạn đọc kiểm được trên giấy. Mỗi kiểm thử
//! so hàm của crate với đúng các phân số in trong chương (dạng đóng, không dùng giá trị do mã sinh ra).

use embedding_loss::cross_entropy::cross_entropy;
use embedding_loss::gradient::logit_gradient;
use embedding_loss::hessian::softmax_hessian;
use embedding_loss::information::{cross_entropy_pq, entropy, kl_divergence};
use embedding_loss::softmax::softmax;

/// Logit của ví dụ: `z = (ln 4, ln 2, 0)`, nên `e^z = (4, 2, 1)` và tổng là 7.
fn logits() -> [f64; 3] {
    [4f64.ln(), 2f64.ln(), 0.0]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 4.0 * f64::EPSILON * b.abs().max(1.0)
}

/// Mục 2.2: `P = (4/7, 2/7, 1/7)`; token đúng thứ nhất: `L = ln 7 − ln 4`; cộng 5 vào mọi logit không đổi `P` (2.3).
#[test]
fn worked_2_softmax_and_loss_by_hand() {
    let z = logits();
    let p = softmax(&z).unwrap();
    for (got, want) in p.iter().zip([4.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0]) {
        assert!(close(*got, want), "{p:?}");
    }
    assert!(close(cross_entropy(&z, 0).unwrap(), 7f64.ln() - 4f64.ln()));
    assert!((cross_entropy(&z, 0).unwrap() - 0.560).abs() < 5e-4);
    let shifted = softmax(&z.map(|v| v + 5.0)).unwrap();
    assert!(p.iter().zip(&shifted).all(|(a, b)| close(*a, *b)));
}

/// Mục 3.2: cùng ví dụ, `∇_z L = P − y = (−3/7, 2/7, 1/7)`, tổng bằng 0.
#[test]
fn worked_3_gradient_by_hand() {
    let g = logit_gradient(&logits(), 0).unwrap();
    for (got, want) in g.iter().zip([-3.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0]) {
        assert!(close(*got, want), "{g:?}");
    }
}

/// Mục 5.1: `H = (1/49)·[[12, −8, −4], [−8, 10, −2], [−4, −2, 6]]`, mỗi hàng cộng lại bằng 0.
#[test]
fn worked_5_hessian_by_hand() {
    let h = softmax_hessian(&logits()).unwrap();
    let want = [[12.0, -8.0, -4.0], [-8.0, 10.0, -2.0], [-4.0, -2.0, 6.0]];
    for (i, row) in want.iter().enumerate() {
        for (j, w) in row.iter().enumerate() {
            assert!(
                (h[[i, j]] - w / 49.0).abs() < 1e-15,
                "H[{i},{j}] = {}",
                h[[i, j]]
            );
        }
    }
}

/// Mục 6.2: `p = (1/2, 1/4, 1/4)`, `q = (1/4, 1/4, 1/2)`: tính bằng bit, `H(p) = 1,5`, `H(p, q) = 1,75`,
/// `KL(p ‖ q) = 0,25` (hàm của crate tính bằng nat: chia cho ln 2).
#[test]
fn worked_6_entropy_cross_entropy_kl_by_hand() {
    let (p, q) = ([0.5, 0.25, 0.25], [0.25, 0.25, 0.5]);
    let bits = |nats: f64| nats / std::f64::consts::LN_2;
    assert!(close(bits(entropy(&p).unwrap()), 1.5));
    assert!(close(bits(cross_entropy_pq(&p, &q).unwrap()), 1.75));
    assert!(close(bits(kl_divergence(&p, &q).unwrap()), 0.25));
}
