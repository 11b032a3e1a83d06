//! Chạy: `cargo run -p embedding-loss --example sampled_softmax_bias`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("sampled_softmax_bias")
}
