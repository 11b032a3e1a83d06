//! Chạy: `cargo run -p embedding-loss --example next_token_loss`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("next_token_loss")
}
