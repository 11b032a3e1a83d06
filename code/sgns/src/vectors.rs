//! Định dạng văn bản của word2vec (dòng đầu «V d», rồi mỗi dòng «từ x₁ … x_d») và truy vấn láng giềng gần nhất.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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

/// Tệp tạm trong cùng thư mục với tệp đích: ghi xong mới đổi tên (`rename` nguyên tử trên cùng hệ tệp), nên
/// tệp đích hoặc còn nguyên bản cũ, hoặc là bản mới đầy đủ — không bao giờ là một tệp ghi dở.
pub struct PendingFile {
    target: PathBuf,
    temp: PathBuf,
    file: Option<std::fs::File>,
}

impl PendingFile {
    /// Tạo tệp tạm cạnh `target` ngay bây giờ: kiểm đường dẫn ghi được **trước** khi huấn luyện.
    pub fn create(target: &Path) -> Result<Self> {
        let write_err = |source| Error::Write {
            path: target.to_owned(),
            source,
        };
        if target.is_dir() {
            return Err(write_err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "đường dẫn là một thư mục",
            )));
        }
        let name = target
            .file_name()
            .ok_or_else(|| {
                write_err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "đường dẫn không có tên tệp",
                ))
            })?
            .to_string_lossy();
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => PathBuf::from("."),
        };
        let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(write_err)?;
        Ok(Self {
            target: target.to_owned(),
            temp,
            file: Some(file),
        })
    }

    /// Ghi toàn bộ `bytes`, đồng bộ xuống đĩa, rồi đổi tên tệp tạm thành tệp đích.
    pub fn commit(mut self, bytes: &[u8]) -> Result<()> {
        use std::io::Write as _;
        let write_err = |source| Error::Write {
            path: self.target.clone(),
            source,
        };
        let mut file = self
            .file
            .take()
            .ok_or_else(|| write_err(std::io::Error::other("tệp tạm đã đóng")))?;
        file.write_all(bytes).map_err(write_err)?;
        file.sync_all().map_err(write_err)?;
        drop(file);
        std::fs::rename(&self.temp, &self.target).map_err(write_err)
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        // chưa commit (lỗi giữa chừng): xoá tệp tạm, tệp đích không bị đụng tới
        if self.file.is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Văn bản định dạng word2vec của các vector.
pub fn format_text(words: &[String], dim: usize, data: &[f32]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {dim}", words.len());
    for (word, row) in words.iter().zip(data.chunks_exact(dim)) {
        out.push_str(word);
        for x in row {
            let _ = write!(out, " {x:.6}");
        }
        out.push('\n');
    }
    out
}

/// Ghi vector theo định dạng văn bản của word2vec, nguyên tử (tệp tạm rồi đổi tên).
pub fn write_text(path: &Path, words: &[String], dim: usize, data: &[f32]) -> Result<()> {
    PendingFile::create(path)?.commit(format_text(words, dim, data).as_bytes())
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
    if dim == 0 {
        return Err(bad(1, "số chiều d phải ≥ 1".into()));
    }
    // mỗi số chiếm ít nhất 2 byte (« x»): V·d không thể vượt kích thước tệp — chặn trước khi cấp phát
    let cells = n
        .checked_mul(dim)
        .filter(|&c| c <= text.len() / 2)
        .ok_or_else(|| {
            bad(
                1,
                format!(
                    "dòng đầu báo V = {n}, d = {dim}: V·d số không thể nằm trong tệp {} byte",
                    text.len()
                ),
            )
        })?;
    let mut words = Vec::with_capacity(n);
    let mut data = Vec::with_capacity(cells);
    let mut seen = std::collections::HashSet::new();
    for (i, line) in lines.enumerate() {
        let mut parts = line.split_whitespace();
        let Some(word) = parts.next() else { continue };
        let before = data.len();
        for p in parts {
            let x = p
                .parse::<f32>()
                .map_err(|e| bad(i + 2, format!("«{p}»: {e}")))?;
            if !x.is_finite() {
                return Err(bad(i + 2, format!("giá trị không hữu hạn «{p}»")));
            }
            data.push(x);
            if data.len() > cells {
                return Err(bad(i + 2, format!("nhiều hơn V·d = {cells} số")));
            }
        }
        if data.len() - before != dim {
            return Err(bad(
                i + 2,
                format!("cần {dim} số, có {}", data.len() - before),
            ));
        }
        if data[before..].iter().all(|&x| x == 0.0) {
            return Err(bad(
                i + 2,
                format!("vector của «{word}» bằng 0: cosine không xác định"),
            ));
        }
        if !seen.insert(word) {
            return Err(bad(i + 2, format!("từ «{word}» xuất hiện hai lần")));
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
