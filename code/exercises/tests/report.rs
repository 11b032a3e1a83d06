//! Báo cáo của `cargo baitap`: một dòng mỗi bài, gợi ý của bài đầu tiên chưa đạt, tiến độ, không vết ngăn xếp.

use exercises::report::{check_all, render, status_of, Outcome, Status};

/// Trên lời giải tham khảo (không bật `reader`), mọi bài đạt và tiến độ là N/N.
#[test]
fn solutions_report_all_passed() {
    if cfg!(feature = "reader") {
        return;
    }
    let results = check_all(&[]);
    let n = exercises::all().len();
    assert_eq!(results.len(), n);
    let text = render(&results);
    assert_eq!(
        text.lines().filter(|l| l.ends_with(" đạt")).count(),
        n,
        "{text}"
    );
    assert!(
        text.contains(&format!("Tiến độ: {n}/{n} bài đạt.")),
        "{text}"
    );
}

/// Khung chưa giải là «chưa làm», bộ kiểm bác bỏ là «chưa đạt» kèm gợi ý; bài đầu tiên chưa đạt được giải thích.
#[test]
fn stub_statuses_and_hint() {
    std::panic::set_hook(Box::new(|_| {}));
    let softmax = exercises::find("2.1").unwrap();
    assert_eq!(status_of(softmax.check_stub), Status::NotStarted);
    let _ = std::panic::take_hook();
    let results = vec![
        Outcome {
            id: "2.1",
            function: "softmax",
            status: Status::Passed,
        },
        Outcome {
            id: "2.2",
            function: "cross_entropy",
            status: Status::Failed("tràn số ở logit 1000".into()),
        },
        Outcome {
            id: "2.3",
            function: "perplexity",
            status: Status::NotStarted,
        },
    ];
    let text = render(&results);
    assert!(
        text.contains("✓ Bài 2.1") && text.contains("✗ Bài 2.2") && text.contains("· Bài 2.3"),
        "{text}"
    );
    assert!(text.contains("Gợi ý:\ntràn số ở logit 1000"), "{text}");
    assert!(text.contains("Tiến độ: 1/3 bài đạt."), "{text}");
    assert!(
        !text.contains("panicked") && !text.contains("backtrace"),
        "{text}"
    );
}

/// Bộ lọc: theo chuỗi con của `bai_c_k_tên` hoặc đúng số hiệu.
#[test]
fn filters_select_exercises() {
    let ids = |f: &[&str]| -> Vec<&str> {
        exercises::all()
            .iter()
            .filter(|e| exercises::report::matches(e, f))
            .map(|e| e.id)
            .collect()
    };
    assert_eq!(ids(&["4.2"]), ["4.2"]);
    assert!(ids(&["softmax"]).contains(&"2.1"));
    assert_eq!(ids(&[]).len(), exercises::all().len());
}
