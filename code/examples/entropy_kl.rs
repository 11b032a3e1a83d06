//! Chạy: `cargo run -p embedding-loss --example entropy_kl`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("entropy_kl")
}
