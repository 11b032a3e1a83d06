//! Một GPT nhỏ kiểu GPT-2 với lan truyền ngược viết tay (chương 7).
//!
//! Mỗi tầng là một cặp `*_forward` / `*_backward` như trong llm.c: lượt xuôi trả về đầu ra và một
//! bộ nhớ đệm (cache) các đại lượng trung gian; lượt ngược nhận gradient của đầu ra cùng bộ nhớ đệm
//! và trả gradient của đầu vào và của tham số. Kiến trúc (chuẩn hoá trước, pre-LN):
//!
//! ```text
//! z_t = E[x_t] + P[t]                         (7.1)  embed::encoder_forward
//! a   = LN₁(z)                                (7.2)  layer_norm::layer_norm_forward
//! h   = z + Attn(a)     (mặt nạ nhân quả)     (7.3)  attention::attention_forward
//! h'  = h + GELU(LN₂(h) W₁) W₂                (7.4)  mlp::mlp_forward
//! u   = LN_f(h');  ℓ_t = E u_t  (chung E)     (7.5)  embed::unembed_forward
//! L   = −Σ_t log P(x_t | x_<t)                (7.6)  embed::cross_entropy_forward
//! ```
//!
//! Mọi số là f64. Mất mát là **tổng** theo vị trí, đúng như (7.6); khi huấn luyện ta báo cáo trung bình
//! mỗi token `L / T` để so với mốc `ln V`.

pub mod attention;
pub mod embed;
pub mod layer_norm;
pub mod mlp;
pub mod model;
pub mod train;

use ndarray::{ArrayBase, Data, Dimension};

use crate::error::{Error, Result};

/// Kiểm một mảng có đúng hình dạng `expected`.
fn ensure_shape<S, D>(what: &'static str, array: &ArrayBase<S, D>, expected: &[usize]) -> Result<()>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    if array.shape() == expected {
        Ok(())
    } else {
        Err(Error::ShapeMismatch {
            what,
            expected: format!("{expected:?}"),
            found: format!("{:?}", array.shape()),
        })
    }
}
