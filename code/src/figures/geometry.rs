//! Hình chương 9: phép chiếu PCA của embedding trên kho ngữ liệu chủ đề, độ đo cụm theo thời gian,
//! và tích vô hướng của các cặp cùng xuất hiện.

use super::style::{grid, Panel, Row, Series};
use super::Figure;
use crate::dynamics::Tying;
use crate::error::Result;
use crate::experiments::{
    book_topics, cooccurrence_dots, TopicRun, BOOK_TOPICS, BOOK_TOPICS_TRAIN,
};
use crate::geometry::{neighbour_purity, pca_2d, silhouette};

/// Các hình của chương 9.
pub const FIGURES: &[Figure] = &[
    Figure {
        name: "topic_pca",
        caption: "Phép chiếu PCA hai chiều của embedding đầu vào E (skip-gram softmax đầy đủ, không chia sẻ trọng số) trên kho ngữ liệu 4 chủ đề gieo sẵn. Trái: lúc khởi tạo ngẫu nhiên, các chủ đề lẫn vào nhau. Phải: sau huấn luyện, mỗi chủ đề thành một cụm; từ chức năng nằm giữa.",
        render: topic_pca,
    },
    Figure {
        name: "topic_training",
        caption: "Trên: độ tinh khiết láng giềng purity@5 (9.6) và hệ số silhouette (9.7) của E trong quá trình huấn luyện, cho hai biến thể; đường nằm ngang là purity kỳ vọng khi láng giềng được chọn ngẫu nhiên, (m − 1) ∕ (n − 1) với m từ mỗi chủ đề trên n từ nội dung. Hai ô dưới: tích vô hướng trung bình e_{w}ᵀu_{c} (logit của c khi đầu vào là w) giữa các từ nội dung có cùng xuất hiện trong cửa sổ ngữ cảnh, và giữa các từ không bao giờ cùng xuất hiện. Không chia sẻ: hai nhóm tách ra hai phía của 0. Chia sẻ trọng số: nhóm không cùng xuất hiện giảm lúc đầu rồi bị kéo lên theo một hướng chung, nhưng khoảng cách giữa hai nhóm vẫn tăng.",
        render: topic_training,
    },
];

fn topic_pca() -> Result<String> {
    let tr = book_topics(Tying::Untied)?;
    let (_, trained, _) = tr.run.last()?;
    let series_of = |tr: &TopicRun, e| -> Result<Vec<Series>> {
        let pca = pca_2d(e)?;
        let mut out: Vec<Series> = (0..BOOK_TOPICS.topics)
            .map(|k| Series {
                label: format!("chủ đề {}", k + 1),
                points: Vec::new(),
            })
            .collect();
        out.push(Series {
            label: "từ chức năng".into(),
            points: Vec::new(),
        });
        for (w, topic) in tr.topic_of.iter().enumerate() {
            let k = topic.unwrap_or(BOOK_TOPICS.topics);
            out[k].points.push((pca.coords[[w, 0]], pca.coords[[w, 1]]));
        }
        Ok(out)
    };
    let labels = ("thành phần chính 1", "thành phần chính 2");
    grid(
        760,
        vec![Row {
            height: 420,
            shared_legend: true,
            panels: vec![
                Panel {
                    title: "lúc khởi tạo",
                    labels,
                    ranges: (-0.45..0.45, -0.45..0.45),
                    series: series_of(tr, &tr.run.initial)?,
                    points: true,
                },
                Panel {
                    title: "sau huấn luyện",
                    labels,
                    ranges: (-3.0..3.0, -3.0..3.0),
                    series: series_of(tr, trained)?,
                    points: true,
                },
            ],
        }],
    )
}

fn topic_training() -> Result<String> {
    let steps = BOOK_TOPICS_TRAIN.steps as f64;
    let mut scores = Vec::new();
    let mut dot_panels = Vec::new();
    for (tying, name, title) in [
        (
            Tying::Untied,
            "không chia sẻ",
            "𝐞_{𝑤}ᵀ𝐮_{𝑐}, không chia sẻ (U riêng)",
        ),
        (Tying::Tied, "chia sẻ", "𝐞_{𝑤}ᵀ𝐮_{𝑐}, chia sẻ (U = E)"),
    ] {
        let tr = book_topics(tying)?;
        let (mut purity, mut sil) = (Vec::new(), Vec::new());
        let (mut with, mut without) = (Vec::new(), Vec::new());
        for (t, e, o) in &tr.run.snapshots {
            let t = *t as f64;
            purity.push((t, neighbour_purity(e, &tr.topic_of, 5)?));
            sil.push((t, silhouette(e, &tr.topic_of)?));
            let (a, b) = cooccurrence_dots(tr, e, o)?;
            with.push((t, a));
            without.push((t, b));
        }
        scores.push(Series {
            label: format!("purity@5, {name}"),
            points: purity,
        });
        scores.push(Series {
            label: format!("silhouette, {name}"),
            points: sil,
        });
        dot_panels.push(Panel {
            title,
            labels: ("bước SGD", "𝐞_{𝑤}ᵀ𝐮_{𝑐} trung bình"),
            ranges: (0.0..steps, -1.5..3.5),
            series: vec![
                Series {
                    label: "cặp cùng xuất hiện".into(),
                    points: with,
                },
                Series {
                    label: "cặp không bao giờ cùng xuất hiện".into(),
                    points: without,
                },
            ],
            points: false,
        });
    }
    let m = BOOK_TOPICS.words_per_topic as f64;
    let n = m * BOOK_TOPICS.topics as f64;
    let chance = (m - 1.0) / (n - 1.0);
    scores.push(Series {
        label: "purity ngẫu nhiên".into(),
        points: vec![(0.0, chance), (steps, chance)],
    });
    grid(
        760,
        vec![
            Row {
                height: 340,
                shared_legend: true,
                panels: vec![Panel {
                    title: "Độ đo cụm theo chủ đề gieo sẵn",
                    labels: ("bước SGD", "điểm"),
                    ranges: (0.0..steps, -0.2..1.1),
                    series: scores,
                    points: false,
                }],
            },
            Row {
                height: 420,
                shared_legend: true,
                panels: dot_panels,
            },
        ],
    )
}
