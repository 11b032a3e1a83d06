//! Chạy: `cargo run -p embedding-loss --example pmi_recovery`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("pmi_recovery")
}
