//! Đo chất lượng vector: tương quan hạng Spearman giữa độ tương đồng cosine và điểm của người chấm trên
//! các bộ cặp từ (WordSim-353, SimLex-999), kèm độ phủ; và độ bất đẳng hướng (cosine trung bình của các
//! cặp từ ngẫu nhiên). Cách tra từ giống `evaluate_word_pairs` của gensim: không phân biệt hoa thường,
//! dạng viết phổ biến nhất (đứng trước trong tệp vector) thắng; cặp có từ ngoài từ vựng bị bỏ qua.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use embedding_loss::dynamics::spearman;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::{Error, Result};
use crate::kernels::dot;
use crate::vectors::Embeddings;

/// Một cặp từ và điểm tương đồng do người chấm.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Từ thứ nhất.
    pub a: String,
    /// Từ thứ hai.
    pub b: String,
    /// Điểm của người chấm.
    pub score: f64,
}

/// Đọc tệp cặp từ: mỗi dòng «từ1 từ2 điểm» cách nhau bởi tab (hoặc khoảng trắng); dòng trống và dòng
/// bắt đầu bằng `#` bị bỏ qua.
pub fn read_pairs(path: &Path) -> Result<Vec<Pair>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::MissingPairs(path.to_owned()))
        }
        Err(source) => {
            return Err(Error::Read {
                path: path.to_owned(),
                source,
            })
        }
    };
    let mut pairs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |reason: String| Error::BadPairs {
            path: path.to_owned(),
            line: i + 1,
            reason,
        };
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [a, b, score] = fields[..] else {
            return Err(bad(format!(
                "cần 3 cột «từ1 từ2 điểm», có {}",
                fields.len()
            )));
        };
        let score: f64 = score
            .parse()
            .ok()
            .filter(|s: &f64| s.is_finite())
            .ok_or_else(|| bad(format!("điểm «{score}» không phải số hữu hạn")))?;
        pairs.push(Pair {
            a: a.to_owned(),
            b: b.to_owned(),
            score,
        });
    }
    if pairs.is_empty() {
        return Err(Error::BadPairs {
            path: path.to_owned(),
            line: 0,
            reason: "không có cặp nào".into(),
        });
    }
    Ok(pairs)
}

/// Kết quả trên một bộ cặp từ.
#[derive(Debug, Clone, PartialEq)]
pub struct Similarity {
    /// Tệp cặp từ.
    pub path: PathBuf,
    /// Hệ số Spearman ρ trên các cặp tìm thấy.
    pub rho: f64,
    /// Số cặp có cả hai từ trong từ vựng.
    pub found: usize,
    /// Tổng số cặp.
    pub total: usize,
}

/// Chỉ số từ không phân biệt hoa thường: dạng đứng trước (phổ biến hơn) thắng.
fn case_insensitive_index(emb: &Embeddings) -> HashMap<String, usize> {
    let mut index = HashMap::with_capacity(emb.words.len());
    for (i, w) in emb.words.iter().enumerate() {
        index.entry(w.to_uppercase()).or_insert(i);
    }
    index
}

fn cosine(emb: &Embeddings, i: usize, j: usize) -> f64 {
    let row = |k: usize| &emb.data[k * emb.dim..(k + 1) * emb.dim];
    let (a, b) = (row(i), row(j));
    let den = (dot(a, a) * dot(b, b)).sqrt();
    if den > 0.0 {
        f64::from(dot(a, b) / den)
    } else {
        0.0
    }
}

// ANCHOR: evaluate
/// Spearman ρ giữa cosine của vector và điểm người chấm, trên các cặp có cả hai từ trong từ vựng.
pub fn evaluate(emb: &Embeddings, path: &Path, pairs: &[Pair]) -> Result<Similarity> {
    let index = case_insensitive_index(emb);
    let (mut model, mut human) = (Vec::new(), Vec::new());
    for p in pairs {
        if let (Some(&i), Some(&j)) = (
            index.get(&p.a.to_uppercase()),
            index.get(&p.b.to_uppercase()),
        ) {
            model.push(cosine(emb, i, j));
            human.push(p.score);
        }
    }
    if model.len() < 2 {
        return Err(Error::NoPairsFound(path.to_owned()));
    }
    let rho = spearman(&model, &human).map_err(|e| Error::BadPairs {
        path: path.to_owned(),
        line: 0,
        reason: e.to_string(),
    })?;
    Ok(Similarity {
        path: path.to_owned(),
        rho,
        found: model.len(),
        total: pairs.len(),
    })
}
// ANCHOR_END: evaluate

// ANCHOR: anisotropy
/// Độ bất đẳng hướng: trung bình và độ lệch chuẩn của cosine giữa `samples` cặp từ khác nhau rút đều
/// (hạt giống `seed`). Vector đẳng hướng ngẫu nhiên trong d chiều cho trung bình ≈ 0, độ lệch ≈ 1/√d.
pub fn anisotropy(emb: &Embeddings, samples: usize, seed: u64) -> Result<(f64, f64)> {
    let n = emb.words.len();
    if n < 2 || samples == 0 {
        return Err(Error::NoPairsFound(PathBuf::from("(cặp ngẫu nhiên)")));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (mut sum, mut sq) = (0.0, 0.0);
    for _ in 0..samples {
        let i = rng.random_range(0..n);
        let j = (i + rng.random_range(1..n)) % n;
        let c = cosine(emb, i, j);
        sum += c;
        sq += c * c;
    }
    let mean = sum / samples as f64;
    Ok((mean, (sq / samples as f64 - mean * mean).max(0.0).sqrt()))
}
// ANCHOR_END: anisotropy
