//! Kiểm thử huấn luyện nhỏ, có hạt giống: hai «chủ đề» từ không bao giờ chung câu phải tách thành hai cụm.

mod common;

use common::two_topic_text;
use sgns::corpus::build_corpus;
use sgns::train::{train, Config};
use sgns::vectors::{neighbours, Embeddings};

fn config(threads: usize) -> Config {
    Config {
        dim: 16,
        window: 3,
        negative: 5,
        sample: 0.0,
        alpha: 0.05,
        epochs: 3,
        threads,
        seed: 7,
    }
}

/// Huấn luyện 2 luồng, hạt giống cố định: 5 láng giềng cosine gần nhất của mỗi từ đều cùng chủ đề (a… hoặc b…) với nó.
#[test]
fn claim_4_trainer_separates_two_topics() {
    let corpus = build_corpus(&two_topic_text(1), 1).unwrap();
    let model = train(&corpus, &config(2), None).unwrap();
    let emb = Embeddings {
        words: model.vocab.words.clone(),
        dim: model.dim,
        data: model.input.clone(),
    };
    for w in &emb.words {
        let nn = neighbours(&emb, w, 5).unwrap();
        assert!(
            nn.iter().all(|(n, _)| n.as_bytes()[0] == w.as_bytes()[0]),
            "láng giềng của {w}: {nn:?}"
        );
    }
    assert!(model
        .input
        .iter()
        .chain(&model.output)
        .all(|x| x.is_finite()));
}

/// Một luồng, cùng hạt giống ⇒ cùng vector từng bit; tham số sai ⇒ lỗi.
#[test]
fn single_thread_training_is_deterministic() {
    let corpus = build_corpus(&two_topic_text(2), 1).unwrap();
    let a = train(&corpus, &config(1), None).unwrap();
    let b = train(&corpus, &config(1), None).unwrap();
    assert_eq!(a.input, b.input);
    assert!(train(
        &corpus,
        &Config {
            dim: 0,
            ..config(1)
        },
        None
    )
    .is_err());
    assert!(train(
        &corpus,
        &Config {
            alpha: f32::NAN,
            ..config(1)
        },
        None
    )
    .is_err());
}
