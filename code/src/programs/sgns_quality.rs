//! Chương trình của phụ lục `sgns` đọc phép đo chất lượng vector đã commit (`code/data/quality.csv`, do
//! `scripts/measure-quality.sh` ghi): Spearman ρ trên WordSim-353 và SimLex-999, độ bất đẳng hướng và số từ mỗi
//! giây CPU của `sgns` (bản hiện tại và các bản trước từng bước sửa), gensim và word2vec C. Sách chỉ đọc lại kết
//! quả và tính trung bình, khoảng, trung vị bằng mã.

use super::sgns_measurements::median;
use super::{vi, Output, Program};
use crate::error::{Error, Result};

/// Chương trình đo chất lượng của phụ lục `sgns`.
pub const PROGRAMS: &[Program] = &[Program {
    name: "sgns_quality",
    run: sgns_quality,
}];

const QUALITY_CSV: &str = include_str!("../../data/quality.csv");

/// Các công cụ trong bảng, theo thứ tự in: (khoá trong lời văn, tên trong CSV, tên in ra). Ba dòng đầu là
/// `sgns` dựng ở các commit trước từng bước sửa mà phụ lục kể.
const TOOLS: [(&str, &str, &str); 6] = [
    ("before", "sgns@0967a58", "sgns, bản đầu"),
    ("swap", "sgns@98b18cf", "+ đổi vai"),
    ("init", "sgns@7ae1f6e", "+ khởi tạo"),
    ("sgns", "sgns", "+ chia khối"),
    ("gensim", "gensim", "gensim 4.4.0"),
    ("c", "word2vec-c", "word2vec C"),
];

/// Một dòng số liệu của `quality.csv`.
struct Row<'a> {
    tool: &'a str,
    measure: &'a str,
    value: f64,
    found: u64,
    total: u64,
    words: f64,
    cpu_seconds: f64,
}

fn parse_rows(csv: &str) -> Result<Vec<Row<'_>>> {
    let bad = |s: &str| Error::InvalidParameter {
        what: "quality.csv",
        reason: format!("không đọc được «{s}»"),
    };
    csv.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("tool,") && !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            if f.len() != 9 {
                return Err(bad(line));
            }
            let num = |s: &str| s.parse::<f64>().map_err(|_| bad(s));
            let int = |s: &str| s.parse::<u64>().map_err(|_| bad(s));
            Ok(Row {
                tool: f[0],
                measure: f[2],
                value: num(f[3])?,
                found: int(f[4])?,
                total: int(f[5])?,
                words: num(f[6])?,
                cpu_seconds: num(f[7])?,
            })
        })
        .collect()
}

/// Trung bình, nhỏ nhất và lớn nhất qua các lần chạy.
struct Summary {
    mean: f64,
    min: f64,
    max: f64,
    runs: usize,
}

fn summarize(values: &[f64]) -> Result<Summary> {
    if values.is_empty() {
        return Err(Error::Empty("quality.csv: không có lần chạy nào"));
    }
    let fold = |f: fn(f64, f64) -> f64, init| values.iter().copied().fold(init, f);
    Ok(Summary {
        mean: values.iter().sum::<f64>() / values.len() as f64,
        min: fold(f64::min, f64::INFINITY),
        max: fold(f64::max, f64::NEG_INFINITY),
        runs: values.len(),
    })
}

fn select<'a>(rows: &'a [Row<'a>], tool: &str, measure: &str) -> impl Iterator<Item = &'a Row<'a>> {
    let (tool, measure) = (tool.to_owned(), measure.to_owned());
    rows.iter()
        .filter(move |r| r.tool == tool && r.measure == measure)
}

fn sgns_quality() -> Result<Output> {
    let rows = parse_rows(QUALITY_CSV)?;
    let mut out = Output::default();
    out.csv_notes(QUALITY_CSV, 2);
    out.line(format!(
        "{:<15} {:>22} {:>22} {:>10} {:>10} {:>6}",
        "công cụ", "WordSim-353 ρ", "SimLex-999 ρ", "cos ngẫu", "nghìn từ", "lần"
    ));
    out.line(format!(
        "{:<15} {:>22} {:>22} {:>10} {:>10} {:>6}",
        "", "TB (nhỏ nhất–lớn nhất)", "TB (nhỏ nhất–lớn nhất)", "nhiên, TB", "/ giây CPU", "chạy"
    ));
    let mut kwps = Vec::new();
    for (key, tool, label) in TOOLS {
        let spearman = |set: &str| {
            let v: Vec<f64> = select(&rows, tool, &format!("spearman_{set}"))
                .map(|r| r.value)
                .collect();
            summarize(&v)
        };
        let (ws, sl) = (spearman("wordsim353")?, spearman("simlex999")?);
        let cos = summarize(
            &select(&rows, tool, "cos_random_pairs_mean")
                .map(|r| r.value)
                .collect::<Vec<_>>(),
        )?;
        let speed = median(
            &select(&rows, tool, "spearman_wordsim353")
                .map(|r| r.words / r.cpu_seconds / 1e3)
                .collect::<Vec<_>>(),
        )?;
        let range = |s: &Summary| format!("{:.3} ({:.3}–{:.3})", s.mean, s.min, s.max);
        out.line(format!(
            "{label:<15} {:>22} {:>22} {:>10.3} {speed:>10.0} {:>6}",
            range(&ws),
            range(&sl),
            cos.mean,
            ws.runs
        ));
        for (name, s) in [("ws", &ws), ("sl", &sl)] {
            out.value(format!("{name}_{key}"), vi(s.mean, 3));
            out.value(format!("{name}_{key}_min"), vi(s.min, 3));
            out.value(format!("{name}_{key}_max"), vi(s.max, 3));
        }
        out.value(format!("cos_random_{key}"), vi(cos.mean, 2));
        out.value(format!("kwps_{key}"), vi(speed, 0));
        out.value(format!("runs_{key}"), ws.runs);
        kwps.push((key, speed));
    }
    let mean = |key: &str, set: &str| {
        let tool = TOOLS.iter().find(|t| t.0 == key).map_or("", |t| t.1);
        let v: Vec<f64> = select(&rows, tool, &format!("spearman_{set}"))
            .map(|r| r.value)
            .collect();
        summarize(&v).map(|s| s.mean)
    };
    for (set, name) in [("wordsim353", "ws"), ("simlex999", "sl")] {
        let gensim = mean("gensim", set)?;
        out.value(format!("gap_{name}"), vi(gensim - mean("sgns", set)?, 3));
        out.value(
            format!("gap_{name}_before"),
            vi(gensim - mean("before", set)?, 3),
        );
    }
    let speed = |k: &str| {
        kwps.iter()
            .find(|(key, _)| *key == k)
            .map_or(f64::NAN, |p| p.1)
    };
    out.value("speed_vs_gensim", vi(speed("sgns") / speed("gensim"), 1));
    out.value("speed_vs_c", vi(speed("sgns") / speed("c"), 1));
    for (set, key) in [("wordsim353", "ws"), ("simlex999", "sl")] {
        let r = select(&rows, "sgns", &format!("spearman_{set}"))
            .next()
            .ok_or(Error::Empty("quality.csv: không có dòng của sgns"))?;
        out.line(format!("độ phủ {set}: {}/{} cặp", r.found, r.total));
        out.value(format!("{key}_found"), r.found);
        out.value(format!("{key}_total"), r.total);
    }
    Ok(out)
}
