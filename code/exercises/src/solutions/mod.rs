//! Lời giải tham khảo.

pub mod embedding;
pub mod softmax;
pub mod transformer;
