//! Lời giải tham khảo.

pub mod embedding;
pub mod negative_sampling;
pub mod softmax;
