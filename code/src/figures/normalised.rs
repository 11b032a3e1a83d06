//! Hình của các biến thể chuẩn hoá (chương 4): độ lệch của softmax lấy mẫu theo cỡ mẫu S.

use super::negative_sampling::{log_y_range, scatter};
use super::style::{Axes, Series};
use super::Figure;
use crate::error::Result;
use crate::experiments::sampled::bias_rows;

/// Các hình của các biến thể chuẩn hoá.
pub const FIGURES: &[Figure] = &[Figure {
    name: "sampled_softmax_bias",
    caption: "Độ lệch ½‖E[∇L̂]‖₁ của gradient softmax lấy mẫu tại điểm tối ưu thật s = log P theo cỡ mẫu S, thang log–log (V = 20, P ngẫu nhiên, Q Zipf, 20.000 bộ mẫu mỗi S): có hiệu chỉnh log Q, độ lệch ở mức nhiễu Monte Carlo với mọi S; không hiệu chỉnh, nó tăng theo S tới giới hạn khác 0 của (4.17).",
    render: bias_figure,
}];

fn bias_figure() -> Result<String> {
    let rows = bias_rows()?;
    let series = |label: &str, f: fn(&crate::sampled_softmax::BiasRow) -> f64| Series {
        label: label.to_owned(),
        points: rows.iter().map(|r| (r.size as f64, f(r))).collect(),
    };
    let all = [
        series("có hiệu chỉnh, s = log P", |r| r.corrected),
        series("không hiệu chỉnh, s = log P", |r| r.uncorrected),
    ];
    scatter(
        &Axes {
            title: "Softmax lấy mẫu: độ lệch của gradient theo cỡ mẫu S",
            x_label: "cỡ mẫu S",
            y_label: "½‖E[∇L̂]‖₁",
            x_range: 0.7..400.0,
            y_range: log_y_range(&all, 20.0),
        },
        &all,
        None,
        true,
    )
}
