//! Kiểm thử chương 8: bước SGD, đẳng thức gradient tích luỹ, gradient của mô hình softmax đầy đủ
//! (chia sẻ và không chia sẻ trọng số), và các thí nghiệm chuẩn–tần suất.

use embedding_loss::dynamics::{ranks, row_norms, spearman, train, SoftmaxModel, TrainSpec, Tying};
use embedding_loss::experiments::{
    frequency_weighted_mean, mean_drift_cosine, norm_frequency_spearman, relative_step, run_zipf,
    Run, ZipfSetup, BOOK_ZIPF,
};
use embedding_loss::gradcheck::check_gradient;
use embedding_loss::softmax::softmax;
use ndarray::Array2;
use std::sync::OnceLock;

const PAIRS: [(usize, usize); 5] = [(0, 1), (2, 1), (1, 3), (0, 0), (4, 2)];

fn model(tying: Tying) -> SoftmaxModel {
    SoftmaxModel::new(6, 3, tying, 0.7, 42).unwrap()
}

/// (8.4) gradient giải tích của mô hình không chia sẻ (E và U) khớp sai phân trung tâm, sai số ≤ 1e-6.
#[test]
fn eq_8_4_untied_gradient_matches_finite_differences() {
    let m = model(Tying::Untied);
    let g = m.gradient(&PAIRS).unwrap().flat();
    let f = |theta: &[f64]| m.with_flat(theta)?.loss(&PAIRS);
    let err = check_gradient(f, &g, &m.flat(), 1e-6).unwrap();
    assert!(err <= 1e-6);
}

/// (8.4) với chia sẻ trọng số, gradient của E (tổng hai đường) khớp sai phân trung tâm; bỏ đường đầu
/// vào (chỉ giữ `(p − y) hᵀ`) thì bộ kiểm gradient phải thất bại.
#[test]
fn eq_8_4_tied_gradient_sums_both_paths() {
    let m = model(Tying::Tied);
    let g = m.gradient(&PAIRS).unwrap();
    let f = |theta: &[f64]| m.with_flat(theta)?.loss(&PAIRS);
    assert!(check_gradient(f, &g.flat(), &m.flat(), 1e-6).unwrap() <= 1e-6);
    // chỉ đường đầu ra: gradient của U trong mô hình không chia sẻ có cùng E, U = E
    let untied = SoftmaxModel {
        input: m.input.clone(),
        output: Some(m.input.clone()),
    };
    let output_only = untied.gradient(&PAIRS).unwrap().output.unwrap();
    let f = |theta: &[f64]| m.with_flat(theta)?.loss(&PAIRS);
    let wrong: Vec<f64> = output_only.iter().copied().collect();
    assert!(check_gradient(f, &wrong, &m.flat(), 1e-6).is_err());
}

/// (8.1) một bước `apply` dời mọi tham số đúng `−η ∇L` (so với gradient đã kiểm bằng sai phân), sai số ≤ 1e-12.
#[test]
fn eq_8_1_step_moves_by_minus_lr_gradient() {
    for tying in [Tying::Tied, Tying::Untied] {
        let mut m = model(tying);
        let before = m.flat();
        let g = m.gradient(&PAIRS).unwrap();
        m.apply(&g, 0.3).unwrap();
        for ((a, b), gi) in m.flat().iter().zip(&before).zip(g.flat()) {
            assert!((a - b + 0.3 * gi).abs() <= 1e-12);
        }
    }
}

/// (8.2) khai triển bậc nhất `L(θ − η g) − L(θ) = −η‖g‖² + O(η²)`: sai lệch chia η² giữ nguyên bậc
/// khi η giảm 10 lần (tham chiếu: mất mát tính lại độc lập bằng entropy chéo chương 2).
#[test]
fn eq_8_2_first_order_loss_decrease() {
    let m = model(Tying::Untied);
    let g = m.gradient(&PAIRS).unwrap();
    let g2: f64 = g.flat().iter().map(|x| x * x).sum();
    let l0 = m.loss(&PAIRS).unwrap();
    let mut scaled = Vec::new();
    for eta in [1e-2, 1e-3] {
        let mut step = m.clone();
        step.apply(&g, eta).unwrap();
        let dl = step.loss(&PAIRS).unwrap() - l0;
        assert!(dl < 0.0, "bước nhỏ ngược gradient phải giảm mất mát");
        scaled.push((dl + eta * g2) / (eta * eta));
    }
    assert!(scaled[1].abs() < 2.0 * scaled[0].abs() + 1e-3, "{scaled:?}");
    assert!((scaled[0] - scaled[1]).abs() < 0.1 * scaled[0].abs().max(1e-3));
}

