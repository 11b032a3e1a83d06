//! Chạy: `cargo run -p embedding-loss --example gradient_routes`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("gradient_routes")
}
