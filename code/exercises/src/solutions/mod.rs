//! Lời giải tham khảo.

pub mod dynamics;
pub mod embedding;
pub mod geometry;
pub mod softmax;
pub mod transformer;
