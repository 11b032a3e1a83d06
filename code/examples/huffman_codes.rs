//! Chạy: `cargo run -p embedding-loss --example huffman_codes`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("huffman_codes")
}
