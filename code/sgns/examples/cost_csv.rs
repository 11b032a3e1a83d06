//! Đo chi phí một bước (softmax đầy đủ, lấy mẫu âm K ∈ {5, 15}, softmax phân cấp, softmax lấy mẫu S = 64)
//! và ghi CSV cho hình của chương 4.
//! Chạy: `cargo run --release -p sgns --example cost_csv > code/data/cost_benchmark.csv`
//! (phép đo chuẩn bằng divan: `cargo bench -p sgns --bench step_cost`).

use std::hint::black_box;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use embedding_loss::hierarchical_softmax::huffman_tree;
use embedding_loss::negative_sampling::NoiseSampler;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sgns::cost::{hs_step, sampled_softmax_step, sgns_step, softmax_step};

const D: usize = 100;
const VOCABS: [usize; 7] = [1_000, 2_000, 5_000, 10_000, 20_000, 35_000, 50_257];
const BATCHES: usize = 21;
/// Cỡ mẫu S của softmax lấy mẫu.
const SAMPLED: usize = 64;

/// Trung vị thời gian một lần gọi `step` (µs): 21 lô, mỗi lô đủ dài ~20 ms.
fn median_us(mut step: impl FnMut()) -> f64 {
    let t = Instant::now();
    step();
    let once = t.elapsed().as_secs_f64().max(1e-8);
    let reps = ((0.02 / once) as usize).clamp(1, 1_000_000);
    let mut times: Vec<f64> = (0..BATCHES)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..reps {
                step();
            }
            t.elapsed().as_secs_f64() / reps as f64 * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[BATCHES / 2]
}

/// Ngày UTC (YYYY-MM-DD) từ số giây Unix, thuật toán «civil from days» của H. Hinnant.
fn utc_date(secs: u64) -> String {
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn main() {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "không rõ".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().next().unwrap_or("?").to_owned())
        .unwrap_or_else(|_| "?".into());
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    println!(
        "# máy: {cpu}, {cores} lõi, tải trung bình 1 phút {load}; ngày đo (UTC): {}; d = {D}; một luồng; trung vị {BATCHES} lô",
        utc_date(secs)
    );
    println!(
        "# lệnh: cargo run --release -p sgns --example cost_csv > code/data/cost_benchmark.csv"
    );
    println!("method,vocab,k,dim,median_us");
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    for &v in &VOCABS {
        let mut output: Vec<f32> = (0..v * D).map(|_| rng.random_range(-0.05..0.05)).collect();
        let mut input = vec![0.01f32; D];
        let (mut logits, mut grad) = (vec![0.0f32; v], vec![0.0f32; D]);
        let us = median_us(|| {
            softmax_step(
                black_box(&mut input),
                &mut output,
                7,
                1e-3,
                &mut logits,
                &mut grad,
            )
        });
        println!("softmax,{v},0,{D},{us:.4}");
        let counts: Vec<u64> = (1..=v as u64).map(|r| 1_000_000 / r + 1).collect();
        let sampler = NoiseSampler::new(&counts, 0.75).expect("phân phối nhiễu hợp lệ");
        for k in [5usize, 15] {
            let mut negs = vec![0usize; k];
            let us = median_us(|| {
                for n in negs.iter_mut() {
                    *n = sampler.sample(&mut rng);
                }
                sgns_step(
                    black_box(&mut input),
                    &mut output,
                    7,
                    &negs,
                    1e-3,
                    &mut grad,
                )
            });
            println!("sgns,{v},{k},{D},{us:.4}");
        }
        // softmax phân cấp: từ đích rút theo unigram, nên độ dài đường đi trung bình là L̄ (4.13)
        let tree = huffman_tree(&counts).expect("cây Huffman hợp lệ");
        let unigram = NoiseSampler::new(&counts, 1.0).expect("unigram hợp lệ");
        let mut inner = output[..(v - 1) * D].to_vec();
        let us = median_us(|| {
            let (path, code) = tree
                .path(unigram.sample(&mut rng))
                .expect("từ trong từ vựng");
            hs_step(
                black_box(&mut input),
                &mut inner,
                path,
                code,
                1e-3,
                &mut grad,
            )
        });
        println!("hs,{v},0,{D},{us:.4}");
        // softmax lấy mẫu: S mẫu theo unigram^(3/4), hiệu chỉnh log(S·Q(j))
        let total: f64 = counts.iter().map(|&c| (c as f64).powf(0.75)).sum();
        let log_sq: Vec<f32> = counts
            .iter()
            .map(|&c| (SAMPLED as f64 * (c as f64).powf(0.75) / total).ln() as f32)
            .collect();
        let mut cands = vec![7usize; SAMPLED + 1];
        let mut logits = vec![0.0f32; SAMPLED + 1];
        let us = median_us(|| {
            for n in cands[1..].iter_mut() {
                *n = sampler.sample(&mut rng);
            }
            sampled_softmax_step(
                black_box(&mut input),
                &mut output,
                &cands,
                &log_sq,
                1e-3,
                &mut logits,
                &mut grad,
            )
        });
        println!("sampled,{v},{SAMPLED},{D},{us:.4}");
    }
}
