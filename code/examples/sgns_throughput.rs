//! Chạy: `cargo run -p embedding-loss --example sgns_throughput`
fn main() -> std::process::ExitCode {
    embedding_loss::programs::main("sgns_throughput")
}
