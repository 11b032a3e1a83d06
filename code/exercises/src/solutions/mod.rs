//! Lời giải tham khảo.

pub mod capstone;
pub mod dynamics;
pub mod embedding;
pub mod geometry;
pub mod gradient;
pub mod hessian;
pub mod hierarchical_softmax;
pub mod information;
pub mod negative_sampling;
pub mod numerics;
pub mod softmax;
pub mod transformer;
