//! Chạy: `cargo run -p embedding-loss --example norm_frequency_sgns`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("norm_frequency_sgns")
}
