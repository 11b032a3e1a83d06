use embedding_loss::corpus::*;
use embedding_loss::dynamics::*;
use embedding_loss::geometry::*;
fn main() {
    let spec = TopicSpec {
        topics: 4,
        words_per_topic: 15,
        function_words: 10,
        sentences: 1500,
        sentence_len: 8,
        function_rate: 0.3,
        exponent: 1.0,
    };
    let c = topic_corpus(&spec, 5).unwrap();
    let pairs = skipgram_pairs(&c.sentences, 2);
    let v = c.vocab();
    println!("V={v} pairs={}", pairs.len());
    for tying in [Tying::Untied, Tying::Tied] {
        let mut m = SoftmaxModel::new(v, 16, tying, 0.1, 11).unwrap();
        let p0 = neighbour_purity(&m.input, &c.topic_of, 5).unwrap();
        let s0 = silhouette(&m.input, &c.topic_of).unwrap();
        let t = std::time::Instant::now();
        let mut dots = vec![];
        let tr = TrainSpec {
            lr: 0.5,
            batch: 32,
            steps: 2000,
            seed: 2,
        };
        let losses = train(&mut m, &pairs, &tr, |t, model, _| {
            if t % 250 == 0 {
                let o = model.output_matrix();
                let (mut same, mut ns, mut diff, mut nd) = (0.0, 0, 0.0, 0);
                for w in 10..v {
                    for cc in 10..v {
                        if w == cc {
                            continue;
                        }
                        let d = model.input.row(w).dot(&o.row(cc));
                        if c.topic_of[w] == c.topic_of[cc] {
                            same += d;
                            ns += 1
                        } else {
                            diff += d;
                            nd += 1
                        }
                    }
                }
                dots.push((t, same / ns as f64, diff / nd as f64));
            }
        })
        .unwrap();
        println!(
            "{tying:?} {:?} loss {:.3}->{:.3}",
            t.elapsed(),
            losses[0],
            losses[losses.len() - 1]
        );
        println!(
            "purity {p0:.3} -> {:.3}; silhouette {s0:.3} -> {:.3}",
            neighbour_purity(&m.input, &c.topic_of, 5).unwrap(),
            silhouette(&m.input, &c.topic_of).unwrap()
        );
        println!(
            "aniso {:.3} centred {:.3}",
            anisotropy(&m.input).unwrap(),
            anisotropy(&centre_rows(&m.input).unwrap()).unwrap()
        );
        for d in &dots {
            println!("{d:?}");
        }
        let p = pca_2d(&m.input).unwrap();
        println!("pca var {:?} total {}", p.variances, p.total_variance);
    }
}
