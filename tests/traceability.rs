//! Truy vết công thức ↔ kiểm thử, kiểm cả hai chiều (xem STYLE.md, mục 2).

use book_tools::repo_root;
use book_tools::trace::{book_equations, book_tests, equations_in, tests_in, violations};

/// Sách thật: mọi công thức có `\tag`, mọi tag có kiểm thử `eq_c_n_…`, mọi kiểm thử chỉ tới tag có thật.
#[test]
fn every_equation_has_a_test_and_every_test_an_equation() {
    let root = repo_root();
    let equations = book_equations(&root).unwrap();
    let tests = book_tests(&root).unwrap();
    assert!(
        equations.iter().filter(|e| e.tag.is_some()).count() >= 10,
        "quá ít công thức: bộ đọc hỏng?"
    );
    assert!(tests.len() >= 10, "quá ít kiểm thử: bộ đọc hỏng?");
    let problems = violations(&equations, &tests);
    assert!(
        problems.is_empty(),
        "truy vết chưa đạt:\n  {}",
        problems.join("\n  ")
    );
}

const CHAPTER: &str = "# x\n\n$$\na = b \\tag{2.1}\n$$\n\n```text\n$$ không phải công thức $$\n```\n\n$$ c = d \\tag{2.2} $$\n";
const TESTS: &str = "/// kiểm a\n#[test]\nfn eq_2_1_a() {\n    assert!(true);\n}\n\n/// kiểm c\n#[test]\nfn eq_2_2_c() {}\n";

/// Bộ kiểm truy vết tự nó phải bắt được lỗi: công thức thiếu kiểm thử (như khi xoá một kiểm thử).
#[test]
fn detects_deleted_test() {
    let eqs = equations_in("02-x.md", CHAPTER);
    assert_eq!(eqs.len(), 2, "khối mã rào không được tính là công thức");
    let tests = tests_in(
        "code/tests/x.rs",
        &TESTS.replace("fn eq_2_2_c", "fn helper_c"),
    )
    .unwrap();
    let problems = violations(&eqs, &tests);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("(2.2) chưa có kiểm thử")),
        "{problems:?}"
    );
    assert!(violations(&eqs, &tests_in("code/tests/x.rs", TESTS).unwrap()).is_empty());
}

/// … một `\tag` mới chưa có kiểm thử, một công thức không có `\tag`, và một kiểm thử chỉ tới công thức không tồn tại.
#[test]
fn detects_untested_tag_untagged_equation_and_orphan_test() {
    let tests = tests_in("code/tests/x.rs", TESTS).unwrap();
    let extra = format!("{CHAPTER}\n$$ e = f \\tag{{2.3}} $$\n\n$$ g = h $$\n");
    let problems = violations(&equations_in("02-x.md", &extra), &tests);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("(2.3) chưa có kiểm thử")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("không có \\tag")),
        "{problems:?}"
    );
    let orphan = format!("{TESTS}\n/// mồ côi\n#[test]\nfn eq_2_9_orphan() {{}}\n");
    let problems = violations(
        &equations_in("02-x.md", CHAPTER),
        &tests_in("t.rs", &orphan).unwrap(),
    );
    assert!(
        problems.iter().any(|p| p.contains("(2.9) không tồn tại")),
        "{problems:?}"
    );
}

/// … kiểm thử thiếu `#[test]` hoặc thiếu dòng `///`, và tag trùng hay nhảy số.
#[test]
fn detects_missing_doc_missing_attribute_and_bad_numbering() {
    let eqs = equations_in("02-x.md", CHAPTER);
    let bare = "#[test]\nfn eq_2_1_a() {}\n/// có doc\nfn eq_2_2_c() {}\n";
    let problems = violations(&eqs, &tests_in("t.rs", bare).unwrap());
    assert!(
        problems.iter().any(|p| p.contains("thiếu dòng ///")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("thiếu #[test]")),
        "{problems:?}"
    );
    let gap = CHAPTER.replace("\\tag{2.2}", "\\tag{2.4}");
    let problems = violations(
        &equations_in("02-x.md", &gap),
        &tests_in("t.rs", TESTS).unwrap(),
    );
    assert!(
        problems.iter().any(|p| p.contains("liên tục")),
        "{problems:?}"
    );
}

/// Bộ tách kiểm thử đọc từ tố, không đếm ngoặc: tìm được kiểm thử trong thân `proptest! { … }`, và dấu `}` trong
/// chuỗi hay chú thích không cắt cụt mã nguồn mà bảng kiểm chứng trích.
#[test]
fn finds_tests_inside_macros_with_exact_spans() {
    let text = "proptest! {\n    /// kiểm a\n    /// (hai dòng)\n    #[test]\n    fn eq_2_1_a(x in -1.0..1.0f64) {\n        prop_assert!(x.abs() <= 1.0, \"}}\"); // }\n    }\n}\n\n#[test]\nfn helper() {}\n";
    let tests = tests_in("t.rs", text).unwrap();
    assert_eq!(tests.len(), 1, "{tests:?}");
    let t = &tests[0];
    assert_eq!((t.name.as_str(), t.tag, t.line), ("eq_2_1_a", (2, 1), 5));
    assert_eq!(t.doc, "kiểm a (hai dòng)");
    assert!(t.is_test && !t.is_claim);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(t.source, lines[1..7].join("\n"));
}
