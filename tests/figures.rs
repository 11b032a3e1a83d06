//! Mọi hình của sách: vẽ được, là SVG hợp lệ, không chứa NaN, và tất định (hai lần vẽ giống nhau từng byte).

use embedding_loss::figures;

#[test]
fn figures_render_deterministically() {
    let all = figures::all();
    assert!(!all.is_empty());
    let mut names: Vec<&str> = all.iter().map(|f| f.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all.len(), "tên hình bị trùng");
    for fig in &all {
        let a = (fig.render)().unwrap_or_else(|e| panic!("hình {}: {e}", fig.name));
        let b = (fig.render)().unwrap();
        assert_eq!(a, b, "hình {} không tất định", fig.name);
        assert!(
            a.contains("<svg") && a.trim_end().ends_with("</svg>"),
            "hình {} không phải SVG",
            fig.name
        );
        assert!(
            !a.contains("NaN") && !a.contains("inf"),
            "hình {} có NaN/inf",
            fig.name
        );
        assert!(
            !fig.caption.contains('$'),
            "chú thích hình {} không được chứa công thức",
            fig.name
        );
    }
}

/// Mọi chương trình minh hoạ chạy được và có ví dụ `cargo run --example` cùng tên.
#[test]
fn programs_run_and_have_examples() {
    let root = book_tools::repo_root();
    for p in embedding_loss::programs::all() {
        let out = (p.run)().unwrap_or_else(|e| panic!("chương trình {}: {e}", p.name));
        assert!(!out.text.is_empty(), "chương trình {} không in gì", p.name);
        let example = root.join("code/examples").join(format!("{}.rs", p.name));
        assert!(example.exists(), "thiếu {}", example.display());
    }
}
