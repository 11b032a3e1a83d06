//! Chạy: `cargo run -p embedding-loss --example softmax_overflow`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("softmax_overflow")
}
