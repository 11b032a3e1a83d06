//! Thí nghiệm Zipf của chương 8: mô hình bigram softmax đầy đủ trên dòng token Zipf, có thêm `unseen`
//! token không bao giờ xuất hiện — đo chuẩn theo tần suất và hướng trôi của embedding; thêm biến thể
//! lấy mẫu âm (chương 4) trên cùng dòng token.

use std::sync::OnceLock;

use ndarray::{Array1, Array2, ArrayView1};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::corpus::{bigram_pairs, counts, zipf_stream};
use crate::dynamics::{row_norms, spearman, train, SoftmaxModel, TrainSpec, Tying};
use crate::error::{Error, Result};
use crate::geometry::cosine;
use crate::negative_sampling::{sgns_gradients, sgns_loss, NoiseSampler};

use super::{book_marks, BOOK_ZIPF};

/// Độ lệch chuẩn của khởi tạo N(0, σ²) trong thí nghiệm Zipf và thí nghiệm chủ đề.
pub const INIT_SCALE: f64 = 0.1;

// ANCHOR: zipf_setup
/// Cấu hình thí nghiệm Zipf.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZipfSetup {
    /// Số token có xuất hiện (hạng Zipf `0..seen`).
    pub seen: usize,
    /// Số token thêm vào từ vựng nhưng không bao giờ xuất hiện (id `seen..seen+unseen`).
    pub unseen: usize,
    /// Số mũ Zipf s.
    pub exponent: f64,
    /// Độ dài dòng token.
    pub tokens: usize,
    /// Số chiều d.
    pub dim: usize,
    /// Cấu hình SGD.
    pub train: TrainSpec,
    /// Hạt giống của kho ngữ liệu và của khởi tạo.
    pub seed: u64,
}
// ANCHOR_END: zipf_setup

/// Kết quả một lần chạy: đếm tần suất, E ban đầu, E ở các mốc, mất mát từng bước.
#[derive(Debug, Clone)]
pub struct Run {
    /// Số lần xuất hiện của mỗi token trong kho ngữ liệu.
    pub counts: Vec<usize>,
    /// Ma trận E lúc khởi tạo.
    pub initial: Array2<f64>,
    /// `(bước, E, O)` ở các mốc đã yêu cầu (trước khi thực hiện bước đó; mốc `steps` là cuối cùng).
    pub snapshots: Vec<(usize, Array2<f64>, Array2<f64>)>,
    /// Mất mát trung bình của từng batch.
    pub losses: Vec<f64>,
}

impl Run {
    /// Mô hình (E, O) ở mốc cuối cùng.
    pub fn last(&self) -> Result<&(usize, Array2<f64>, Array2<f64>)> {
        self.snapshots.last().ok_or(Error::Empty("danh sách mốc"))
    }
}

pub(super) fn run_pairs(
    mut model: SoftmaxModel,
    pairs: &[(usize, usize)],
    cnt: Vec<usize>,
    spec: &TrainSpec,
    checkpoints: &[usize],
) -> Result<Run> {
    let initial = model.input.clone();
    let mut snapshots = Vec::new();
    let losses = train(&mut model, pairs, spec, |t, m, _| {
        if checkpoints.contains(&t) {
            snapshots.push((t, m.input.clone(), m.output_matrix().clone()));
        }
    })?;
    if checkpoints.contains(&spec.steps) {
        snapshots.push((
            spec.steps,
            model.input.clone(),
            model.output_matrix().clone(),
        ));
    }
    Ok(Run {
        counts: cnt,
        initial,
        snapshots,
        losses,
    })
}

/// Chạy thí nghiệm Zipf với biến thể `tying`, lưu E ở các mốc `checkpoints`.
pub fn run_zipf(setup: &ZipfSetup, tying: Tying, checkpoints: &[usize]) -> Result<Run> {
    let stream = zipf_stream(setup.seen, setup.tokens, setup.exponent, setup.seed)?;
    let vocab = setup.seen + setup.unseen;
    let cnt = counts(&stream, vocab)?;
    let pairs = bigram_pairs(&stream);
    let model = SoftmaxModel::new(vocab, setup.dim, tying, INIT_SCALE, setup.seed + 1)?;
    run_pairs(model, &pairs, cnt, &setup.train, checkpoints)
}

