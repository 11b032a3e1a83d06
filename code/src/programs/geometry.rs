//! Chương trình minh hoạ chương 9: cosine và tương quan; cụm, tính bất đẳng hướng và láng giềng gần
//! nhất trên kho ngữ liệu chủ đề gieo sẵn.

use super::{vi, Output, Program};
use crate::dynamics::Tying;
use crate::error::Result;
use crate::experiments::{book_topics, book_zipf, cooccurrence_dots, BOOK_TOPICS_TRAIN};
use crate::geometry::{
    anisotropy, centre_rows, correlation, cosine, nearest_neighbours, neighbour_purity, pca_2d,
    silhouette,
};

/// Các chương trình của chương 9.
pub const PROGRAMS: &[Program] = &[
    Program {
        name: "cosine_correlation",
        run: cosine_correlation,
    },
    Program {
        name: "topic_clusters",
        run: topic_clusters,
    },
];

// ANCHOR: cosine_correlation
fn cosine_correlation() -> Result<Output> {
    let mut out = Output::default();
    let a = [3.0, 4.0, 5.0, 6.0];
    let b = [13.0, 12.0, 15.0, 14.0];
    let shifted: Vec<f64> = b.iter().map(|x| x + 100.0).collect();
    let (cab, rab) = (cosine(&a, &b)?, correlation(&a, &b)?);
    let (cas, ras) = (cosine(&a, &shifted)?, correlation(&a, &shifted)?);
    out.line(format!("a = {a:?}, b = {b:?}"));
    out.line(format!("cos(a, b) = {cab:.4}, ρ(a, b) = {rab:.4}"));
    out.line(format!(
        "b + 100: cos = {cas:.4}, ρ = {ras:.4}  (ρ không đổi, cos đổi)"
    ));
    out.value("cos", vi(cab, 4));
    out.value("rho", vi(rab, 4));
    out.value("cos_shift", vi(cas, 4));
    Ok(out)
}
// ANCHOR_END: cosine_correlation

/// Làm tròn về 0 các giá trị mà `{:.3}` sẽ in thành «-0.000».
fn tidy(x: f64) -> f64 {
    if x.abs() < 5e-4 {
        0.0
    } else {
        x
    }
}

fn topic_clusters() -> Result<Output> {
    let mut out = Output::default();
    let steps = BOOK_TOPICS_TRAIN.steps;
    for (tying, key, name) in [
        (Tying::Untied, "untied", "không chia sẻ"),
        (Tying::Tied, "tied", "chia sẻ trọng số"),
    ] {
        let tr = book_topics(tying)?;
        let (_, e, o) = tr.run.last()?;
        let (_, e0, o0) = &tr.run.snapshots[0];
        let (p0, p1) = (
            neighbour_purity(e0, &tr.topic_of, 5)?,
            neighbour_purity(e, &tr.topic_of, 5)?,
        );
        let (s0, s1) = (silhouette(e0, &tr.topic_of)?, silhouette(e, &tr.topic_of)?);
        let (a, ac) = (anisotropy(e)?, anisotropy(&centre_rows(e)?)?);
        let (d0, d1) = (cooccurrence_dots(tr, e0, o0)?, cooccurrence_dots(tr, e, o)?);
        let pca = pca_2d(e)?;
        let explained = (pca.variances[0] + pca.variances[1]) / pca.total_variance;
        out.line(format!("— {name} ({steps} bước):"));
        out.line(format!(
            "  purity@5: khởi tạo {p0:.3} → sau huấn luyện {p1:.3}"
        ));
        out.line(format!(
            "  silhouette: khởi tạo {s0:.3} → sau huấn luyện {s1:.3}"
        ));
        let a0 = anisotropy(e0)?;
        out.line(format!(
            "  cosine trung bình (bất đẳng hướng): khởi tạo {a0:.3} → sau huấn luyện {a:.3}; sau khi trừ trung bình {ac:.3}"
        ));
        out.line(format!(
            "  e_wᵀo_c trung bình: cặp cùng xuất hiện {:.3} → {:.3}; cặp không bao giờ {:.3} → {:.3}",
            tidy(d0.0),
            tidy(d1.0),
            tidy(d0.1),
            tidy(d1.1)
        ));
        out.line(format!(
            "  hai thành phần chính giữ {:.1}% phương sai",
            100.0 * explained
        ));
        if tying == Tying::Untied {
            out.value("init_aniso", vi(a0, 3));
            let w = tr.topic_of.iter().position(|t| *t == Some(0)).unwrap_or(0);
            let nn = nearest_neighbours(e, w, 5)?;
            let topics: Vec<String> = nn
                .iter()
                .map(|&j| {
                    tr.topic_of[j].map_or("chức năng".into(), |k| format!("chủ đề {}", k + 1))
                })
                .collect();
            out.line(format!(
                "  5 láng giềng gần nhất của token {w} (chủ đề 1): {nn:?} → {topics:?}"
            ));
        }
        out.value(format!("{key}_purity0"), vi(p0, 3));
        out.value(format!("{key}_purity"), vi(p1, 3));
        out.value(format!("{key}_sil0"), vi(s0, 3));
        out.value(format!("{key}_sil"), vi(s1, 3));
        out.value(format!("{key}_aniso"), vi(a, 3));
        out.value(format!("{key}_aniso_centred"), vi(ac, 3));
        out.value(format!("{key}_dot_with"), vi(d1.0, 2));
        out.value(format!("{key}_dot_without"), vi(d1.1, 2));
        out.value(format!("{key}_pca_explained"), vi(100.0 * explained, 1));
    }
    let zipf = book_zipf(Tying::Tied)?;
    let (_, e, _) = zipf.last()?;
    let (a, ac) = (anisotropy(e)?, anisotropy(&centre_rows(e)?)?);
    out.line(format!(
        "— mô hình bigram chia sẻ trọng số trên dòng Zipf (chương 8): cosine trung bình {a:.3}; sau khi trừ trung bình {ac:.3}"
    ));
    out.value("zipf_aniso", vi(a, 3));
    out.value("zipf_aniso_centred", vi(ac, 3));
    Ok(out)
}
