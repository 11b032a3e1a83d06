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
    bai_2_4_label_smoothing = "2.4",
    bai_2_5_sampled_softmax = "2.5",
    bai_3_1_softmax_jacobian = "3.1",
    bai_3_2_hidden_gradient = "3.2",
    bai_3_3_context_model_gradient = "3.3",
    bai_4_1_log_sigmoid = "4.1",
    bai_4_2_sgns_loss_and_grad = "4.2",
    bai_4_3_keep_probability = "4.3",
    bai_4_4_sgns_optimum = "4.4",
    bai_4_4_hs_log_probability = "4.5",
    bai_5_1_hessian = "5.1",
    bai_5_2_variance = "5.2",
    bai_5_3_z_loss = "5.3",
    bai_5_4_stable_cross_entropy = "5.4",
    bai_6_1_kl = "6.1",
    bai_6_2_entropy_bits = "6.2",
    bai_7_1_layer_norm_backward = "7.1",
    bai_7_2_causal_attention = "7.2",
    bai_7_3_embedding_gradients = "7.3",
    bai_7_4_layer_norm_param_gradients = "7.4",
    bai_8_1_tied_gradient = "8.1",
    bai_8_2_accumulate = "8.2",
    bai_8_3_spearman = "8.3",
    bai_9_1_correlation = "9.1",
    bai_9_2_neighbour_purity = "9.2",
    bai_9_3_anisotropy = "9.3",
    bai_10_1_tied_bigram_step = "10.1",
}
