//! Kiểm thử tích hợp của crate, gom vào **một** tệp thực thi (mỗi tệp kiểm thử riêng là một lần liên kết
//! crate nữa). Mỗi khái niệm một module ở `tests/<khái niệm>.rs`; trợ giúp chung ở `tests/common/`.

mod common;

mod accuracy;
mod corpus;
mod cross_entropy;
mod dynamics;
mod embedding;
mod geometry;
mod gradient;
mod hessian;
mod information;
mod negative_sampling;
mod normalised;
mod totality;
mod transformer;
mod widgets;
mod worked;
