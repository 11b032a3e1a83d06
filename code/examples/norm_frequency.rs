//! Chạy: `cargo run -p embedding-loss --example norm_frequency`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("norm_frequency")
}
