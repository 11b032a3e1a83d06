//! Trợ giúp chung cho các kiểm thử tích hợp của `sgns`.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// 1 500 câu × 8 từ; mỗi câu chỉ dùng từ của một chủ đề (a0…a9 hoặc b0…b9).
pub fn two_topic_text(seed: u64) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut text = String::new();
    for _ in 0..1_500 {
        let topic = if rng.random::<bool>() { 'a' } else { 'b' };
        let words: Vec<String> = (0..8)
            .map(|_| format!("{topic}{}", rng.random_range(0..10)))
            .collect();
        text.push_str(&words.join(" "));
        text.push('\n');
    }
    text
}
