//! Chạy: `cargo run -p embedding-loss --example cost_slopes`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("cost_slopes")
}
