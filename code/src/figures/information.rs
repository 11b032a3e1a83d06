//! Hình chương 6: entropy chéo tách thành H(p) + KL(p‖q) khi q tiến về p; KL(p‖q) so với KL(q‖p).

use super::style::{self, Axes, Series};
use super::Figure;
use crate::error::Result;
use crate::information::{cross_entropy_pq, entropy, kl_divergence};

/// Các hình của chương 6.
pub const FIGURES: &[Figure] = &[
    Figure {
        name: "ce_decomposition",
        caption: "Entropy chéo H(p, q_t) = H(p) + KL(p‖q_t) (6.4) với p = (0,5; 0,3; 0,15; 0,05) và q_t = (1 − t)·(0,05; 0,1; 0,25; 0,6) + t·p. H(p) không đổi: đó là phần mô hình không bao giờ bớt được; chỉ KL giảm, và về 0 đúng khi q = p (t = 1).",
        render: ce_decomposition,
    },
    Figure {
        name: "kl_asymmetry",
        caption: "KL không đối xứng (6.6): với p = (0,3; 0,7) cố định và q = (x, 1 − x), KL(p‖q) (phạt q đặt xác suất nhỏ vào nơi p có khối lượng) và KL(q‖p) là hai đường cong khác nhau; cả hai bằng 0 chỉ tại x = 0,3 (6.5).",
        render: kl_asymmetry,
    },
];

const P: [f64; 4] = [0.5, 0.3, 0.15, 0.05];
const START: [f64; 4] = [0.05, 0.1, 0.25, 0.6];

fn ce_decomposition() -> Result<String> {
    let (mut ce, mut h, mut kl) = (Vec::new(), Vec::new(), Vec::new());
    let hp = entropy(&P)?;
    for k in 0..=100 {
        let t = f64::from(k) / 100.0;
        let q: Vec<f64> = START
            .iter()
            .zip(P)
            .map(|(s, p)| (1.0 - t) * s + t * p)
            .collect();
        ce.push((t, cross_entropy_pq(&P, &q)?));
        h.push((t, hp));
        kl.push((t, kl_divergence(&P, &q)?));
    }
    style::line_chart(
        &Axes {
            title: "H(p, q) = H(p) + KL(p‖q) khi q tiến về p",
            x_label: "t (q_t tiến từ phân phối xa về p)",
            y_label: "nat",
            x_range: 0.0..1.0,
            y_range: 0.0..3.0,
        },
        &[
            Series {
                label: "H(p, q_t)".into(),
                points: ce,
            },
            Series {
                label: "H(p)".into(),
                points: h,
            },
            Series {
                label: "KL(p‖q_t)".into(),
                points: kl,
            },
        ],
    )
}

fn kl_asymmetry() -> Result<String> {
    let p = [0.3, 0.7];
    let (mut forward, mut backward) = (Vec::new(), Vec::new());
    for k in 1..200 {
        let x = f64::from(k) / 200.0;
        let q = [x, 1.0 - x];
        forward.push((x, kl_divergence(&p, &q)?));
        backward.push((x, kl_divergence(&q, &p)?));
    }
    style::line_chart(
        &Axes {
            title: "KL(p‖q) và KL(q‖p), p = (0,3; 0,7)",
            x_label: "x = q₀",
            y_label: "nat",
            x_range: 0.0..1.0,
            y_range: 0.0..3.2,
        },
        &[
            Series {
                label: "KL(p‖q)".into(),
                points: forward,
            },
            Series {
                label: "KL(q‖p)".into(),
                points: backward,
            },
        ],
    )
}