/// (8.3) sau t bước SGD, `e^(t) = e^(0) − η Σ_k ∇L_k` với các gradient ghi lại từng bước, sai số ≤ 1e-12.
#[test]
fn eq_8_3_accumulated_gradient_identity() {
    let pairs: Vec<(usize, usize)> = (0..40).map(|i| (i % 6, (i * 7 + 1) % 6)).collect();
    for tying in [Tying::Tied, Tying::Untied] {
        let mut m = model(tying);
        let start = m.flat();
        let mut sum = vec![0.0; start.len()];
        let spec = TrainSpec {
            lr: 0.2,
            batch: 4,
            steps: 30,
            seed: 9,
        };
        train(&mut m, &pairs, &spec, |_, _, g| {
            for (s, x) in sum.iter_mut().zip(g.flat()) {
                *s += x;
            }
        })
        .unwrap();
        let moved = m.flat().iter().zip(&start).any(|(a, b)| a != b);
        assert!(moved);
        for ((a, b), s) in m.flat().iter().zip(&start).zip(&sum) {
            assert!((a - (b - 0.2 * s)).abs() <= 1e-12);
        }
    }
}

/// (8.5) với chia sẻ trọng số, một token không có mặt trong batch nhận đúng `(1/B) Σ_b p_i^(b) h_b`
/// (tham chiếu: tính lại từ softmax chương 2), và bước SGD đẩy nó ngược hướng trung bình các `h_b`.
#[test]
fn eq_8_5_absent_token_only_pushed_away() {
    let m = model(Tying::Tied);
    let absent = 5;
    let g = m.gradient(&PAIRS).unwrap();
    let mut want = ndarray::Array1::<f64>::zeros(3);
    let mut mean_h = ndarray::Array1::<f64>::zeros(3);
    for &(w, _) in &PAIRS {
        let h = m.input.row(w);
        let p = softmax(m.input.dot(&h).as_slice().unwrap()).unwrap();
        want.scaled_add(p[absent] / PAIRS.len() as f64, &h);
        mean_h.scaled_add(1.0 / PAIRS.len() as f64, &h);
    }
    for (a, b) in g.input.row(absent).iter().zip(&want) {
        assert!((a - b).abs() <= 1e-12);
    }
    assert!(g.input.row(absent).dot(&mean_h) > 0.0);
}

/// Hạng và tương quan Spearman: hạng trung bình khi bằng nhau; ρ = ±1 với dãy đơn điệu (phi tuyến).
#[test]
fn spearman_of_monotone_sequences() {
    assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0]), vec![3.5, 1.0, 3.5, 2.0]);
    let x: Vec<f64> = (1..20).map(f64::from).collect();
    let up: Vec<f64> = x.iter().map(|v| v.powi(3)).collect();
    let down: Vec<f64> = x.iter().map(|v| (-v).exp()).collect();
    assert!((spearman(&x, &up).unwrap() - 1.0).abs() < 1e-12);
    assert!((spearman(&x, &down).unwrap() + 1.0).abs() < 1e-12);
    assert!(spearman(&x, &up[1..]).is_err());
}

const CHECKPOINTS: [usize; 6] = [0, 100, 250, 500, 1000, 1500];

/// Mỗi biến thể chỉ huấn luyện một lần cho mọi kiểm thử `claim_8_…` (chạy song song, cùng kết quả).
fn small_zipf(tying: Tying) -> &'static Run {
    static TIED: OnceLock<Run> = OnceLock::new();
    static UNTIED: OnceLock<Run> = OnceLock::new();
    let cell = if tying == Tying::Tied { &TIED } else { &UNTIED };
    cell.get_or_init(|| train_small_zipf(tying))
}

/// Bản nhỏ của thí nghiệm Zipf, chung cho mọi kiểm thử `claim_8_…`.
fn small_setup() -> ZipfSetup {
    ZipfSetup {
        seen: 60,
        unseen: 6,
        tokens: 6000,
        dim: 8,
        ..BOOK_ZIPF
    }
}

fn train_small_zipf(tying: Tying) -> Run {
    run_zipf(&small_setup(), tying, &CHECKPOINTS).unwrap()
}

fn spearman_curve(run: &Run) -> Vec<f64> {
    run.snapshots
        .iter()
        .map(|(_, e, _)| norm_frequency_spearman(&run.counts, e).unwrap())
        .collect()
}

