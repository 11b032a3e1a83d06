//! Chứng minh bộ kiểm có thể thất bại: mỗi khung chưa giải (còn `todo!()`) phải bị bộ kiểm bác bỏ.
//! Khi bạn đọc đã giải một bài (khung không còn `todo!()`), bài đó được bỏ qua và được in ra.

use std::panic;

#[test]
fn unsolved_stubs_fail_their_checks() {
    if cfg!(feature = "reader") {
        return; // chế độ bạn đọc: kiểm thử này chỉ có nghĩa trên các khung gốc
    }
    let default_hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {})); // khung gọi todo!(): im lặng, ta bắt panic ngay dưới đây
    let mut wrongly_passing = Vec::new();
    let mut checked = 0;
    for exercise in exercises::all() {
        let marker = format!("fn {}(", exercise.function);
        assert!(
            exercise.stub_source.contains(&marker),
            "bài {}: tệp khung không có `{marker}`",
            exercise.id
        );
        if !exercise.stub_is_unsolved() {
            println!("bài {}: khung đã được giải, bỏ qua", exercise.id);
            continue;
        }
        checked += 1;
        let outcome = panic::catch_unwind(exercise.check_stub);
        if matches!(outcome, Ok(Ok(()))) {
            wrongly_passing.push(exercise.id);
        }
    }
    panic::set_hook(default_hook);
    assert!(
        wrongly_passing.is_empty(),
        "khung chưa giải mà vẫn qua bộ kiểm: {wrongly_passing:?}"
    );
    println!("{checked} khung chưa giải đều bị bộ kiểm bác bỏ");
}
