//! Kiểm thử đo chất lượng (`sgns eval`) và theo dõi huấn luyện (mất mát mỗi lượt).

use std::process::Command;
use std::sync::Mutex;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
mod common;

use common::two_topic_text;
use sgns::corpus::build_corpus;
use sgns::eval::{anisotropy, evaluate, read_pairs, Pair};
use sgns::train::{train_observed, Config, EpochStats, Observer};
use sgns::vectors::Embeddings;

fn pair(a: &str, b: &str, score: f64) -> Pair {
    Pair {
        a: a.into(),
        b: b.into(),
        score,
    }
}

/// Vector 2 chiều ở các góc cho trước: cosine giữa hai từ là cos(hiệu hai góc).
fn angles(words: &[(&str, f64)]) -> Embeddings {
    Embeddings {
        words: words.iter().map(|(w, _)| w.to_string()).collect(),
        dim: 2,
        data: words
            .iter()
            .flat_map(|(_, t)| [t.cos() as f32, t.sin() as f32])
            .collect(),
    }
}

/// ρ = 1 khi thứ tự cosine trùng thứ tự điểm người chấm, −1 khi ngược; độ phủ đếm đúng cặp có đủ hai từ;
/// tra từ không phân biệt hoa thường và dạng đứng trước (phổ biến hơn) thắng, như gensim.
#[test]
fn eval_spearman_coverage_and_case_rule() {
    let emb = angles(&[("a", 0.0), ("b", 0.3), ("c", 1.0), ("d", 2.0), ("B", 3.0)]);
    let path = std::path::Path::new("cặp.tsv");
    let pairs = [
        pair("a", "b", 9.0),
        pair("a", "c", 5.0),
        pair("A", "D", 1.0),
        pair("a", "zzz", 7.0),
    ];
    let r = evaluate(&emb, path, &pairs).unwrap();
    assert!((r.rho - 1.0).abs() < 1e-12, "{r:?}");
    assert_eq!((r.found, r.total), (3, 4));
    let reversed: Vec<Pair> = pairs.iter().map(|p| pair(&p.a, &p.b, -p.score)).collect();
    assert!((evaluate(&emb, path, &reversed).unwrap().rho + 1.0).abs() < 1e-12);
    // «B» (góc 3) đứng sau «b» (góc 0.3): tra «B» phải ra «b»
    let r = evaluate(&emb, path, &[pair("a", "B", 2.0), pair("a", "c", 1.0)]).unwrap();
    assert!((r.rho - 1.0).abs() < 1e-12);
    assert!(evaluate(&emb, path, &[pair("x", "y", 1.0)]).is_err());
}

/// Tệp cặp từ: bỏ dòng chú thích, từ chối dòng sai với số dòng, báo tệp thiếu bằng lỗi riêng.
#[test]
fn read_pairs_formats_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let ok = dir.path().join("ok.tsv");
    std::fs::write(
        &ok,
        "# chú thích\n# Word 1\tWord 2\tHuman\nlove\tsex\t6.77\n\ntiger cat 7.35\n",
    )
    .unwrap();
    let pairs = read_pairs(&ok).unwrap();
    assert_eq!(
        pairs,
        vec![pair("love", "sex", 6.77), pair("tiger", "cat", 7.35)]
    );
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, "a\tb\t1\nc\td\n").unwrap();
    assert!(read_pairs(&bad).unwrap_err().to_string().contains("dòng 2"));
    std::fs::write(&bad, "a\tb\tNaN\n").unwrap();
    assert!(read_pairs(&bad).is_err());
    let missing = read_pairs(&dir.path().join("không-có.tsv")).unwrap_err();
    assert!(
        missing.to_string().contains("fetch-similarity.sh"),
        "{missing}"
    );
}

