//! Chạy: `cargo run -p embedding-loss --example saddle_point`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("saddle_point")
}
