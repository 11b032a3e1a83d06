//! Chạy: `cargo run -p embedding-loss --example embedding_memory`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("embedding_memory")
}
