//! Hình chương 8: chuẩn theo tần suất ở các mốc huấn luyện; tương quan hạng theo thời gian và độ dời
//! tương đối mỗi bước theo nhóm tần suất — cả hai biến thể (chia sẻ / không chia sẻ).

use super::style::{grid, Panel, Row, Series};
use super::Figure;
use crate::dynamics::{row_norms, Tying};
use crate::error::Result;
use crate::experiments::{book_zipf, norm_frequency_spearman, relative_step, Run, BOOK_ZIPF};

/// Các hình của chương 8.
pub const FIGURES: &[Figure] = &[
    Figure {
        name: "norm_vs_frequency",
        caption: "Chuẩn ‖e_{w}‖ theo tần suất (trục log) của 120 token trên dòng Zipf (s = 1), ở bốn mốc huấn luyện. Trái: chia sẻ trọng số — chuẩn tăng theo tần suất và giữ nguyên thứ tự đó. Phải: không chia sẻ — token thường gặp lớn lên trước, rồi token hiếm đuổi kịp.",
        render: norm_vs_frequency,
    },
    Figure {
        name: "relative_movement",
        caption: "Trên: tương quan hạng Spearman giữa tần suất và chuẩn ‖e_{w}‖ trong quá trình huấn luyện — gần 1 và bền khi chia sẻ trọng số, nhất thời khi không chia sẻ. Hai ô dưới: độ dời tương đối mỗi bước ‖Δe_{w}‖ ∕ ‖e_{w}‖ (trung bình trên từng khoảng 100 bước, trục log) theo nhóm tần suất, trái: chia sẻ trọng số, phải: không chia sẻ — ở khoảng đầu nhóm thường gặp di chuyển nhanh nhất, về sau các nhóm xích lại gần nhau.",
        render: relative_movement,
    },
];

const MARKS: [usize; 4] = [0, 200, 600, BOOK_ZIPF.train.steps];

fn runs() -> Result<[(&'static str, &'static Run); 2]> {
    Ok([
        ("chia sẻ trọng số (U = E)", book_zipf(Tying::Tied)?),
        ("không chia sẻ (U riêng)", book_zipf(Tying::Untied)?),
    ])
}

fn norm_vs_frequency() -> Result<String> {
    let [a, b] = runs()?;
    let panel = |run: &Run| -> Vec<Series> {
        run.snapshots
            .iter()
            .filter(|(t, _, _)| MARKS.contains(t))
            .map(|(t, e, _)| {
                let norms = row_norms(e);
                Series {
                    label: format!("bước {t}"),
                    points: (0..run.counts.len())
                        .filter(|&w| run.counts[w] > 0)
                        .map(|w| ((run.counts[w] as f64).log10(), norms[w]))
                        .collect(),
                }
            })
            .collect()
    };
    let labels = ("log_{10} (số lần xuất hiện)", "chuẩn ‖𝐞_{𝑤}‖");
    let ranges = (1.0..4.0, 0.0..3.2);
    grid(
        760,
        vec![Row::pair(
            labels,
            ranges,
            true,
            [(a.0, panel(a.1)), (b.0, panel(b.1))],
        )],
    )
}

fn relative_movement() -> Result<String> {
    let seen = BOOK_ZIPF.seen;
    let bands: [(&str, Vec<usize>); 3] = [
        ("10 token thường gặp nhất", (0..10).collect()),
        ("token hạng 10–59", (10..60).collect()),
        ("60 token hiếm nhất", (60..seen).collect()),
    ];
    let [a, b] = runs()?;
    let rho = |label: &str, run: &Run| -> Result<Series> {
        let points = run
            .snapshots
            .iter()
            .map(|(t, e, _)| Ok((*t as f64, norm_frequency_spearman(&run.counts, e)?)))
            .collect::<Result<Vec<_>>>()?;
        Ok(Series {
            label: label.to_string(),
            points,
        })
    };
    let panel = |run: &Run| -> Result<Vec<Series>> {
        let mut out = Vec::new();
        for (label, group) in &bands {
            let mut points = Vec::new();
            for w in run.snapshots.windows(2) {
                let r = relative_step((w[0].0, &w[0].1), (w[1].0, &w[1].1), group)?;
                points.push(((w[0].0 + w[1].0) as f64 / 2.0, r.max(1e-9).log10()));
            }
            out.push(Series {
                label: label.to_string(),
                points,
            });
        }
        Ok(out)
    };
    let labels = ("bước SGD", "log_{10} độ dời tương đối mỗi bước");
    let ranges = (0.0..BOOK_ZIPF.train.steps as f64, -3.6..-0.9);
    grid(
        760,
        vec![
            Row {
                height: 330,
                shared_legend: false,
                panels: vec![Panel {
                    title: "ρ Spearman (tần suất, ‖𝐞_{𝑤}‖)",
                    labels: ("bước SGD", "ρ"),
                    ranges: (0.0..BOOK_ZIPF.train.steps as f64, -0.2..1.1),
                    series: vec![rho("chia sẻ", a.1)?, rho("không chia sẻ", b.1)?],
                    points: false,
                }],
            },
            Row::pair(
                labels,
                ranges,
                false,
                [(a.0, panel(a.1)?), (b.0, panel(b.1)?)],
            ),
        ],
    )
}
