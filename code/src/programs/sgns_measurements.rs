//! Chương trình chương 4 đọc số liệu đo đã commit trong `code/data/`: chi phí một bước (softmax đầy đủ
//! so với lấy mẫu âm), thông lượng của trình huấn luyện `sgns` so với công cụ word2vec C, và láng
//! giềng gần nhất trên kho Brown. Các phép đo chạy ngoài lúc dựng sách (quá chậm, và cần kho Brown);
//! sách chỉ đọc lại kết quả và tính các con số dẫn xuất (độ dốc, tỉ lệ) bằng mã.

use super::{vi, Output, Program};
use crate::error::{Error, Result};
use crate::experiments::cost::{cost_table, CostMethod};

/// Các chương trình đo đạc của chương 4.
pub const PROGRAMS: &[Program] = &[
    Program {
        name: "cost_slopes",
        run: cost_slopes,
    },
    Program {
        name: "sgns_throughput",
        run: sgns_throughput,
    },
    Program {
        name: "brown_neighbours",
        run: brown_neighbours,
    },
];

impl Output {
    /// In `n` dòng chú thích `#` đầu tiên của một tệp CSV đo đạc đã commit (máy đo, ngày đo).
    pub(super) fn csv_notes(&mut self, csv: &str, n: usize) {
        for note in csv.lines().filter_map(|l| l.strip_prefix('#')).take(n) {
            self.line(format!("#{note}"));
        }
    }
}

/// Trung vị của các lần đo (trung bình hai giá trị giữa khi số lần chẵn); lỗi nếu không có lần nào.
pub(super) fn median(values: &[f64]) -> Result<f64> {
    if values.is_empty() {
        return Err(Error::Empty("lần đo"));
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    Ok((v[(v.len() - 1) / 2] + v[v.len() / 2]) / 2.0)
}

fn cost_slopes() -> Result<Output> {
    let t = cost_table()?;
    let mut out = Output::default();
    for n in &t.notes {
        out.line(format!("# {n}"));
    }
    for m in &t.methods {
        let (v0, t0) = m.points[0];
        let (v1, t1) = m.points[m.points.len() - 1];
        out.line(format!(
            "{:<26} V = {v0:>6}: {t0:>9.2} µs   V = {v1:>6}: {t1:>9.2} µs   độ dốc log–log = {:.2}",
            m.label, m.slope
        ));
    }
    let get = |i: usize| {
        t.methods
            .get(i)
            .ok_or(Error::Empty("phương pháp trong CSV"))
    };
    let (soft, k5, k15) = (get(0)?, get(1)?, get(2)?);
    let last = |m: &CostMethod| m.points[m.points.len() - 1].1;
    out.value("slope_softmax", vi(soft.slope, 2));
    out.value("slope_k5", vi(k5.slope, 2));
    out.value("slope_k15", vi(k15.slope, 2));
    out.value("ratio_k5", vi(last(soft) / last(k5), 0));
    out.value("ratio_k15", vi(last(soft) / last(k15), 0));
    // softmax phân cấp và softmax lấy mẫu: chỉ có trong các lần đo từ khi cost_csv đo chúng
    if let (Ok(hs), Ok(sampled)) = (get(3), get(4)) {
        out.value("slope_hs", vi(hs.slope, 2));
        out.value("slope_sampled", vi(sampled.slope, 2));
        out.value("ratio_hs", vi(last(soft) / last(hs), 0));
        out.value("ratio_sampled", vi(last(soft) / last(sampled), 0));
        out.value("hs_us", vi(last(hs), 2));
        out.value("k5_us", vi(last(k5), 2));
    }
    out.value(
        "machine",
        t.notes.first().map_or(String::new(), |n| {
            decimal_commas(n.trim_start_matches("máy: "))
        }),
    );
    Ok(out)
}

/// Dấu chấm thập phân giữa hai chữ số thành dấu phẩy (ghi chú máy đo trong CSV, in vào lời văn theo STYLE.md).
fn decimal_commas(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    (0..chars.len())
        .map(|i| {
            let digit = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(char::is_ascii_digit)
            };
            if chars[i] == '.' && digit(i.checked_sub(1)) && digit(Some(i + 1)) {
                ','
            } else {
                chars[i]
            }
        })
        .collect()
}

const THROUGHPUT_CSV: &str = include_str!("../../data/throughput.csv");

// ANCHOR: throughput
/// Số từ mỗi giây CPU (user + sys) của từng lần chạy trong `code/data/throughput.csv`, theo công cụ.
fn words_per_cpu_second(tool: &str) -> Result<Vec<f64>> {
    let mut rates = Vec::new();
    for line in THROUGHPUT_CSV.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() != 6 || f[0] != tool {
            continue;
        }
        let num = |s: &str| {
            s.parse::<f64>().map_err(|_| Error::InvalidParameter {
                what: "throughput.csv",
                reason: format!("không đọc được «{s}»"),
            })
        };
        rates.push(num(f[2])? / (num(f[3])? + num(f[4])?));
    }
    if rates.is_empty() {
        return Err(Error::Empty(
            "throughput.csv: không có lần chạy nào của công cụ",
        ));
    }
    rates.sort_by(f64::total_cmp);
    Ok(rates)
}
// ANCHOR_END: throughput

fn sgns_throughput() -> Result<Output> {
    let rust = words_per_cpu_second("sgns-rust")?;
    let c = words_per_cpu_second("word2vec-c")?;
    let fast = words_per_cpu_second("word2vec-c-ofast")?;
    let (rust_median, c_median, fast_median) = (median(&rust)?, median(&c)?, median(&fast)?);
    let mut out = Output::default();
    out.csv_notes(THROUGHPUT_CSV, 2);
    for (name, r) in [("sgns (Rust)", &rust), ("word2vec (C)", &c)] {
        let runs: Vec<String> = r.iter().map(|x| format!("{:.0}", x / 1e3)).collect();
        out.line(format!(
            "{name:<13} nghìn từ / giây CPU: {} (trung vị {:.0})",
            runs.join(", "),
            median(r)? / 1e3
        ));
    }
    out.line(format!(
        "word2vec (C, -Ofast) nghìn từ / giây CPU: {:.0} ({} lần chạy)",
        fast_median / 1e3,
        fast.len()
    ));
    let ratio = rust_median / c_median;
    out.line(format!("tỉ lệ trung vị Rust / C = {ratio:.2}"));
    out.value("rust_kwps", vi(rust_median / 1e3, 0));
    out.value("c_kwps", vi(c_median / 1e3, 0));
    out.value("ratio", vi(ratio, 1));
    out.value("c_fast_kwps", vi(fast_median / 1e3, 0));
    out.value("fast_runs", fast.len());
    out.value("fast_speedup", vi(fast_median / c_median, 1));
    out.value("ratio_fast", vi(rust_median / fast_median, 1));
    out.value("runs", rust.len().min(c.len()));
    Ok(out)
}

fn brown_neighbours() -> Result<Output> {
    let mut out = Output::default();
    out.text
        .push_str(include_str!("../../data/brown_neighbours.txt"));
    Ok(out)
}
