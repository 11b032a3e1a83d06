//! Kho ngữ liệu tổng hợp có hạt giống cho các thí nghiệm chương 8–9.
//!
//! * Dòng token Zipf: token hạng `r` (đánh số từ 0) xuất hiện với xác suất `∝ 1/(r+1)^s`, số mũ `s`
//!   biết trước — một thí nghiệm có đối chứng, vì ngoài tần suất ra các token không khác gì nhau.
//! * Kho ngữ liệu chủ đề gieo sẵn (planted topics): mỗi câu thuộc một trong K chủ đề, gồm từ nội dung
//!   của chủ đề đó (tần suất Zipf trong chủ đề) xen với từ chức năng dùng chung cho mọi chủ đề.
//!
//! Mọi ngẫu nhiên đi qua `ChaCha8Rng::seed_from_u64`: cùng hạt giống ⇒ cùng từng token.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::{Error, Result};

fn invalid(what: &'static str, reason: impl Into<String>) -> Error {
    Error::InvalidParameter {
        what,
        reason: reason.into(),
    }
}

// ANCHOR: zipf
/// Phương trình (8.6), luật Zipf: `P(r) = (r+1)^{−s} / Σ_j (j+1)^{−s}` với `r = 0..n` là hạng (0 = thường gặp nhất).
pub fn zipf_probabilities(n: usize, exponent: f64) -> Result<Vec<f64>> {
    if n == 0 {
        return Err(Error::Empty("từ vựng của luật Zipf"));
    }
    if !(exponent.is_finite() && exponent >= 0.0) {
        return Err(invalid(
            "số mũ Zipf s",
            format!("cần 0 ≤ s < ∞, nhận {exponent}"),
        ));
    }
    let weights: Vec<f64> = (0..n).map(|r| ((r + 1) as f64).powf(-exponent)).collect();
    let total: f64 = weights.iter().sum();
    Ok(weights.iter().map(|w| w / total).collect())
}
// ANCHOR_END: zipf

/// Bộ lấy mẫu từ một phân phối rời rạc bằng hàm phân phối tích luỹ và tìm kiếm nhị phân.
#[derive(Debug, Clone)]
pub struct Sampler {
    cdf: Vec<f64>,
}

impl Sampler {
    /// Tạo bộ lấy mẫu từ các xác suất (không âm, tổng dương; được chuẩn hoá lại).
    pub fn new(probabilities: &[f64]) -> Result<Self> {
        if probabilities.is_empty() {
            return Err(Error::Empty("phân phối lấy mẫu"));
        }
        crate::error::ensure_finite("xác suất", probabilities)?;
        if probabilities.iter().any(|&p| p < 0.0) {
            return Err(Error::InvalidDistribution {
                what: "phân phối lấy mẫu",
                reason: "có xác suất âm".into(),
            });
        }
        let total: f64 = probabilities.iter().sum();
        if total <= 0.0 {
            return Err(Error::InvalidDistribution {
                what: "phân phối lấy mẫu",
                reason: "tổng bằng 0".into(),
            });
        }
        let mut acc = 0.0;
        let cdf = probabilities
            .iter()
            .map(|p| {
                acc += p / total;
                acc
            })
            .collect();
        Ok(Self { cdf })
    }

    /// Lấy một chỉ số.
    pub fn sample(&self, rng: &mut impl Rng) -> usize {
        let u: f64 = rng.random();
        self.cdf
            .partition_point(|&c| c <= u)
            .min(self.cdf.len() - 1)
    }
}

/// Dòng `len` token độc lập, cùng phân phối Zipf số mũ `exponent` trên từ vựng `vocab`.
pub fn zipf_stream(vocab: usize, len: usize, exponent: f64, seed: u64) -> Result<Vec<usize>> {
    let sampler = Sampler::new(&zipf_probabilities(vocab, exponent)?)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    Ok((0..len).map(|_| sampler.sample(&mut rng)).collect())
}

/// Đếm số lần xuất hiện của mỗi token `0..vocab`; lỗi nếu có token ngoài từ vựng.
pub fn counts(tokens: &[usize], vocab: usize) -> Result<Vec<usize>> {
    let mut c = vec![0; vocab];
    for &t in tokens {
        *c.get_mut(t)
            .ok_or(Error::TokenOutOfRange { id: t, vocab })? += 1;
    }
    Ok(c)
}

/// Ước lượng số mũ Zipf: hệ số góc (đổi dấu) của đường thẳng bình phương tối thiểu
/// `log đếm ≈ a − s·log(hạng+1)`, chỉ trên các token có đếm > 0.
pub fn fit_zipf_exponent(counts: &[usize]) -> Result<f64> {
    let mut sorted: Vec<usize> = counts.iter().copied().filter(|&c| c > 0).collect();
    if sorted.len() < 2 {
        return Err(Error::Empty("cần ít nhất hai token có đếm dương"));
    }
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let pts: Vec<(f64, f64)> = sorted
        .iter()
        .enumerate()
        .map(|(r, &c)| (((r + 1) as f64).ln(), (c as f64).ln()))
        .collect();
    let n = pts.len() as f64;
    let mx = pts.iter().map(|p| p.0).sum::<f64>() / n;
    let my = pts.iter().map(|p| p.1).sum::<f64>() / n;
    let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let sxx: f64 = pts.iter().map(|p| (p.0 - mx).powi(2)).sum();
    Ok(-sxy / sxx)
}

