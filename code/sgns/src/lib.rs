//! # sgns
//!
//! Trình huấn luyện skip-gram với lấy mẫu âm (chương 4): đọc văn bản UTF-8 (một câu mỗi dòng), huấn
//! luyện đa luồng kiểu Hogwild, ghi vector theo định dạng văn bản của word2vec, và truy vấn láng giềng.
//! Công thức (mục tiêu, gradient, phân phối nhiễu, lấy mẫu con, cửa sổ động) là của crate
//! `embedding-loss`, đã được kiểm thử ở đó; crate này lo phần nhanh: ma trận f32 phẳng, không cấp
//! phát trong vòng trong, tích vô hướng vector hoá được.

pub mod corpus;
pub mod cost;
pub mod error;
pub mod eval;
pub mod kernels;
pub mod train;
pub mod vectors;

pub use error::{Error, Result};
