//! Softmax phân cấp (hierarchical softmax, chương 4): cây Huffman dựng từ tần số, xác suất của một từ
//! là tích các σ(±u_nᵀv_w) dọc đường từ gốc tới lá của nó, gradient của mất mát `−log P(c | w)`, và độ
//! dài mã trung bình (bị kẹp giữa entropy `H` và `H + 1` bit).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use ndarray::Array2;

use crate::error::{ensure_finite, ensure_len, Error, Result};
use crate::negative_sampling::{log_sigmoid, sigmoid};

/// Cây Huffman trên `V` từ: `V − 1` nút trong (đánh số `0..V−1`, gốc là nút cuối cùng), mỗi từ là một lá.
#[derive(Debug, Clone, PartialEq)]
pub struct HuffmanTree {
    /// Với mỗi từ: các nút trong trên đường từ gốc xuống lá.
    paths: Vec<Vec<usize>>,
    /// Với mỗi từ: bit rẽ ở từng nút của đường đi (`false` = nhánh 0, dấu +; `true` = nhánh 1, dấu −).
    codes: Vec<Vec<bool>>,
}

// ANCHOR: huffman
/// Dựng cây Huffman từ tần số (Huffman, 1952: gộp lặp lại hai nút nhẹ nhất; khi hoà, nút có chỉ số
/// nhỏ hơn đi trước, nên cây tất định). Từ tần số lớn có mã ngắn — đó là (4.13).
pub fn huffman_tree(counts: &[u64]) -> Result<HuffmanTree> {
    let v = counts.len();
    if v == 0 {
        return Err(Error::Empty("tần số từ cho cây Huffman"));
    }
    // nút 0..v là lá, v.. là nút trong; parent[n] và bit[n] mô tả cạnh từ n lên cha
    let mut parent = vec![usize::MAX; 2 * v - 1];
    let mut bit = vec![false; 2 * v - 1];
    let mut heap: BinaryHeap<Reverse<(u128, usize)>> = counts
        .iter()
        .enumerate()
        .map(|(i, &c)| Reverse((u128::from(c), i)))
        .collect();
    for node in v..2 * v - 1 {
        let (Some(Reverse((w0, a))), Some(Reverse((w1, b)))) = (heap.pop(), heap.pop()) else {
            return Err(Error::Empty("hàng đợi Huffman cạn sớm"));
        };
        (parent[a], bit[a]) = (node, false);
        (parent[b], bit[b]) = (node, true);
        heap.push(Reverse((w0 + w1, node)));
    }
    let mut paths = Vec::with_capacity(v);
    let mut codes = Vec::with_capacity(v);
    for leaf in 0..v {
        let (mut path, mut code) = (Vec::new(), Vec::new());
        let mut n = leaf;
        while parent[n] != usize::MAX {
            path.push(parent[n] - v); // chỉ số nút trong 0..v−1
            code.push(bit[n]);
            n = parent[n];
        }
        path.reverse();
        code.reverse();
        paths.push(path);
        codes.push(code);
    }
    Ok(HuffmanTree { paths, codes })
}
// ANCHOR_END: huffman

impl HuffmanTree {
    /// Số lá (kích thước từ vựng V).
    pub fn vocab(&self) -> usize {
        self.paths.len()
    }

    /// Số nút trong, `V − 1`: số vector `u_n` của softmax phân cấp.
    pub fn inner_nodes(&self) -> usize {
        self.paths.len() - 1
    }

    /// Đường đi (nút trong, bit) từ gốc tới lá của từ `c`.
    pub fn path(&self, c: usize) -> Result<(&[usize], &[bool])> {
        match (self.paths.get(c), self.codes.get(c)) {
            (Some(p), Some(b)) => Ok((p, b)),
            _ => Err(Error::TokenOutOfRange {
                id: c,
                vocab: self.vocab(),
            }),
        }
    }
}

