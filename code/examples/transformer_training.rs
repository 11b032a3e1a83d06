//! Chạy: `cargo run -p embedding-loss --example transformer_training`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("transformer_training")
}
