//! Chạy: `cargo run -p embedding-loss --example float_precision`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("float_precision")
}
