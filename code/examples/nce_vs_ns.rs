//! Chạy: `cargo run -p embedding-loss --example nce_vs_ns`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("nce_vs_ns")
}