/// Chia sẻ trọng số: chuẩn ‖e_w‖ tăng theo tần suất và giữ như vậy tới cuối (ρ Spearman ≥ 0.8).
#[test]
fn claim_8_tied_norm_tracks_frequency() {
    let rho = spearman_curve(small_zipf(Tying::Tied));
    println!("ρ(tần suất, ‖e‖) theo mốc: {rho:?}");
    assert!(rho[0].abs() < 0.3, "lúc khởi tạo chưa có tương quan");
    assert!(*rho.last().unwrap() >= 0.8);
}

/// Không chia sẻ: tương quan chuẩn–tần suất của E chỉ là nhất thời — lên đỉnh ≥ 0.7 rồi tụt ít nhất 0.3.
#[test]
fn claim_8_untied_norm_correlation_is_transient() {
    let rho = spearman_curve(small_zipf(Tying::Untied));
    println!("ρ(tần suất, ‖e‖) theo mốc: {rho:?}");
    let peak = rho.iter().copied().fold(f64::MIN, f64::max);
    assert!(peak >= 0.7);
    assert!(*rho.last().unwrap() <= peak - 0.3);
}

/// Token không bao giờ xuất hiện: với chia sẻ trọng số chúng cùng trôi theo hướng −μ (cos ≥ 0.99);
/// không chia sẻ thì chúng đứng yên tuyệt đối.
#[test]
fn claim_8_unseen_tokens_drift_along_minus_mean() {
    let unseen: Vec<usize> = (60..66).collect();
    let tied = small_zipf(Tying::Tied);
    let (_, last, _) = tied.last().unwrap();
    let mu = frequency_weighted_mean(&tied.counts, last).unwrap();
    let cos = mean_drift_cosine(&tied.initial, last, &unseen, &(-&mu)).unwrap();
    println!("cos(độ dời, −μ) của token chưa thấy: {cos:?}");
    assert!(cos.unwrap() >= 0.99);
    let rare: Vec<usize> = (40..60).collect();
    let cos_rare = mean_drift_cosine(&tied.initial, last, &rare, &(-&mu)).unwrap();
    println!("cos(độ dời, −μ) của token hiếm có xuất hiện: {cos_rare:?}");
    assert!(cos_rare.unwrap() <= -0.5);
    let untied = small_zipf(Tying::Untied);
    let (_, last, _) = untied.last().unwrap();
    let moved = mean_drift_cosine(&untied.initial, last, &unseen, &(-&mu)).unwrap();
    assert_eq!(moved, None);
}

/// Token thường gặp di chuyển trước: ở 100 bước đầu, độ dời tương đối mỗi bước của 6 token đầu gấp
/// ≥ 3 lần của 20 token hiếm nhất (cả hai biến thể); khi chia sẻ trọng số, ở khoảng cuối (bước
/// 1000–1500) thứ tự đảo lại: nhóm hiếm dời nhanh hơn.
#[test]
fn claim_8_frequent_tokens_move_first() {
    let frequent: Vec<usize> = (0..6).collect();
    let rare: Vec<usize> = (40..60).collect();
    for tying in [Tying::Tied, Tying::Untied] {
        let run = small_zipf(tying);
        let s: Vec<(usize, &Array2<f64>)> = run.snapshots.iter().map(|(t, e, _)| (*t, e)).collect();
        let hi = relative_step(s[0], s[1], &frequent).unwrap();
        let lo = relative_step(s[0], s[1], &rare).unwrap();
        let hi_late = relative_step(s[4], s[5], &frequent).unwrap();
        let lo_late = relative_step(s[4], s[5], &rare).unwrap();
        println!("{tying:?}: đầu: thường gặp {hi:e}, hiếm {lo:e}; cuối: {hi_late:e}, {lo_late:e}");
        assert!(hi >= 3.0 * lo);
        if tying == Tying::Tied {
            assert!(lo_late > hi_late);
        }
    }
}

/// Đầu vào sai trả lỗi, không hoảng: token ngoài từ vựng, batch rỗng, tốc độ học không hợp lệ.
#[test]
fn bad_input_is_an_error() {
    let mut m = model(Tying::Tied);
    assert!(m.gradient(&[(0, 6)]).is_err());
    assert!(m.loss(&[]).is_err());
    assert!(m.with_flat(&[0.0; 3]).is_err());
    for lr in [0.0, -1.0, f64::NAN] {
        let spec = TrainSpec {
            lr,
            batch: 2,
            steps: 1,
            seed: 0,
        };
        assert!(train(&mut m, &PAIRS, &spec, |_, _, _| {}).is_err());
    }
    assert!(SoftmaxModel::new(0, 3, Tying::Untied, 0.1, 1).is_err());
    assert!(SoftmaxModel::new(4, 3, Tying::Untied, f64::NAN, 1).is_err());
}

