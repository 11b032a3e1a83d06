//! Hình chương 5, mục «Vì sao log-sum-exp chưa đủ»: sai số tương đối theo khoảng cách logit.

use super::style::{self, Axes, Series};
use super::Figure;
use crate::error::Result;
use crate::experiments::stability::{gap_errors, gap_grid};

/// Các hình của thí nghiệm ổn định số.
pub const FIGURES: &[Figure] = &[Figure {
    name: "logit_gap_error",
    caption: "Sai số tương đối của entropy chéo L = −log softmax(z)_{0} với z = (b + g, b), đo so với số lớn 256 bit, theo khoảng cách logit g (thang log cả hai trục; sai số 0 vẽ ở sàn 10⁻¹⁷, sai số ≥ 1 hoặc kết quả không hữu hạn vẽ ở trần 10¹). Cách ngây thơ và log-sum-exp rồi trừ z_{0} mất dần mọi chữ số khi mất mát nhỏ đi (g lớn); với b = 10⁴, log-sum-exp sai ngay từ đầu vì phép trừ z_{0} triệt tiêu. Dạng (5.8) giữ sai số cỡ ε ở mọi g.",
    render: logit_gap_error,
}];

/// `log₁₀` của sai số, kẹp vào [−17, 1] để vẽ.
fn clamp_log(err: f64) -> f64 {
    if err.is_finite() && err > 0.0 {
        err.log10().clamp(-17.0, 1.0)
    } else if err == 0.0 {
        -17.0
    } else {
        1.0
    }
}

fn logit_gap_error() -> Result<String> {
    let mut naive = Vec::new();
    let mut lse = Vec::new();
    let mut lse_big = Vec::new();
    let mut shifted = Vec::new();
    for g in gap_grid() {
        let at0 = gap_errors(0.0, g)?;
        let at4 = gap_errors(1e4, g)?;
        let x = g.log10();
        naive.push((x, clamp_log(at0.naive)));
        lse.push((x, clamp_log(at0.lse)));
        lse_big.push((x, clamp_log(at4.lse)));
        shifted.push((x, clamp_log(at0.shifted.max(at4.shifted))));
    }
    let series = [
        ("ngây thơ, 𝑏 = 0", naive),
        ("log-sum-exp − 𝑧_{0}, 𝑏 = 0", lse),
        ("log-sum-exp − 𝑧_{0}, 𝑏 = 10⁴", lse_big),
        ("dạng (5.8), 𝑏 = 0 và 10⁴", shifted),
    ]
    .into_iter()
    .map(|(label, points)| Series {
        label: label.into(),
        points,
    })
    .collect::<Vec<_>>();
    style::line_chart(
        &Axes {
            title: "Sai số tương đối của entropy chéo theo khoảng cách logit",
            x_label: "log_{10} 𝑔",
            y_label: "log_{10} sai số tương đối",
            x_range: -2.0..2.7,
            y_range: -17.5..1.5,
        },
        &series,
    )
}
