//! Một kiểm thử cho mỗi bài tập. `cargo baitap` chạy trên mã của bạn đọc; `cargo test` chạy trên lời giải.

fn run(id: &str) {
    let exercise = exercises::find(id).unwrap_or_else(|| panic!("không có bài {id}"));
    if let Err(hint) = exercise.check() {
        panic!(
            "\n\nBài {id} (`{}`) chưa đúng.\n{hint}\n",
            exercise.function
        );
    }
}

macro_rules! exercise_tests {
    ($($name:ident = $id:literal),* $(,)?) => {
        $(#[test] fn $name() { run($id) })*

        /// Mỗi bài được khai báo đều có đúng một kiểm thử ở trên.
        #[test]
        fn every_exercise_has_a_test() {
            let mut declared: Vec<&str> = exercises::all().iter().map(|e| e.id).collect();
            let mut tested = vec![$($id),*];
            declared.sort();
            tested.sort();
            assert_eq!(declared, tested);
        }
    };
}

exercise_tests! {
    bai_1_1_lookup = "1.1",
    bai_1_2_one_hot_lookup = "1.2",
    bai_2_1_softmax = "2.1",
    bai_2_2_cross_entropy = "2.2",
    bai_2_3_perplexity = "2.3",
    bai_4_1_log_sigmoid = "4.1",
    bai_4_2_sgns_loss_and_grad = "4.2",
    bai_4_3_keep_probability = "4.3",
}
