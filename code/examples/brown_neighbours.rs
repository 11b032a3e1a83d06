//! Chạy: `cargo run -p embedding-loss --example brown_neighbours`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("brown_neighbours")
}
