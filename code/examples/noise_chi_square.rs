//! Chạy: `cargo run -p embedding-loss --example noise_chi_square`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("noise_chi_square")
}
