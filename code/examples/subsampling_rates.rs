//! Chạy: `cargo run -p embedding-loss --example subsampling_rates`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("subsampling_rates")
}