// ANCHOR: run_zipf_sgns
/// Biến thể thứ ba của thí nghiệm Zipf: cùng dòng token, cùng cặp (w, c), cùng khởi tạo (E, O) như mô hình
/// không chia sẻ, nhưng huấn luyện bằng mất mát lấy mẫu âm (4.2) với `negatives` mẫu rút từ `P_n ∝ count^{3/4}`
/// (4.6) và gradient (4.5). Mỗi bước: một batch cặp, SGD với tốc độ `lr` trên gradient trung bình.
pub fn run_zipf_sgns(setup: &ZipfSetup, negatives: usize, checkpoints: &[usize]) -> Result<Run> {
    let stream = zipf_stream(setup.seen, setup.tokens, setup.exponent, setup.seed)?;
    let vocab = setup.seen + setup.unseen;
    let cnt = counts(&stream, vocab)?;
    let pairs = bigram_pairs(&stream);
    let init = SoftmaxModel::new(vocab, setup.dim, Tying::Untied, INIT_SCALE, setup.seed + 1)?;
    let (mut e, mut o) = (init.input.clone(), init.output_matrix().clone());
    let counts_u64: Vec<u64> = cnt.iter().map(|&c| c as u64).collect();
    let noise = NoiseSampler::new(&counts_u64, 0.75)?;
    let spec = &setup.train;
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let (mut snapshots, mut losses) = (Vec::new(), Vec::with_capacity(spec.steps));
    for t in 0..=spec.steps {
        if checkpoints.contains(&t) {
            snapshots.push((t, e.clone(), o.clone()));
        }
        if t == spec.steps {
            break;
        }
        let mut ge = Array2::<f64>::zeros(e.raw_dim());
        let mut go = Array2::<f64>::zeros(o.raw_dim());
        let mut loss = 0.0;
        for _ in 0..spec.batch {
            let (w, c) = pairs[rng.random_range(0..pairs.len())];
            let ids: Vec<usize> = (0..negatives).map(|_| noise.sample(&mut rng)).collect();
            let negs: Vec<Vec<f64>> = ids.iter().map(|&n| o.row(n).to_vec()).collect();
            let neg_refs: Vec<&[f64]> = negs.iter().map(Vec::as_slice).collect();
            let (vw, uc) = (e.row(w).to_vec(), o.row(c).to_vec());
            loss += sgns_loss(&vw, &uc, &neg_refs)?;
            let g = sgns_gradients(&vw, &uc, &neg_refs)?;
            ge.row_mut(w).scaled_add(1.0, &ArrayView1::from(&g.center));
            go.row_mut(c).scaled_add(1.0, &ArrayView1::from(&g.context));
            for (&n, gn) in ids.iter().zip(&g.negatives) {
                go.row_mut(n).scaled_add(1.0, &ArrayView1::from(gn));
            }
        }
        let scale = spec.lr / spec.batch as f64;
        e.scaled_add(-scale, &ge);
        o.scaled_add(-scale, &go);
        losses.push(loss / spec.batch as f64);
    }
    Ok(Run {
        counts: cnt,
        initial: init.input.clone(),
        snapshots,
        losses,
    })
}
// ANCHOR_END: run_zipf_sgns

/// Tương quan hạng Spearman giữa tần suất và chuẩn ‖e_w‖, trên các token có xuất hiện.
pub fn norm_frequency_spearman(counts: &[usize], e: &Array2<f64>) -> Result<f64> {
    let seen: Vec<usize> = (0..counts.len()).filter(|&w| counts[w] > 0).collect();
    let freq: Vec<f64> = seen.iter().map(|&w| counts[w] as f64).collect();
    let norms = row_norms(e);
    let n: Vec<f64> = seen.iter().map(|&w| norms[w]).collect();
    spearman(&freq, &n)
}

/// Trung bình có trọng số tần suất của các embedding: `μ = Σ_w f_w e_w / Σ_w f_w`.
pub fn frequency_weighted_mean(counts: &[usize], e: &Array2<f64>) -> Result<Array1<f64>> {
    let total: usize = counts.iter().sum();
    if total == 0 {
        return Err(Error::Empty("kho ngữ liệu"));
    }
    let mut mu = Array1::zeros(e.ncols());
    for (w, &c) in counts.iter().enumerate() {
        mu.scaled_add(c as f64 / total as f64, &e.row(w));
    }
    Ok(mu)
}