/// Biến thể lấy mẫu âm (bản nhỏ, K = 5, cùng dòng Zipf và khởi tạo): tương quan chuẩn–tần suất lên cao (ρ ≥ 0,9)
/// rồi tụt ít nhất 0,3; chuẩn của 5 token thường gặp nhất đạt đỉnh rồi giảm; token không xuất hiện không dời chút nào.
#[test]
fn claim_8_sgns_norm_correlation_peaks_then_fades() {
    use embedding_loss::experiments::run_zipf_sgns;
    let setup = small_setup();
    let marks: Vec<usize> = (0..=1500).step_by(100).collect();
    let run = run_zipf_sgns(&setup, 5, &marks).unwrap();
    let rho: Vec<f64> = run
        .snapshots
        .iter()
        .map(|(_, e, _)| norm_frequency_spearman(&run.counts, e).unwrap())
        .collect();
    let peak = rho.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let end = rho[rho.len() - 1];
    assert!(peak >= 0.9 && end <= peak - 0.3, "ρ: {rho:?}");
    let top5: Vec<f64> = run
        .snapshots
        .iter()
        .map(|(_, e, _)| row_norms(e)[..5].iter().sum::<f64>() / 5.0)
        .collect();
    let top_peak = top5.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    assert!(top5[top5.len() - 1] < top_peak, "chuẩn top-5: {top5:?}");
    let (_, e, _) = run.last().unwrap();
    for w in setup.seen..setup.seen + setup.unseen {
        assert_eq!(
            e.row(w),
            run.initial.row(w),
            "token {w} không xuất hiện mà vẫn dời"
        );
    }
    assert!(run.losses.iter().all(|l| l.is_finite()));
}

/// Chia sẻ trọng số, cuối lần chạy nhỏ: (a) hình chiếu e_w · μ̂ lên hướng trung bình μ (trọng số tần suất) tăng
/// theo tần suất của w (ρ Spearman ≥ 0.8 trên 60 token có xuất hiện), và (b) tích vô hướng trung bình của e_w với
/// mọi embedding khác cũng tăng theo tần suất (ρ ≥ 0.8) — token thường gặp «gần» mọi thứ theo tích vô hướng — còn
/// cosine trung bình thì tương quan yếu hơn hẳn (thấp hơn ít nhất 0.3).
#[test]
fn claim_8_tied_projection_on_mean_tracks_frequency() {
    let run = small_zipf(Tying::Tied);
    let (_, e, _) = run.last().unwrap();
    let mu = frequency_weighted_mean(&run.counts, e).unwrap();
    let mu_hat = &mu / mu.dot(&mu).sqrt();
    let seen: Vec<usize> = (0..60).collect();
    let freq: Vec<f64> = seen.iter().map(|&w| run.counts[w] as f64).collect();
    let projection: Vec<f64> = seen.iter().map(|&w| e.row(w).dot(&mu_hat)).collect();
    let norms = row_norms(e);
    let (mut mean_dot, mut mean_cos) = (Vec::new(), Vec::new());
    for &w in &seen {
        let others = (0..e.nrows()).filter(|&j| j != w);
        let dots: Vec<f64> = others.map(|j| e.row(w).dot(&e.row(j))).collect();
        let n = dots.len() as f64;
        mean_dot.push(dots.iter().sum::<f64>() / n);
        let cos: f64 = (0..e.nrows())
            .filter(|&j| j != w)
            .map(|j| e.row(w).dot(&e.row(j)) / (norms[w] * norms[j]))
            .sum();
        mean_cos.push(cos / n);
    }
    let rho_proj = spearman(&freq, &projection).unwrap();
    let rho_dot = spearman(&freq, &mean_dot).unwrap();
    let rho_cos = spearman(&freq, &mean_cos).unwrap();
    println!(
        "ρ(f, e·μ̂) = {rho_proj}, ρ(f, tích vô hướng TB) = {rho_dot}, ρ(f, cosine TB) = {rho_cos}"
    );
    assert!(rho_proj >= 0.8, "{rho_proj}");
    assert!(rho_dot >= 0.8, "{rho_dot}");
    assert!(rho_dot - rho_cos >= 0.3, "{rho_dot} so với {rho_cos}");
}