/// Phương trình (4.13): độ dài mã trung bình `L̄ = Σ_c p_c·L(c)` (bit mỗi từ), với `p_c = count(c)/Σ count`.
pub fn average_code_length(tree: &HuffmanTree, counts: &[u64]) -> Result<f64> {
    ensure_len("tần số so với số lá của cây", tree.vocab(), counts.len())?;
    let total: f64 = counts.iter().map(|&c| c as f64).sum();
    if total == 0.0 {
        return Err(Error::Empty("tần số (mọi count đều bằng 0)"));
    }
    Ok(counts
        .iter()
        .zip(&tree.paths)
        .map(|(&c, p)| c as f64 / total * p.len() as f64)
        .sum())
}

fn check_inputs(tree: &HuffmanTree, inner: &Array2<f64>, center: &[f64]) -> Result<()> {
    if center.is_empty() {
        return Err(Error::Empty("vector tâm v_w"));
    }
    ensure_finite("vector tâm v_w", center)?;
    ensure_len(
        "số nút trong (dòng của U)",
        tree.inner_nodes(),
        inner.nrows(),
    )?;
    ensure_len("số chiều của U", center.len(), inner.ncols())?;
    ensure_finite("vector nút trong u_n", inner.iter())
}

fn node_dot(inner: &Array2<f64>, n: usize, center: &[f64]) -> f64 {
    inner.row(n).iter().zip(center).map(|(u, v)| u * v).sum()
}

// ANCHOR: hs_prob
/// Phương trình (4.11): `log P(c | w) = Σ_j log σ(±u_{n_j}ᵀv_w)` dọc đường gốc → lá của `c`
/// (dấu + ở nhánh 0, − ở nhánh 1). `inner` là ma trận (V−1)×d của các vector nút trong.
pub fn hs_log_probability(
    tree: &HuffmanTree,
    inner: &Array2<f64>,
    center: &[f64],
    c: usize,
) -> Result<f64> {
    check_inputs(tree, inner, center)?;
    let (path, code) = tree.path(c)?;
    Ok(path
        .iter()
        .zip(code)
        .map(|(&n, &b)| {
            let x = node_dot(inner, n, center);
            log_sigmoid(if b { -x } else { x })
        })
        .sum())
}
// ANCHOR_END: hs_prob

/// Phương trình (4.11) cho mọi từ: `P(· | w)` trên cả từ vựng (tổng bằng 1 theo cấu trúc cây).
pub fn hs_distribution(
    tree: &HuffmanTree,
    inner: &Array2<f64>,
    center: &[f64],
) -> Result<Vec<f64>> {
    (0..tree.vocab())
        .map(|c| hs_log_probability(tree, inner, center, c).map(f64::exp))
        .collect()
}

/// Gradient của mất mát `L = −log P(c | w)` của softmax phân cấp.
#[derive(Debug, Clone, PartialEq)]
pub struct HsGradients {
    /// `∂L/∂v_w`.
    pub center: Vec<f64>,
    /// `(n, ∂L/∂u_n)` cho từng nút trong trên đường đi (các nút khác có gradient 0).
    pub nodes: Vec<(usize, Vec<f64>)>,
}

// ANCHOR: hs_grad
/// Phương trình (4.12): với `x_j = u_{n_j}ᵀv_w` và nhãn `t_j = 1` ở nhánh 0, `0` ở nhánh 1:
/// `∂L/∂u_{n_j} = (σ(x_j) − t_j)·v_w`, `∂L/∂v_w = Σ_j (σ(x_j) − t_j)·u_{n_j}`.
pub fn hs_gradients(
    tree: &HuffmanTree,
    inner: &Array2<f64>,
    center: &[f64],
    c: usize,
) -> Result<HsGradients> {
    check_inputs(tree, inner, center)?;
    let (path, code) = tree.path(c)?;
    let mut grad_center = vec![0.0; center.len()];
    let mut nodes = Vec::with_capacity(path.len());
    for (&n, &b) in path.iter().zip(code) {
        let g = sigmoid(node_dot(inner, n, center)) - if b { 0.0 } else { 1.0 };
        for (gc, u) in grad_center.iter_mut().zip(inner.row(n)) {
            *gc += g * u;
        }
        nodes.push((n, center.iter().map(|v| g * v).collect()));
    }
    Ok(HsGradients {
        center: grad_center,
        nodes,
    })
}
// ANCHOR_END: hs_grad
