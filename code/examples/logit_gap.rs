//! Chạy: `cargo run -p embedding-loss --example logit_gap`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("logit_gap")
}
