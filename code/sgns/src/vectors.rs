//! Định dạng văn bản của word2vec (dòng đầu «V d», rồi mỗi dòng «từ x₁ … x_d») và truy vấn láng giềng gần nhất.

use std::fmt::Write as _;
use std::path::Path;

use crate::error::{Error, Result};
use crate::kernels::dot;

/// Bảng vector đọc từ tệp word2vec.
pub struct Embeddings {
    /// Các từ.
    pub words: Vec<String>,
    /// Số chiều.
    pub dim: usize,
    /// Dữ liệu phẳng theo dòng.
    pub data: Vec<f32>,
}

/// Ghi vector theo định dạng văn bản của word2vec.
pub fn write_text(path: &Path, words: &[String], dim: usize, data: &[f32]) -> Result<()> {
    let mut out = String::with_capacity(words.len() * (dim * 10 + 16));
    let _ = writeln!(out, "{} {dim}", words.len());
    for (word, row) in words.iter().zip(data.chunks_exact(dim)) {
        out.push_str(word);
        for x in row {
            let _ = write!(out, " {x:.6}");
        }
        out.push('\n');
    }
    std::fs::write(path, out).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })
}

/// Đọc tệp vector định dạng văn bản của word2vec.
pub fn read_text(path: &Path) -> Result<Embeddings> {
    let bad = |line: usize, reason: String| Error::BadVectors {
        path: path.to_owned(),
        line,
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let mut lines = text.lines();
    let header: Vec<usize> = lines
        .next()
        .ok_or_else(|| bad(1, "tệp rỗng".into()))?
        .split_whitespace()
        .map(str::parse)
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| bad(1, format!("dòng đầu phải là «V d»: {e}")))?;
    let [n, dim] = header[..] else {
        return Err(bad(1, "dòng đầu phải có đúng hai số «V d»".into()));
    };
    let mut words = Vec::with_capacity(n);
    let mut data = Vec::with_capacity(n * dim);
    for (i, line) in lines.enumerate() {
        let mut parts = line.split_whitespace();
        let Some(word) = parts.next() else { continue };
        let before = data.len();
        for p in parts {
            data.push(
                p.parse::<f32>()
                    .map_err(|e| bad(i + 2, format!("«{p}»: {e}")))?,
            );
        }
        if data.len() - before != dim {
            return Err(bad(
                i + 2,
                format!("cần {dim} số, có {}", data.len() - before),
            ));
        }
        words.push(word.to_owned());
    }
    if words.len() != n {
        return Err(bad(
            1,
            format!("dòng đầu báo {n} từ, tệp có {}", words.len()),
        ));
    }
    Ok(Embeddings { words, dim, data })
}

/// `top` từ có độ tương đồng cosine lớn nhất với `word` (không kể chính nó).
pub fn neighbours(emb: &Embeddings, word: &str, top: usize) -> Result<Vec<(String, f32)>> {
    let q = emb
        .words
        .iter()
        .position(|w| w == word)
        .ok_or_else(|| Error::UnknownWord(word.to_owned()))?;
    let row = |i: usize| &emb.data[i * emb.dim..(i + 1) * emb.dim];
    let norm = |i: usize| dot(row(i), row(i)).sqrt().max(f32::MIN_POSITIVE);
    let qn = norm(q);
    let mut scored: Vec<(usize, f32)> = (0..emb.words.len())
        .filter(|&i| i != q)
        .map(|i| (i, dot(row(q), row(i)) / (qn * norm(i))))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    Ok(scored
        .into_iter()
        .take(top)
        .map(|(i, s)| (emb.words[i].clone(), s))
        .collect())
}