/// Cosine trung bình giữa độ dời `e_w(T) − e_w(0)` của các token `group` và hướng `direction`;
/// `None` nếu không token nào trong nhóm di chuyển.
pub fn mean_drift_cosine(
    initial: &Array2<f64>,
    last: &Array2<f64>,
    group: &[usize],
    direction: &Array1<f64>,
) -> Result<Option<f64>> {
    let dir = direction.to_vec();
    let mut sum = 0.0;
    let mut n = 0;
    for &w in group {
        let d = (&last.row(w) - &initial.row(w)).to_vec();
        if d.iter().any(|&x| x != 0.0) {
            sum += cosine(&d, &dir)?;
            n += 1;
        }
    }
    Ok((n > 0).then(|| sum / n as f64))
}

/// Độ dời tương đối mỗi bước, trung bình trên nhóm: `(1/|G|) Σ_w ‖e_w(t₂) − e_w(t₁)‖ / ((t₂ − t₁) ‖e_w(t₁)‖)`.
pub fn relative_step(
    a: (usize, &Array2<f64>),
    b: (usize, &Array2<f64>),
    group: &[usize],
) -> Result<f64> {
    if b.0 <= a.0 || group.is_empty() {
        return Err(Error::InvalidParameter {
            what: "khoảng mốc hoặc nhóm token",
            reason: format!("cần t₂ > t₁ và nhóm khác rỗng, nhận {}..{}", a.0, b.0),
        });
    }
    let steps = (b.0 - a.0) as f64;
    let total: f64 = group
        .iter()
        .map(|&w| {
            let d = &b.1.row(w) - &a.1.row(w);
            d.dot(&d).sqrt() / (steps * a.1.row(w).dot(&a.1.row(w)).sqrt())
        })
        .sum();
    Ok(total / group.len() as f64)
}

/// Số mẫu âm K của biến thể lấy mẫu âm cỡ sách.
pub const BOOK_SGNS_NEGATIVES: usize = 5;

/// Thí nghiệm Zipf cỡ sách ([`BOOK_ZIPF`]) với biến thể `tying`, E lưu mỗi 100 bước; chạy một lần mỗi
/// tiến trình rồi dùng lại cho mọi hình và chương trình.
pub fn book_zipf(tying: Tying) -> Result<&'static Run> {
    static TIED: OnceLock<Result<Run>> = OnceLock::new();
    static UNTIED: OnceLock<Result<Run>> = OnceLock::new();
    let cell = match tying {
        Tying::Tied => &TIED,
        Tying::Untied => &UNTIED,
    };
    cell.get_or_init(|| run_zipf(&BOOK_ZIPF, tying, &book_marks(BOOK_ZIPF.train.steps)))
        .as_ref()
        .map_err(Clone::clone)
}

