//! Chạy: `cargo run -p embedding-loss --example embedding_lookup`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("embedding_lookup")
}
