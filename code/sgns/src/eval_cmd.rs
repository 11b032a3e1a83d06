//! Lệnh `sgns eval`: Spearman ρ trên các bộ cặp từ tương đồng (kèm độ phủ) và độ bất đẳng hướng.

use std::io::Write as _;
use std::path::PathBuf;

use clap::Args;
use sgns::eval::{anisotropy, evaluate, read_pairs};
use sgns::vectors::read_text;

/// Tham số của `sgns eval`.
#[derive(Args)]
pub struct EvalArgs {
    /// Tệp vector (định dạng văn bản của word2vec)
    #[arg(short, long, value_name = "TỆP")]
    vectors: PathBuf,
    /// Các tệp cặp từ «từ1 từ2 điểm» (mặc định: target/similarity/wordsim353.tsv và simlex999.txt,
    /// tải bằng ./scripts/fetch-similarity.sh)
    #[arg(long = "pairs", num_args = 1.., value_name = "TỆP")]
    pairs: Vec<PathBuf>,
    /// Số cặp từ ngẫu nhiên để đo độ bất đẳng hướng (mặc định: 100000)
    #[arg(
        long,
        value_name = "SỐ",
        default_value_t = 100_000,
        hide_default_value = true
    )]
    samples: usize,
}

/// Chạy `sgns eval`.
pub fn run(args: EvalArgs) -> sgns::Result<()> {
    let files = if args.pairs.is_empty() {
        let dir = PathBuf::from("target/similarity");
        vec![dir.join("wordsim353.tsv"), dir.join("simlex999.txt")]
    } else {
        args.pairs
    };
    // đọc mọi tệp cặp trước: thiếu tệp thì báo ngay, trước khi nạp tệp vector lớn
    let sets = files
        .iter()
        .map(|f| read_pairs(f).map(|p| (f, p)))
        .collect::<sgns::Result<Vec<_>>>()?;
    let emb = read_text(&args.vectors)?;
    let mut text = String::new();
    for (file, pairs) in sets {
        let r = evaluate(&emb, file, &pairs)?;
        let name = file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        text.push_str(&format!(
            "{name}: ρ = {:.4} (Spearman), {}/{} cặp có trong từ vựng ({:.1}%)\n",
            r.rho,
            r.found,
            r.total,
            100.0 * r.found as f64 / r.total as f64
        ));
    }
    let (mean, sd) = anisotropy(&emb, args.samples, 1)?;
    text.push_str(&format!(
        "bất đẳng hướng: cosine của {} cặp từ ngẫu nhiên: trung bình {mean:.4}, độ lệch chuẩn {sd:.4} (đẳng hướng: ≈ 0 và ≈ {:.4})\n",
        args.samples,
        1.0 / (emb.dim as f64).sqrt()
    ));
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(())
}
