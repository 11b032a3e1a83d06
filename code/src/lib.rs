//! # embedding-loss
//!
//! Mã nguồn đồng hành của sách «Hàm mất mát trong huấn luyện embedding». Mỗi module là một khái
//! niệm; mỗi hàm công khai ghi rõ phương trình của sách mà nó hiện thực, và mỗi phương trình có ít
//! nhất một kiểm thử tên `eq_<chương>_<số>_…` (xem phụ lục «Bảng kiểm chứng công thức»).
//!
//! Quy ước số học: f64 cho mã tham chiếu; đầu vào sai trả `Err(Error)`, không panic.

pub mod corpus;
pub mod cross_entropy;
pub mod dynamics;
pub mod embedding;
pub mod error;
pub mod experiments;
#[cfg(feature = "figures")]
pub mod figures;
pub mod geometry;
pub mod gradcheck;
pub mod gradient;
pub mod hessian;
pub mod hierarchical_softmax;
pub mod information;
pub mod memory;
pub mod nce;
pub mod negative_sampling;
pub mod numerics;
pub mod numfmt;
pub mod pmi;
pub mod programs;
pub mod sampled_softmax;
pub mod softmax;
pub mod transformer;
pub mod widgets;

pub use error::{Error, Result};
