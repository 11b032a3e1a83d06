//! Chạy: `cargo run -p embedding-loss --example mle_counts`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("mle_counts")
}
