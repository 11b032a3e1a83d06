//! Giao diện dòng lệnh của `sgns`: `sgns train …`, `sgns neighbours …` và `sgns eval …`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{ArgAction, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use sgns::corpus::read_corpus;
use sgns::train::{train_observed, Config, EpochStats, Observer};
use sgns::vectors::{format_text, neighbours, read_text, PendingFile};

mod eval_cmd;

const TEMPLATE: &str = "{about}\n\nCách dùng: {usage}\n\n{all-args}";

/// Huấn luyện vector từ bằng skip-gram với lấy mẫu âm (SGNS), như word2vec.
#[derive(Parser)]
#[command(name = "sgns", version, override_usage = "sgns <LỆNH> [TUỲ CHỌN]", help_template = TEMPLATE, disable_help_flag = true,
          disable_version_flag = true, disable_help_subcommand = true,
          subcommand_help_heading = "Lệnh", next_help_heading = "Tuỳ chọn")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// In trợ giúp
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// Huấn luyện trên một tệp văn bản UTF-8 (một câu mỗi dòng, từ cách nhau bởi khoảng trắng)
    #[command(help_template = TEMPLATE, next_help_heading = "Tuỳ chọn",
              override_usage = "sgns train --input <TỆP> --output <TỆP> [TUỲ CHỌN]")]
    Train {
        /// Tệp kho ngữ liệu đầu vào
        #[arg(short, long, value_name = "TỆP")]
        input: PathBuf,
        /// Tệp vector đầu ra (định dạng văn bản của word2vec)
        #[arg(short, long, value_name = "TỆP")]
        output: PathBuf,
        /// Số chiều d của vector (mặc định: 100)
        #[arg(
            value_name = "SỐ",
            long,
            default_value_t = 100,
            hide_default_value = true
        )]
        size: usize,
        /// Bán kính cửa sổ ngữ cảnh tối đa W (cửa sổ động) (mặc định: 5)
        #[arg(
            value_name = "SỐ",
            long,
            default_value_t = 5,
            hide_default_value = true
        )]
        window: usize,
        /// Số mẫu âm K mỗi cặp (mặc định: 5)
        #[arg(
            value_name = "SỐ",
            long,
            default_value_t = 5,
            hide_default_value = true
        )]
        negative: usize,
        /// Ngưỡng lấy mẫu con t (0 = tắt) (mặc định: 1e-3)
        #[arg(
            value_name = "SỐ",
            long,
            default_value_t = 1e-3,
            hide_default_value = true
        )]
        sample: f64,
        /// Bỏ các từ xuất hiện ít hơn số lần này (mặc định: 5)
        #[arg(
            value_name = "SỐ",
            long,
            default_value_t = 5,
            hide_default_value = true
        )]
        min_count: u64,
        /// Tốc độ học ban đầu (giảm tuyến tính) (mặc định: 0.025)
        #[arg(
            value_name = "SỐ",
            long,
            default_value_t = 0.025,
            hide_default_value = true
        )]
        alpha: f32,
        /// Số lượt qua kho ngữ liệu (mặc định: 1)
        #[arg(
            value_name = "SỐ",
            long,
            default_value_t = 1,
            hide_default_value = true
        )]
        epochs: usize,
        /// Số luồng (mặc định: 2)
        #[arg(
            value_name = "SỐ",
            long,
            default_value_t = 2,
            hide_default_value = true
        )]
        threads: usize,
        /// Hạt giống ngẫu nhiên (mặc định: 1)
        #[arg(
            value_name = "SỐ",
            long,
            default_value_t = 1,
            hide_default_value = true
        )]
        seed: u64,
        /// Không hiện thanh tiến độ
        #[arg(long)]
        quiet: bool,
    },
    /// Liệt kê các từ gần nhất (độ tương đồng cosine) với một từ
    #[command(help_template = TEMPLATE, next_help_heading = "Tuỳ chọn",
              override_usage = "sgns neighbours --vectors <TỆP> <TỪ>... [TUỲ CHỌN]")]
    Neighbours {
        /// Tệp vector (định dạng văn bản của word2vec)
        #[arg(short, long, value_name = "TỆP")]
        vectors: PathBuf,
        /// Các từ cần truy vấn
        #[arg(value_name = "TỪ", required = true)]
        words: Vec<String>,
        /// Số láng giềng (mặc định: 10)
        #[arg(
            value_name = "SỐ",
            long,
            default_value_t = 10,
            hide_default_value = true
        )]
        top: usize,
    },
    /// Đo chất lượng vector: Spearman ρ trên các bộ cặp từ tương đồng, độ phủ, độ bất đẳng hướng
    #[command(help_template = TEMPLATE, next_help_heading = "Tuỳ chọn",
              override_usage = "sgns eval --vectors <TỆP> [--pairs <TỆP>...] [TUỲ CHỌN]")]
    Eval(eval_cmd::EvalArgs),
}

