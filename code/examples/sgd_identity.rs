//! Chạy: `cargo run -p embedding-loss --example sgd_identity`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("sgd_identity")
}
