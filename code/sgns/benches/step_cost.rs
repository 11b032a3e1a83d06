//! Chi phí một bước huấn luyện: softmax đầy đủ trên V từ so với lấy mẫu âm K ∈ {5, 15}.
//! Chạy: `cargo bench -p sgns --bench step_cost` (divan). Bảng CSV cho sách: `cargo run --release -p sgns --example cost_csv`.

use divan::Bencher;
use embedding_loss::negative_sampling::NoiseSampler;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sgns::cost::{sgns_step, softmax_step};

const D: usize = 100;
const VOCABS: [usize; 5] = [1_000, 3_162, 10_000, 31_623, 50_257];

fn main() {
    divan::main();
}

fn matrix(v: usize) -> Vec<f32> {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    (0..v * D).map(|_| rng.random_range(-0.05..0.05)).collect()
}

#[divan::bench(args = VOCABS)]
fn softmax_full(bencher: Bencher, v: usize) {
    let mut output = matrix(v);
    let mut input = vec![0.01f32; D];
    let (mut logits, mut grad) = (vec![0.0f32; v], vec![0.0f32; D]);
    bencher.bench_local(|| softmax_step(&mut input, &mut output, 7, 1e-3, &mut logits, &mut grad));
}

fn negative_sampling(bencher: Bencher, v: usize, k: usize) {
    let mut output = matrix(v);
    let mut input = vec![0.01f32; D];
    let counts: Vec<u64> = (1..=v as u64).map(|r| 1_000_000 / r + 1).collect();
    let sampler = NoiseSampler::new(&counts, 0.75).expect("phân phối nhiễu hợp lệ");
    let mut rng = ChaCha8Rng::seed_from_u64(2);
    let (mut negs, mut grad) = (vec![0usize; k], vec![0.0f32; D]);
    bencher.bench_local(|| {
        for n in negs.iter_mut() {
            *n = sampler.sample(&mut rng);
        }
        sgns_step(&mut input, &mut output, 7, &negs, 1e-3, &mut grad)
    });
}

#[divan::bench(args = VOCABS)]
fn sgns_k5(bencher: Bencher, v: usize) {
    negative_sampling(bencher, v, 5);
}

#[divan::bench(args = VOCABS)]
fn sgns_k15(bencher: Bencher, v: usize) {
    negative_sampling(bencher, v, 15);
}
