//! Lời giải tham khảo.

pub mod embedding;
pub mod gradient;
pub mod hessian;
pub mod information;
pub mod softmax;