fn run(cli: Cli) -> sgns::Result<()> {
    match cli.command {
        Command::Train {
            input,
            output,
            size,
            window,
            negative,
            sample,
            min_count,
            alpha,
            epochs,
            threads,
            seed,
            quiet,
        } => {
            // đường dẫn ra được kiểm (tạo tệp tạm cạnh nó) trước khi đọc kho và huấn luyện
            let pending = PendingFile::create(&output)?;
            let corpus = read_corpus(&input, min_count)?;
            let cfg = Config {
                dim: size,
                window,
                negative,
                sample,
                alpha,
                epochs,
                threads,
                seed,
            };
            eprintln!(
                "từ vựng: {} từ, {} token",
                corpus.vocab.len(),
                corpus.num_tokens()
            );
            let total = epochs.saturating_mul(corpus.num_tokens()) as u64;
            let pb = if quiet {
                ProgressBar::hidden()
            } else {
                ProgressBar::new(total)
            };
            pb.set_style(
                ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} token ({per_sec}, còn {eta}) {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            let start = Instant::now();
            let epoch_line = |e: EpochStats| {
                pb.suspend(|| {
                    eprintln!(
                        "lượt {}/{epochs}: mất mát trung bình {:.4}, α = {:.5}, {:.1} s",
                        e.epoch,
                        e.loss,
                        e.alpha,
                        start.elapsed().as_secs_f64()
                    )
                })
            };
            let observer = Observer {
                bar: Some(&pb),
                on_epoch: Some(&epoch_line),
            };
            let model = train_observed(&corpus, &cfg, &observer)?;
            pb.finish_and_clear();
            let secs = start.elapsed().as_secs_f64();
            eprintln!(
                "xong sau {secs:.2} s: {:.0} token/s (thời gian thực)",
                total as f64 / secs
            );
            pending.commit(format_text(&model.vocab.words, model.dim, &model.input).as_bytes())
        }
        Command::Neighbours {
            vectors,
            words,
            top,
        } => {
            let emb = read_text(&vectors)?;
            let mut text = String::new();
            for w in words {
                text.push_str(&format!("{w}:\n"));
                for (n, s) in neighbours(&emb, &w, top)? {
                    text.push_str(&format!("  {s:.4}  {n}\n"));
                }
            }
            // ống đóng sớm (ví dụ `| head`) không phải lỗi của người dùng: bỏ qua, không panic
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(())
        }
        Command::Eval(args) => eval_cmd::run(args),
    }
}

/// Lỗi dòng lệnh của clap, nói bằng tiếng Việt (clap chỉ có thông báo tiếng Anh).
fn clap_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    };
    let arg = ctx(ContextKind::InvalidArg);
    let mut msg = match e.kind() {
        ErrorKind::UnknownArgument => format!("đối số không mong đợi «{arg}»"),
        ErrorKind::InvalidSubcommand => {
            format!("không có lệnh «{}»", ctx(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => format!("thiếu đối số bắt buộc: {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "thiếu lệnh: dùng «sgns train» hoặc «sgns neighbours»".into()
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "giá trị «{}» không hợp lệ cho {arg}",
            ctx(ContextKind::InvalidValue)
        ),
        ErrorKind::NoEquals | ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("số giá trị không đúng cho {arg}")
        }
        ErrorKind::ArgumentConflict => format!("đối số {arg} xung đột"),
        _ => "dòng lệnh không hợp lệ".into(),
    };
    let suggested = ctx(ContextKind::SuggestedArg) + &ctx(ContextKind::SuggestedSubcommand);
    if !suggested.is_empty() {
        msg.push_str(&format!(" (ý bạn là «{suggested}»?)"));
    }
    let usage = ctx(ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    if !usage.is_empty() {
        msg.push_str(&format!("\nCách dùng: {usage}"));
    }
    msg.push_str("\nXem thêm: sgns --help");
    msg
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e)
            if matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            ) =>
        {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("lỗi: {}", clap_error(&e));
            return ExitCode::FAILURE;
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lỗi: {e}");
            ExitCode::FAILURE
        }
    }
}
