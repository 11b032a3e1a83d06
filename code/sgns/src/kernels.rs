//! Nhân tính toán của vòng trong: tích vô hướng nhiều bộ cộng dồn (để trình biên dịch vector hoá),
//! `y += a·x`, sigmoid f32, và ma trận chia sẻ giữa các luồng kiểu Hogwild.
//!
//! ## Hợp đồng Hogwild (vì sao an toàn trong Rust)
//! Nhiều luồng cập nhật cùng một ma trận mà không khoá, như word2vec. Trong C đó là một cuộc đua dữ
//! liệu (data race) — hành vi không xác định theo chuẩn C11, và cũng là UB trong Rust nếu làm bằng
//! con trỏ thô. Ở đây mỗi phần tử là một `AtomicU32` chứa bit của một `f32`, mọi truy cập là
//! `load`/`store` với thứ tự `Relaxed`: không có data race theo mô hình bộ nhớ của Rust, nên không
//! có `unsafe` nào. Trên x86-64 và AArch64, load/store `Relaxed` 32 bit biên dịch thành đúng lệnh
//! `mov`/`ldr` thường, không có rào chắn. Cái giá: một cập nhật «đọc–cộng–ghi» không nguyên tử, nên
//! khi hai luồng cùng sửa một phần tử, một cập nhật có thể bị mất — như word2vec. Mỗi bước chỉ chạm
//! K + 2 trong V dòng nên va chạm hiếm (lập luận của Hogwild, Niu và cộng sự, 2011, vốn giả định phép
//! cộng từng phần tử là nguyên tử; cập nhật mất là nhiễu thêm mà thực nghiệm cho thấy vô hại).
//! Các phép tính nặng chạy trên bản sao cục bộ `&[f32]` của dòng, nơi vector hoá được.

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

// ANCHOR: dot
/// Tích vô hướng với 8 bộ cộng dồn độc lập: phá chuỗi phụ thuộc của phép cộng, để LLVM dùng SIMD.
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0.0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for ((s, xi), yi) in acc.iter_mut().zip(x).zip(y) {
            *s += xi * yi;
        }
    }
    (acc[0] + acc[4]) + (acc[1] + acc[5]) + (acc[2] + acc[6]) + (acc[3] + acc[7]) + tail
}
// ANCHOR_END: dot

/// `y ← y + a·x`.
#[inline]
pub fn axpy(a: f32, x: &[f32], y: &mut [f32]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += a * xi;
    }
}

/// Sigmoid f32 (4.1): `1/(1 + e^{−x})`. Không kẹp đối số: `e^{−x}` tràn thành `+∞` cho đúng giới hạn 0,
/// còn kẹp vào [−30, 30] (như word2vec) làm σ(−40) thành σ(−30), sai 10⁵ lần.
#[inline]
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Hệ số của bước SGNS `label − σ(s)` (4.5): `σ(−s)` cho mẫu dương (label = 1), `−σ(s)` cho mẫu âm —
/// phương trình (5.10), không bao giờ tính `1 − σ(s)` (bằng 0 khi s ≳ 17 trong f32).
#[inline]
pub fn sgns_coefficient(s: f32, positive: bool) -> f32 {
    if positive {
        sigmoid(-s)
    } else {
        -sigmoid(s)
    }
}

// ANCHOR: shared
/// Ma trận `rows × cols` f32 xếp theo dòng, chia sẻ giữa các luồng không khoá (xem hợp đồng ở đầu tệp).
pub struct SharedMatrix {
    data: Vec<AtomicU32>,
    cols: usize,
}

impl SharedMatrix {
    /// Dựng từ dữ liệu phẳng theo dòng.
    pub fn from_vec(values: Vec<f32>, cols: usize) -> Self {
        let data = values
            .into_iter()
            .map(|v| AtomicU32::new(v.to_bits()))
            .collect();
        Self { data, cols }
    }

    /// Số cột.
    pub fn cols(&self) -> usize {
        self.cols
    }

    fn row(&self, r: usize) -> &[AtomicU32] {
        &self.data[r * self.cols..(r + 1) * self.cols]
    }

    /// Chép dòng `r` vào bộ đệm cục bộ `out` (các load `Relaxed`).
    #[inline]
    pub fn load_row(&self, r: usize, out: &mut [f32]) {
        for (o, a) in out.iter_mut().zip(self.row(r)) {
            *o = f32::from_bits(a.load(Relaxed));
        }
    }

    /// Ghi bộ đệm cục bộ `src` vào dòng `r` (các store `Relaxed`).
    #[inline]
    pub fn store_row(&self, r: usize, src: &[f32]) {
        for (a, s) in self.row(r).iter().zip(src) {
            a.store(s.to_bits(), Relaxed);
        }
    }

    /// Cộng `delta` vào dòng `r`: đọc–cộng–ghi từng phần tử, không nguyên tử (Hogwild).
    #[inline]
    pub fn add_to_row(&self, r: usize, delta: &[f32]) {
        for (a, d) in self.row(r).iter().zip(delta) {
            a.store((f32::from_bits(a.load(Relaxed)) + d).to_bits(), Relaxed);
        }
    }

    /// Lấy toàn bộ dữ liệu ra (sau khi các luồng đã dừng).
    pub fn into_vec(self) -> Vec<f32> {
        self.data
            .into_iter()
            .map(|a| f32::from_bits(a.into_inner()))
            .collect()
    }
}
// ANCHOR_END: shared