/// Các cặp (token hiện tại, token kế tiếp) của một dòng token.
pub fn bigram_pairs(tokens: &[usize]) -> Vec<(usize, usize)> {
    tokens.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Các cặp skip-gram (từ tâm, từ ngữ cảnh) trong cửa sổ `±window`, không vượt qua ranh giới câu.
pub fn skipgram_pairs(sentences: &[Vec<usize>], window: usize) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for s in sentences {
        for (i, &w) in s.iter().enumerate() {
            let lo = i.saturating_sub(window);
            let hi = (i + window + 1).min(s.len());
            pairs.extend((lo..hi).filter(|&j| j != i).map(|j| (w, s[j])));
        }
    }
    pairs
}

// ANCHOR: topic_spec
/// Cấu hình kho ngữ liệu chủ đề gieo sẵn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TopicSpec {
    /// Số chủ đề K.
    pub topics: usize,
    /// Số từ nội dung của mỗi chủ đề.
    pub words_per_topic: usize,
    /// Số từ chức năng dùng chung (token `0..function_words`).
    pub function_words: usize,
    /// Số câu.
    pub sentences: usize,
    /// Độ dài mỗi câu.
    pub sentence_len: usize,
    /// Xác suất một vị trí là từ chức năng.
    pub function_rate: f64,
    /// Số mũ Zipf của tần suất từ (trong chủ đề và trong nhóm từ chức năng).
    pub exponent: f64,
}
// ANCHOR_END: topic_spec

/// Kho ngữ liệu chủ đề: các câu, và chủ đề của từng token (`None` với từ chức năng).
#[derive(Debug, Clone, PartialEq)]
pub struct TopicCorpus {
    /// Các câu (dãy token id).
    pub sentences: Vec<Vec<usize>>,
    /// `topic_of[w]`: chủ đề gieo sẵn của từ `w`, `None` nếu là từ chức năng.
    pub topic_of: Vec<Option<usize>>,
}

impl TopicCorpus {
    /// Kích thước từ vựng.
    pub fn vocab(&self) -> usize {
        self.topic_of.len()
    }

    /// Số lần xuất hiện của mỗi token.
    pub fn counts(&self) -> Result<Vec<usize>> {
        counts(&self.sentences.concat(), self.vocab())
    }
}

/// Sinh kho ngữ liệu chủ đề: token `0..F` là từ chức năng, chủ đề `k` sở hữu các token
/// `F + k·m .. F + (k+1)·m`. Mỗi câu chọn đều một chủ đề; mỗi vị trí là từ chức năng với xác suất
/// `function_rate`, ngược lại là một từ của chủ đề câu, cả hai theo luật Zipf.
pub fn topic_corpus(spec: &TopicSpec, seed: u64) -> Result<TopicCorpus> {
    if spec.topics == 0 || spec.words_per_topic == 0 || spec.sentences == 0 {
        return Err(Error::Empty(
            "số chủ đề, số từ mỗi chủ đề và số câu phải dương",
        ));
    }
    if !(0.0..1.0).contains(&spec.function_rate)
        || (spec.function_rate > 0.0 && spec.function_words == 0)
    {
        return Err(invalid(
            "tỉ lệ từ chức năng",
            format!(
                "cần 0 ≤ tỉ lệ < 1 (và có từ chức năng nếu tỉ lệ > 0), nhận {}",
                spec.function_rate
            ),
        ));
    }
    let (f, m) = (spec.function_words, spec.words_per_topic);
    let content = Sampler::new(&zipf_probabilities(m, spec.exponent)?)?;
    let function = match f {
        0 => None,
        _ => Some(Sampler::new(&zipf_probabilities(f, spec.exponent)?)?),
    };
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut sentences = Vec::with_capacity(spec.sentences);
    for _ in 0..spec.sentences {
        let k = rng.random_range(0..spec.topics);
        let s = (0..spec.sentence_len)
            .map(|_| match &function {
                Some(fs) if rng.random::<f64>() < spec.function_rate => fs.sample(&mut rng),
                _ => f + k * m + content.sample(&mut rng),
            })
            .collect();
        sentences.push(s);
    }
    let topic_of = (0..f)
        .map(|_| None)
        .chain((0..spec.topics * m).map(|i| Some(i / m)))
        .collect();
    Ok(TopicCorpus {
        sentences,
        topic_of,
    })
}
