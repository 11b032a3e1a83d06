//! Đọc kho ngữ liệu UTF-8 (một câu mỗi dòng, từ cách nhau bởi khoảng trắng), dựng từ vựng.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};

/// Từ vựng: các từ xếp theo số lần xuất hiện giảm dần (hoà thì theo thứ tự chữ cái).
#[derive(Debug, Clone, PartialEq)]
pub struct Vocab {
    /// Các từ.
    pub words: Vec<String>,
    /// Số lần xuất hiện của từng từ.
    pub counts: Vec<u64>,
    index: HashMap<String, u32>,
}

impl Vocab {
    /// Chỉ số của một từ.
    pub fn id(&self, word: &str) -> Option<u32> {
        self.index.get(word).copied()
    }

    /// Số từ V.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Từ vựng rỗng?
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Kho ngữ liệu đã mã hoá: token phẳng và ranh giới câu.
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    /// Từ vựng.
    pub vocab: Vocab,
    /// Mọi token (chỉ số từ), câu nối tiếp nhau; từ dưới ngưỡng min-count đã bị bỏ.
    pub tokens: Vec<u32>,
    /// `sentences[i]..sentences[i+1]` là câu thứ i trong `tokens`.
    pub sentences: Vec<usize>,
}

impl Corpus {
    /// Số token N (sau khi bỏ từ hiếm).
    pub fn num_tokens(&self) -> usize {
        self.tokens.len()
    }
}

/// Đọc tệp, kiểm UTF-8 (báo vị trí byte sai và số dòng), rồi dựng kho với ngưỡng `min_count`.
pub fn read_corpus(path: &Path, min_count: u64) -> Result<Corpus> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let offset = e.valid_up_to();
        Error::InvalidUtf8 {
            path: path.to_owned(),
            offset,
            line: 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count(),
        }
    })?;
    build_corpus(text, min_count).map_err(|e| match e {
        Error::EmptyCorpus(_) => Error::EmptyCorpus(path.to_owned()),
        other => other,
    })
}

/// Dựng kho từ văn bản (một câu mỗi dòng).
pub fn build_corpus(text: &str, min_count: u64) -> Result<Corpus> {
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word).or_insert(0) += 1;
    }
    let Some(&max_count) = counts.values().max() else {
        return Err(Error::EmptyCorpus("<văn bản>".into()));
    };
    let mut kept: Vec<(&str, u64)> = counts
        .into_iter()
        .filter(|&(_, c)| c >= min_count)
        .collect();
    if kept.is_empty() {
        return Err(Error::EmptyVocabulary {
            min_count,
            max_count,
        });
    }
    kept.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let words: Vec<String> = kept.iter().map(|(w, _)| (*w).to_owned()).collect();
    let index = words
        .iter()
        .enumerate()
        .map(|(i, w)| (w.clone(), i as u32))
        .collect();
    let vocab = Vocab {
        counts: kept.iter().map(|&(_, c)| c).collect(),
        words,
        index,
    };
    let mut tokens = Vec::new();
    let mut sentences = vec![0];
    for line in text.lines() {
        tokens.extend(line.split_whitespace().filter_map(|w| vocab.id(w)));
        if tokens.len() > *sentences.last().unwrap_or(&0) {
            sentences.push(tokens.len());
        }
    }
    Ok(Corpus {
        vocab,
        tokens,
        sentences,
    })
}
