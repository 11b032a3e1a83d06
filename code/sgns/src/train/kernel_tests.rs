//! Kiểm thử kiểu llm.c cho nhân f32 `pair_update`: trên đầu vào ngẫu nhiên có hạt giống, bước cập nhật
//! của nó phải khớp bước `−α ∂L/∂·` tính từ gradient f64 tham chiếu `sgns_gradients` (4.5) của
//! `embedding-loss`, tới độ chính xác f32 — kể cả khi |s| lớn (tới 10³), nơi σ bão hoà.
//!
//! Dung sai là một cận sai số làm tròn, không phải một hằng số chọn cho qua: với mỗi đích k (nhãn
//! y = 1 cho ngữ cảnh, 0 cho mẫu âm), thừa số `g = α (y − σ(s))` của nhân sai tối đa
//! `α [4ε (y + σ) + σ(1−σ)(d+2) ε Σ|u_j v_j| + |σ(kẹp(s)) − σ(s)|]`: làm tròn của σ và của phép
//! trừ (tương đối so với tổng trị tuyệt đối các số hạng `y` và `σ`), sai số tích vô hướng f32 lan qua
//! σ', và độ lệch do `kernels::sigmoid` kẹp s vào [−30, 30] (tính đúng bằng f64). Mỗi thành phần
//! cập nhật còn được phép 4ε (hoặc (số đích + 1) ε khi cộng dồn) nhân tổng trị tuyệt đối các số hạng.

use embedding_loss::negative_sampling::{sgns_gradients, sigmoid as sigmoid64};

use super::*;
use crate::corpus::build_corpus;

const EPS: f64 = f32::EPSILON as f64;
const VOCAB: usize = 40;

fn dot64(a: &[f32], b: &[f32]) -> f64 {
    a.iter().zip(b).map(|(&x, &y)| x as f64 * y as f64).sum()
}

fn widen(x: &[f32]) -> Vec<f64> {
    x.iter().map(|&v| v as f64).collect()
}

/// Một vector ngẫu nhiên trong [−1, 1)^d.
fn random_vector(rng: &mut ChaCha8Rng, d: usize) -> Vec<f32> {
    (0..d).map(|_| rng.random_range(-1.0f32..1.0)).collect()
}

/// Co giãn `u` để điểm `uᵀv` xấp xỉ ±10^e, e đều trong [−2, 3]: phủ cả vùng σ' lớn lẫn vùng bão hoà.
fn rescale_to_random_score(rng: &mut ChaCha8Rng, u: &mut [f32], v: &[f32]) {
    let s = dot64(u, v);
    if s.abs() < 1e-3 {
        return;
    }
    let sign = if rng.random::<bool>() { 1.0 } else { -1.0 };
    let target = sign * 10f64.powf(rng.random_range(-2.0..3.0));
    for x in u.iter_mut() {
        *x = (*x as f64 * target / s) as f32;
    }
}

/// Cận sai số của thừa số `g = α (y − σ(s))` f32 (xem đầu tệp).
fn factor_error(alpha: f64, label: f64, u: &[f32], v: &[f32]) -> f64 {
    let s = dot64(u, v);
    let sigma = sigmoid64(s);
    let abs_dot: f64 = u
        .iter()
        .zip(v)
        .map(|(&x, &y)| (x as f64 * y as f64).abs())
        .sum();
    let clamp = (sigmoid64(s.clamp(-30.0, 30.0)) - sigma).abs();
    alpha
        * (4.0 * EPS * (label + sigma)
            + sigma * (1.0 - sigma) * (v.len() + 2) as f64 * EPS * abs_dot
            + clamp)
}

