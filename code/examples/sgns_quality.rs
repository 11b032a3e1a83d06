//! Chạy: `cargo run -p embedding-loss --example sgns_quality`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("sgns_quality")
}
