//! Hình chương 6: entropy chéo tách thành H(p) + KL(p‖q) khi q tiến về p; KL(p‖q) so với KL(q‖p).

use super::style::{self, Axes, Series};
use super::Figure;
use crate::error::Result;
use crate::information::{cross_entropy_pq, entropy, kl_divergence};

/// Các hình của chương 6.
pub const FIGURES: &[Figure] = &[
    Figure {
        name: "ce_decomposition",
        caption: "Entropy chéo H(p, q_{t}) = H(p) + KL(p‖q_{t}) (6.4) với p = (0,5; 0,3; 0,15; 0,05) và q_{t} = (1 − t)·(0,05; 0,1; 0,25; 0,6) + t·p. H(p) không đổi: đó là phần mô hình không bao giờ bớt được; chỉ KL giảm, và về 0 đúng khi q = p (t = 1).",
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
            title: "𝐻(𝑝, 𝑞) = 𝐻(𝑝) + KL(𝑝‖𝑞) khi 𝑞 tiến về 𝑝",
            x_label: "𝑡 (𝑞_{𝑡} tiến từ phân phối xa về 𝑝)",
            y_label: "nat",
            x_range: 0.0..1.0,
            y_range: 0.0..3.0,
        },
        &[
            Series {
                label: "𝐻(𝑝, 𝑞_{𝑡})".into(),
                points: ce,
            },
            Series {
                label: "𝐻(𝑝)".into(),
                points: h,
            },
            Series {
                label: "KL(𝑝‖𝑞_{𝑡})".into(),
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
            title: "KL(𝑝‖𝑞) và KL(𝑞‖𝑝), 𝑝 = (0,3; 0,7)",
            x_label: "𝑥 = 𝑞_{0}",
            y_label: "nat",
            x_range: 0.0..1.0,
            y_range: 0.0..3.2,
        },
        &[
            Series {
                label: "KL(𝑝‖𝑞)".into(),
                points: forward,
            },
            Series {
                label: "KL(𝑞‖𝑝)".into(),
                points: backward,
            },
        ],
    )
}