/// `sgns eval` khi thiếu tệp cặp từ: một dòng `lỗi:` tiếng Việt chỉ cách tải, mã thoát 1, không panic.
#[test]
fn eval_cli_missing_pairs_is_a_clean_error() {
    let dir = tempfile::tempdir().unwrap();
    let vectors = dir.path().join("v.txt");
    std::fs::write(&vectors, "2 2\na 1 0\nb 0 1\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sgns"))
        .args(["eval", "--vectors"])
        .arg(&vectors)
        .arg("--pairs")
        .arg(dir.path().join("wordsim353.tsv"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("lỗi:") && err.contains("fetch-similarity.sh"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    // có tệp: in ρ và độ phủ
    let pairs = dir.path().join("p.tsv");
    std::fs::write(&pairs, "a\tb\t1\na\ta\t10\nb\tq\t3\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sgns"))
        .args(["eval", "--samples", "10", "--vectors"])
        .arg(&vectors)
        .arg("--pairs")
        .arg(&pairs)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("ρ = 1.0000") && text.contains("2/3 cặp"),
        "{text}"
    );
}

/// Độ bất đẳng hướng: vector Gauss đẳng hướng cho cosine trung bình ≈ 0 (trong 4 sai số chuẩn) và độ lệch
/// ≈ 1/√d; cộng một hướng chung làm cosine trung bình lớn.
#[test]
fn anisotropy_separates_isotropic_from_shared_direction() {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let (n, d) = (500, 50);
    let gauss = |rng: &mut ChaCha8Rng| {
        // Box–Muller
        let (u, v): (f64, f64) = (rng.random::<f64>().max(1e-300), rng.random());
        ((-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()) as f32
    };
    let data: Vec<f32> = (0..n * d).map(|_| gauss(&mut rng)).collect();
    let words: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
    let iso = Embeddings {
        words: words.clone(),
        dim: d,
        data: data.clone(),
    };
    let (mean, sd) = anisotropy(&iso, 20_000, 1).unwrap();
    assert!(mean.abs() < 4.0 * sd / (20_000f64).sqrt() + 0.01, "{mean}");
    assert!((sd * (d as f64).sqrt() - 1.0).abs() < 0.1, "{sd}");
    let shifted = Embeddings {
        words,
        dim: d,
        data: data
            .iter()
            .enumerate()
            .map(|(i, x)| x + if i % d == 0 { 5.0 } else { 0.0 })
            .collect(),
    };
    assert!(anisotropy(&shifted, 20_000, 1).unwrap().0 > 0.2);
}

/// Huấn luyện một luồng (tất định) trên kho hai chủ đề: đúng một báo cáo mỗi lượt, theo thứ tự; mất mát hữu hạn,
/// mọi lượt dưới mức lúc khởi tạo `(1 + K) ln 2` (u = 0 nên mọi σ = 1/2), lượt cuối thấp hơn lượt đầu; tốc độ học
/// giảm dần. (Kho ngẫu nhiên trong chủ đề hội tụ nhanh: từ lượt 3 mất mát chỉ dao động, không giảm đều.)
#[test]
fn claim_4_trainer_reports_decreasing_epoch_loss() {
    let corpus = build_corpus(&two_topic_text(3), 1).unwrap();
    let cfg = Config {
        dim: 16,
        window: 3,
        negative: 5,
        sample: 0.0,
        alpha: 0.05,
        epochs: 4,
        threads: 1,
        seed: 7,
    };
    let seen = Mutex::new(Vec::new());
    let hook = |e: EpochStats| seen.lock().unwrap().push(e);
    let observer = Observer {
        bar: None,
        on_epoch: Some(&hook),
    };
    train_observed(&corpus, &cfg, &observer).unwrap();
    let seen = seen.into_inner().unwrap();
    assert_eq!(
        seen.iter().map(|e| e.epoch).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    let start = (1 + cfg.negative) as f64 * std::f64::consts::LN_2;
    for w in seen.windows(2) {
        assert!(w[1].alpha < w[0].alpha, "{seen:?}");
    }
    assert!(seen[3].loss < seen[0].loss, "{seen:?}");
    assert!(
        seen.iter()
            .all(|e| e.loss.is_finite() && e.loss > 0.0 && e.loss < start),
        "{seen:?}"
    );
}
