//! Chạy: `cargo run -p embedding-loss --example cosine_correlation`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("cosine_correlation")
}