/// Biến thể lấy mẫu âm cỡ sách ([`run_zipf_sgns`] với K = [`BOOK_SGNS_NEGATIVES`]), E lưu mỗi 100 bước;
/// chạy một lần mỗi tiến trình.
pub fn book_zipf_sgns() -> Result<&'static Run> {
    static RUN: OnceLock<Result<Run>> = OnceLock::new();
    RUN.get_or_init(|| {
        run_zipf_sgns(
            &BOOK_ZIPF,
            BOOK_SGNS_NEGATIVES,
            &book_marks(BOOK_ZIPF.train.steps),
        )
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// Số token trong nhóm «thường gặp nhất» và nhóm «hiếm nhất» của thí nghiệm chuẩn–tần suất.
pub const TOP_GROUP: usize = 10;
/// Số token hiếm nhất (trong số token có xuất hiện) được theo dõi riêng.
pub const RARE_GROUP: usize = 40;

/// Các con số của thí nghiệm chuẩn–tần suất trên một lần chạy, đo ở mọi mốc của lần chạy.
#[derive(Debug, Clone, PartialEq)]
pub struct NormFrequency {
    /// Bước của mỗi mốc.
    pub steps: Vec<usize>,
    /// ρ Spearman(tần suất, ‖e_w‖) ở mỗi mốc.
    pub rho: Vec<f64>,
    /// Chuẩn trung bình của [`TOP_GROUP`] token thường gặp nhất ở mỗi mốc.
    pub top: Vec<f64>,
    /// Mất mát trung bình của 50 batch đầu và 50 batch cuối.
    pub loss: (f64, f64),
    /// Chuẩn trung bình ở mốc cuối của [`RARE_GROUP`] token hiếm nhất.
    pub rare_norm: f64,
    /// Chuẩn trung bình ở mốc cuối của các token không xuất hiện.
    pub unseen_norm: f64,
    /// Chuẩn trung bình lúc khởi tạo của các token không xuất hiện.
    pub unseen_norm0: f64,
    /// cos(độ dời, −μ) của các token không xuất hiện (`None`: không token nào dời).
    pub unseen_cos: Option<f64>,
    /// cos(độ dời, −μ) của [`RARE_GROUP`] token hiếm nhất.
    pub rare_cos: Option<f64>,
    /// Độ dời lớn nhất của một toạ độ của token không xuất hiện so với khởi tạo.
    pub unseen_moved: f64,
}

impl NormFrequency {
    /// Chỉ số mốc có ρ lớn nhất (mốc đầu tiên nếu bằng nhau).
    pub fn rho_peak(&self) -> usize {
        argmax(&self.rho)
    }

    /// Chỉ số mốc có chuẩn trung bình của nhóm thường gặp lớn nhất.
    pub fn top_peak(&self) -> usize {
        argmax(&self.top)
    }
}

fn argmax(v: &[f64]) -> usize {
    (0..v.len()).fold(0, |b, i| if v[i] > v[b] { i } else { b })
}

/// Đo thí nghiệm chuẩn–tần suất trên `run`: `seen` token đầu là token có xuất hiện (hạng Zipf), phần còn
/// lại không bao giờ xuất hiện; μ là trung bình có trọng số tần suất của E ở mốc cuối.
pub fn measure_norm_frequency(run: &Run, seen: usize) -> Result<NormFrequency> {
    let vocab = run.counts.len();
    if seen < TOP_GROUP.max(RARE_GROUP) || seen >= vocab {
        return Err(Error::InvalidParameter {
            what: "số token có xuất hiện",
            reason: format!("cần {RARE_GROUP} ≤ seen < V = {vocab}, nhận {seen}"),
        });
    }
    let mean = |norms: &[f64], group: std::ops::Range<usize>| {
        let n = group.len() as f64;
        group.map(|w| norms[w]).sum::<f64>() / n
    };
    let (top, rare, unseen) = (0..TOP_GROUP, seen - RARE_GROUP..seen, seen..vocab);
    let mut rho = Vec::with_capacity(run.snapshots.len());
    let mut top_norm = Vec::with_capacity(run.snapshots.len());
    for (_, e, _) in &run.snapshots {
        rho.push(norm_frequency_spearman(&run.counts, e)?);
        top_norm.push(mean(&row_norms(e), top.clone()));
    }
    let (_, e, _) = run.last()?;
    let mu = frequency_weighted_mean(&run.counts, e)?;
    let drift = |group: std::ops::Range<usize>| {
        let group: Vec<usize> = group.collect();
        mean_drift_cosine(&run.initial, e, &group, &(-&mu))
    };
    let k = 50.min(run.losses.len());
    let avg = |s: &[f64]| s.iter().sum::<f64>() / s.len() as f64;
    let norms = row_norms(e);
    let unseen_moved = unseen
        .clone()
        .flat_map(|w| {
            e.row(w)
                .iter()
                .zip(run.initial.row(w))
                .map(|(a, b)| (a - b).abs())
                .collect::<Vec<_>>()
        })
        .fold(0.0, f64::max);
    Ok(NormFrequency {
        steps: run.snapshots.iter().map(|s| s.0).collect(),
        rho,
        top: top_norm,
        loss: (
            avg(&run.losses[..k]),
            avg(&run.losses[run.losses.len() - k..]),
        ),
        rare_norm: mean(&norms, rare.clone()),
        unseen_norm: mean(&norms, unseen.clone()),
        unseen_norm0: mean(&row_norms(&run.initial), unseen.clone()),
        unseen_cos: drift(unseen)?,
        rare_cos: drift(rare)?,
        unseen_moved,
    })
}
