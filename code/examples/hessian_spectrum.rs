//! Chạy: `cargo run -p embedding-loss --example hessian_spectrum`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("hessian_spectrum")
}
