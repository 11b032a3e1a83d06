//! Bảng chi phí một bước của chương 4 (softmax đầy đủ so với lấy mẫu âm), đọc từ lần đo đã commit trong
//! `code/data/` (phép đo chạy ngoài lúc dựng sách), và độ dốc log–log của mỗi cách tính.

use crate::error::{Error, Result};
use crate::negative_sampling::loglog_slope;

/// Lần đo gần nhất của `cargo run --release -p sgns --example cost_csv` (tệp được commit).
const COST_CSV: &str = include_str!("../../data/cost_benchmark.csv");

/// Một cách tính (softmax đầy đủ, hoặc SGNS với một K) trong bảng chi phí.
pub struct CostMethod {
    /// Nhãn hiển thị.
    pub label: String,
    /// Các điểm (V, µs một bước).
    pub points: Vec<(f64, f64)>,
    /// Độ dốc log–log.
    pub slope: f64,
}

/// Bảng chi phí đọc từ CSV.
pub struct CostTable {
    /// Các dòng chú thích (máy, ngày, lệnh).
    pub notes: Vec<String>,
    /// Các cách tính.
    pub methods: Vec<CostMethod>,
}

// ANCHOR: cost_table
/// Đọc `code/data/cost_benchmark.csv` (method,vocab,k,dim,median_us) và khớp độ dốc log–log mỗi cách tính.
pub(crate) fn cost_table() -> Result<CostTable> {
    let bad = |line: &str| Error::InvalidParameter {
        what: "cost_benchmark.csv",
        reason: format!("dòng không đọc được: «{line}»"),
    };
    let mut notes = Vec::new();
    let mut methods: Vec<CostMethod> = Vec::new();
    for line in COST_CSV.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(note) = line.strip_prefix('#') {
            notes.push(note.trim().to_owned());
            continue;
        }
        let f: Vec<&str> = line.split(',').collect();
        if f.len() != 5 || f[0] == "method" {
            continue;
        }
        let v: f64 = f[1].parse().map_err(|_| bad(line))?;
        let us: f64 = f[4].parse().map_err(|_| bad(line))?;
        let label = match f[0] {
            "softmax" => "softmax đầy đủ".to_owned(),
            "hs" => "softmax phân cấp".to_owned(),
            "sampled" => format!("softmax lấy mẫu, S = {}", f[2]),
            _ => format!("lấy mẫu âm, K = {}", f[2]),
        };
        match methods.iter_mut().find(|m| m.label == label) {
            Some(m) => m.points.push((v, us)),
            None => methods.push(CostMethod {
                label,
                points: vec![(v, us)],
                slope: 0.0,
            }),
        }
    }
    for m in &mut methods {
        m.slope = loglog_slope(&m.points)?;
    }
    Ok(CostTable { notes, methods })
}
// ANCHOR_END: cost_table
