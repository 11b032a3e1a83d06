fn main() {
    for f in embedding_loss::figures::all() {
        let t = std::time::Instant::now();
        let svg = (f.render)().unwrap();
        std::fs::write(format!("/tmp/scratch/{}.svg", f.name), svg).unwrap();
        println!("{} {:?}", f.name, t.elapsed());
    }
}
