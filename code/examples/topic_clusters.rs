//! Chạy: `cargo run -p embedding-loss --example topic_clusters`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("topic_clusters")
}