/// Một trường hợp: chạy `pair_update` và so với tham chiếu f64. `false` nếu trường hợp bị bỏ qua vì có
/// mẫu âm trùng nhau (nhân cập nhật tuần tự, tham chiếu lấy gradient tại cùng một điểm).
fn check_case(seed: u64) -> bool {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let d = rng.random_range(1..=70);
    let negative = rng.random_range(1..=6);
    let alpha = rng.random_range(1e-3f32..0.5);
    let v = random_vector(&mut rng, d);
    let rows: Vec<Vec<f32>> = (0..VOCAB)
        .map(|_| {
            let mut u = random_vector(&mut rng, d);
            rescale_to_random_score(&mut rng, &mut u, &v);
            u
        })
        .collect();
    let context = rng.random_range(0..VOCAB);
    let text: Vec<String> = (0..VOCAB).map(|i| format!("w{i}")).collect();
    let corpus = build_corpus(&text.join(" "), 1).expect("kho ngữ liệu thử");
    let cfg = Config {
        dim: d,
        negative,
        ..Config::default()
    };
    let noise = NoiseSampler::new(&corpus.vocab.counts, 0.75).expect("phân phối nhiễu");
    // đoán trước các mẫu âm nhân sẽ rút: cùng RNG, cùng bộ lấy mẫu
    let mut kernel_rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
    let mut predict = kernel_rng.clone();
    let negatives: Vec<usize> = (0..negative)
        .map(|_| noise.sample(&mut predict))
        .filter(|&n| n != context)
        .collect();
    let mut distinct = negatives.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != negatives.len() {
        return false;
    }

    let sh = Shared {
        corpus: &corpus,
        cfg: &cfg,
        input: SharedMatrix::from_vec(Vec::new(), d),
        output: SharedMatrix::from_vec(rows.concat(), d),
        noise,
        keep: Vec::new(),
        processed: AtomicU64::new(0),
        total: 0,
        observer: &Observer::default(),
        epochs: Mutex::new(HashMap::new()),
        workers: 1,
    };
    let (mut u, mut step_v) = (vec![0.0f32; d], vec![0.0f32; d]);
    pair_update(
        &sh,
        &mut kernel_rng,
        context,
        alpha,
        &v,
        &mut u,
        &mut step_v,
        false,
    );
    let output = sh.output.into_vec();

    let v64 = widen(&v);
    let rows64: Vec<Vec<f64>> = rows.iter().map(|r| widen(r)).collect();
    let neg_refs: Vec<&[f64]> = negatives.iter().map(|&n| rows64[n].as_slice()).collect();
    let grads = sgns_gradients(&v64, &rows64[context], &neg_refs).expect("gradient tham chiếu");
    let a = alpha as f64;
    let targets: Vec<(usize, f64, &[f64])> = std::iter::once((context, 1.0, &grads.context[..]))
        .chain(
            negatives
                .iter()
                .zip(&grads.negatives)
                .map(|(&n, g)| (n, 0.0, &g[..])),
        )
        .collect();
    let check = |what: &str, got: f32, want: f64, tol: f64| {
        assert!(
            (got as f64 - want).abs() <= tol,
            "hạt giống {seed}, {what}: nhân f32 {got:e}, tham chiếu {want:e}, \
             lệch {:e} > dung sai {tol:e} (d = {d}, K = {negative}, α = {alpha})",
            (got as f64 - want).abs()
        );
    };

    // các dòng đầu ra: u ← u − α ∂L/∂u; dòng không được chạm giữ nguyên từng bit
    let mut touched = [false; VOCAB];
    for &(t, label, grad) in &targets {
        touched[t] = true;
        let f_err = factor_error(a, label, &rows[t], &v);
        let g = a * (label - sigmoid64(dot64(&rows[t], &v)));
        for i in 0..d {
            let want = rows64[t][i] - a * grad[i];
            let tol = 4.0 * EPS * (rows64[t][i].abs() + (g * v64[i]).abs()) + f_err * v64[i].abs();
            check(&format!("u_{t}[{i}]"), output[t * d + i], want, tol);
        }
    }
    for (t, row) in rows.iter().enumerate().filter(|&(t, _)| !touched[t]) {
        assert_eq!(
            &output[t * d..(t + 1) * d],
            &row[..],
            "dòng {t} không được đổi"
        );
    }
    // bước của v_w: −α ∂L/∂v, cộng dồn qua các đích bằng u cũ
    let n_terms = targets.len() as f64;
    for i in 0..d {
        let want = -a * grads.center[i];
        let tol: f64 = targets
            .iter()
            .map(|&(t, label, _)| {
                let g = a * (label - sigmoid64(dot64(&rows[t], &v)));
                (n_terms + 1.0) * EPS * (g * rows64[t][i]).abs()
                    + factor_error(a, label, &rows[t], &v) * rows64[t][i].abs()
            })
            .sum();
        check(&format!("bước v_w[{i}]"), step_v[i], want, tol);
    }
    true
}

#[test]
fn kernel_matches_reference_gradient_in_f32() {
    let checked = (0..1000u64).filter(|&seed| check_case(seed)).count();
    assert!(checked >= 600, "chỉ {checked} trường hợp được kiểm");
}

/// Chia việc cho các luồng (như hàng đợi việc của gensim): khối thứ k thuộc luồng k mod T; ghép các khối theo
/// k thì được đúng các câu của kho, liên tiếp, mỗi câu một lần; mọi khối trừ khối cuối có ít nhất
/// `BLOCK_TOKENS` token và là khối ngắn nhất như vậy; kho nhỏ hơn một khối chỉ cho một luồng.
#[test]
fn blocks_are_dealt_to_threads_in_corpus_order() {
    let text: String = (0..3000)
        .map(|i| {
            let words: Vec<String> = (0..1 + i % 20)
                .map(|j| format!("w{}", (i + j) % 7))
                .collect();
            words.join(" ") + "\n"
        })
        .collect();
    let corpus = build_corpus(&text, 1).unwrap();
    let tokens = |r: &Range<usize>| corpus.sentences[r.end] - corpus.sentences[r.start];
    let per_thread = split_sentences(&corpus, 3);
    assert_eq!(per_thread.len(), 3);
    let n_blocks: usize = per_thread.iter().map(Vec::len).sum();
    assert!(n_blocks > 3, "{n_blocks} khối");
    let mut next = 0;
    for k in 0..n_blocks {
        let block = &per_thread[k % 3][k / 3];
        assert_eq!(block.start, next, "khối {k}");
        next = block.end;
        if k + 1 < n_blocks {
            assert!(tokens(block) >= BLOCK_TOKENS, "khối {k}");
            assert!(
                tokens(&(block.start..block.end - 1)) < BLOCK_TOKENS,
                "khối {k}"
            );
        }
    }
    assert_eq!(next, corpus.sentences.len() - 1);
    let small = build_corpus("a b\nb a\n", 1).unwrap();
    assert_eq!(split_sentences(&small, 4), vec![vec![0..2]]);
}
