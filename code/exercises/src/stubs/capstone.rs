//! Bài tổng hợp chương 10: một bước SGD của mô hình bigram chia sẻ trọng số, viết từ đầu.
//!
//! Mô hình: với cặp (x, y), logit `z_i = e_iᵀ e_x` (ma trận `E` vừa là embedding đầu vào vừa là ma trận
//! đầu ra), xác suất `P = softmax(z)`, mất mát `L = −log P(y)`. Mất mát của batch là trung bình trên các cặp.

// ANCHOR: tied_bigram_step
/// Bài 10.1 (★★) — tính mất mát trung bình của `pairs` với `E` hiện tại, rồi cập nhật `E ← E − lr · ∇_E L̄`
/// với gradient **đầy đủ** của ma trận dùng chung (cả hai đường của chương 3). Trả về mất mát *trước* khi cập
/// nhật.
pub fn tied_bigram_step(e: &mut [Vec<f64>], pairs: &[(usize, usize)], lr: f64) -> f64 {
    todo!("viết một bước SGD của mô hình bigram chia sẻ trọng số")
}
// ANCHOR_END: tied_bigram_step
