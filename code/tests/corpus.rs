//! Kiểm thử kho ngữ liệu tổng hợp (chương 8–9): luật Zipf, tính tất định, cấu trúc chủ đề gieo sẵn.

use embedding_loss::corpus::{
    bigram_pairs, counts, fit_zipf_exponent, skipgram_pairs, topic_corpus, zipf_probabilities,
    zipf_stream, TopicSpec,
};

/// (8.6) tỉ số xác suất đúng bằng luỹ thừa `P(0)/P(r) = (r+1)^s` và tổng bằng 1 (dạng đóng).
#[test]
fn eq_8_6_zipf_probabilities_closed_form() {
    let s = 1.3;
    let p = zipf_probabilities(50, s).unwrap();
    assert!((p.iter().sum::<f64>() - 1.0).abs() <= 1e-12);
    for r in [1usize, 9, 49] {
        assert!((p[0] / p[r] - ((r + 1) as f64).powf(s)).abs() <= 1e-9 * ((r + 1) as f64).powf(s));
    }
    assert!(zipf_probabilities(0, 1.0).is_err());
    assert!(zipf_probabilities(5, f64::NAN).is_err());
}

/// (8.6) dòng token lấy mẫu từ luật Zipf có số mũ ước lượng (hồi quy log–log) lệch ≤ 0.1 so với s đã gieo.
#[test]
fn eq_8_6_zipf_stream_recovers_exponent() {
    for s in [0.8, 1.0, 1.2] {
        let stream = zipf_stream(100, 50_000, s, 7).unwrap();
        let fit = fit_zipf_exponent(&counts(&stream, 100).unwrap()).unwrap();
        assert!((fit - s).abs() <= 0.1, "s = {s}, ước lượng {fit}");
    }
}

/// Cùng hạt giống cho cùng dòng token; token ngoài từ vựng bị từ chối khi đếm.
#[test]
fn streams_are_deterministic() {
    assert_eq!(
        zipf_stream(30, 500, 1.0, 3).unwrap(),
        zipf_stream(30, 500, 1.0, 3).unwrap()
    );
    assert_ne!(
        zipf_stream(30, 500, 1.0, 3).unwrap(),
        zipf_stream(30, 500, 1.0, 4).unwrap()
    );
    assert!(counts(&[0, 5], 5).is_err());
    assert_eq!(bigram_pairs(&[1, 2, 3]), vec![(1, 2), (2, 3)]);
}

/// Mỗi câu chỉ chứa từ chức năng và từ của đúng một chủ đề; số cặp skip-gram đúng bằng công thức đếm.
#[test]
fn topic_corpus_has_planted_structure() {
    let spec = TopicSpec {
        topics: 3,
        words_per_topic: 5,
        function_words: 4,
        sentences: 50,
        sentence_len: 6,
        function_rate: 0.3,
        exponent: 1.0,
    };
    let c = topic_corpus(&spec, 1).unwrap();
    assert_eq!(c.vocab(), 4 + 15);
    for s in &c.sentences {
        let mut topics: Vec<usize> = s.iter().filter_map(|&w| c.topic_of[w]).collect();
        topics.dedup();
        assert!(topics.len() <= 1, "câu trộn chủ đề: {s:?}");
    }
    // cửa sổ ±2 trong câu dài 6: mỗi vị trí có min(i,2) + min(5−i,2) láng giềng
    let per_sentence: usize = (0..6usize).map(|i| i.min(2) + (5 - i).min(2)).sum();
    assert_eq!(skipgram_pairs(&c.sentences, 2).len(), 50 * per_sentence);
    let bad = TopicSpec {
        function_rate: 1.5,
        ..spec
    };
    assert!(topic_corpus(&bad, 1).is_err());
}
