//! Tham chiếu độc lập cho kiểm thử độ chính xác: số thực dấu phẩy động độ chính xác tuỳ ý (dashu-float,
//! 256 bit; tích vô hướng chính xác ở 2400 bit). Mọi giá trị f64 đầu vào được chuyển **chính xác** sang số
//! lớn; hiệu, mũ và logarit (`ln`, `ln_1p`) tính ở 256 bit, nên sai số tương đối của tham chiếu (≈ 2⁻²⁴⁰)
//! không đáng kể so với ε = 2⁻⁵². Không dùng hàm nào của crate được kiểm.
#![allow(dead_code)]

pub use dashu_float::ops::Abs;
use dashu_float::round::mode::HalfEven;
use dashu_float::FBig;

/// Số lớn, làm tròn gần nhất.
pub type Big = FBig<HalfEven, 2>;

/// Số bit của tham chiếu.
pub const PRECISION: usize = 256;

/// Số bit đủ để cộng chính xác mọi tích của hai số f64 (số mũ từ −2148 tới 2048).
const EXACT: usize = 4400;

/// `exp(d)` bỏ qua khi `d < CUTOFF`: `e^{−790} < 2⁻¹¹³⁹`, nhỏ hơn mọi số f64 khác 0 tới 2⁶⁵ lần.
const CUTOFF: f64 = -790.0;

/// Chuyển chính xác một f64 hữu hạn sang số lớn 1200 bit.
pub fn big(x: f64) -> Big {
    Big::try_from(x)
        .expect("giá trị hữu hạn")
        .with_precision(PRECISION)
        .value()
}

/// Chuyển chính xác một f64 hữu hạn sang số lớn `bits` bit (cho các định nghĩa cần nhiều bit hơn 256).
pub fn big_at(x: f64, bits: usize) -> Big {
    Big::try_from(x)
        .expect("giá trị hữu hạn")
        .with_precision(bits)
        .value()
}

/// Chuyển một f32 hữu hạn sang số lớn (chính xác).
pub fn big32(x: f32) -> Big {
    big(x as f64)
}

/// `e^x`, bằng 0 khi `x < CUTOFF` (giá trị thật dưới mọi số f64 dương tới 2⁶⁵ lần).
pub fn exp(x: &Big) -> Big {
    if *x == big(0.0) {
        return big(1.0);
    }
    let x = &if x.precision() >= PRECISION {
        x.clone()
    } else {
        x.clone().with_precision(PRECISION).value()
    };
    if *x > big(0.0) {
        // dashu-float 0.4 chia cho 0 với đối số dương lớn: e^x = 1 / e^{−x}
        return big(1.0) / exp(&-x.clone());
    }
    if *x < big(CUTOFF) {
        big(0.0)
    } else {
        x.exp()
    }
}

/// Một kết quả f64 so với tham chiếu: sai số tương đối ≤ `ulps`·ε; nếu giá trị thật dưới số chuẩn nhỏ nhất
/// (tràn dưới), sai số tuyệt đối ≤ số chuẩn nhỏ nhất; nếu giá trị thật vượt f64::MAX, kết quả phải là ±∞
/// đúng dấu. Trả `Err(mô tả)` khi vi phạm.
pub fn check(what: &str, got: f64, truth: &Big, ulps: f64) -> Result<(), String> {
    check_with(
        what,
        got,
        truth,
        ulps,
        f64::EPSILON,
        f64::MIN_POSITIVE,
        f64::MAX,
    )
}

/// Như [`check`] cho f32.
pub fn check32(what: &str, got: f32, truth: &Big, ulps: f64) -> Result<(), String> {
    check_with(
        what,
        got as f64,
        truth,
        ulps,
        f32::EPSILON as f64,
        f32::MIN_POSITIVE as f64,
        f32::MAX as f64,
    )
}

fn check_with(
    what: &str,
    got: f64,
    truth: &Big,
    ulps: f64,
    eps: f64,
    min_normal: f64,
    max: f64,
) -> Result<(), String> {
    let t = truth.to_f64().value();
    let fail = |why: &str| {
        Err(format!(
            "{what}: nhận {got:e}, đúng ≈ {t:e} ({why}, ngưỡng {ulps} ε)"
        ))
    };
    if got.is_nan() {
        return fail("NaN");
    }
    let abs_truth = truth.clone().abs();
    if abs_truth > big(max) {
        // giá trị thật không biểu diễn được: chỉ ±∞ đúng dấu là đúng
        return if got.is_infinite() && (got > 0.0) == (*truth > big(0.0)) {
            Ok(())
        } else {
            fail("giá trị thật vượt miền, cần ±∞")
        };
    }
    if got.is_infinite() {
        return fail("∞ trong khi giá trị thật hữu hạn");
    }
    let err = (big(got) - truth.clone()).abs();
    let bound = if abs_truth < big(min_normal) {
        big(min_normal)
    } else {
        abs_truth * big(ulps * eps)
    };
    if err <= bound {
        Ok(())
    } else {
        let rel = (err / truth.clone().abs()).to_f64().value() / eps;
        fail(&format!("sai số tương đối {rel:.3e} ε"))
    }
}

/// Các đại lượng của softmax tại logit `z` (số lớn): `d_j = z_j − m` (m = max z, ở chỉ số k),
/// `e_j = e^{d_j}`, `T = Σ_{j≠k} e_j`, `ln S = ln_1p(T)` với `S = Σ_j e_j = 1 + T`.
pub struct Softmax {
    shifted: Vec<Big>,
    exps: Vec<Big>,
    max: Big,
    sum: Big,
    ln_sum: Big,
}

impl Softmax {
    /// Tính từ các logit (số lớn chính xác).
    pub fn new(z: &[Big]) -> Self {
        let k = (0..z.len())
            .reduce(|k, i| if z[i] > z[k] { i } else { k })
            .unwrap();
        let max = z[k].clone();
        let shifted: Vec<Big> = z.iter().map(|x| x.clone() - max.clone()).collect();
        let exps: Vec<Big> = shifted.iter().map(exp).collect();
        let tail = sum(exps
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != k)
            .map(|(_, e)| e.clone()));
        Self {
            ln_sum: tail.ln_1p(),
            sum: big(1.0) + tail,
            shifted,
            exps,
            max,
        }
    }

    /// Từ logit f64.
    pub fn of(z: &[f64]) -> Self {
        Self::new(&z.iter().map(|&x| big(x)).collect::<Vec<_>>())
    }

    /// `log Σ exp z = m + ln S`.
    pub fn log_sum_exp(&self) -> Big {
        self.max.clone() + self.ln_sum.clone()
    }

    /// `log P_i = d_i − ln S`.
    pub fn log_prob(&self, i: usize) -> Big {
        self.shifted[i].clone() - self.ln_sum.clone()
    }

    /// `P_i = e_i / S`.
    pub fn prob(&self, i: usize) -> Big {
        self.exps[i].clone() / self.sum.clone()
    }

    /// `−log P_y`.
    pub fn cross_entropy(&self, y: usize) -> Big {
        -self.log_prob(y)
    }

    /// `P_i − [i = y]`; với `i = y` là `−Σ_{j≠y} e_j / S` (đẳng thức chính xác, tránh mất `1 − P_y`
    /// khi `P_y` rất gần 1 ở 256 bit).
    pub fn gradient(&self, i: usize, y: usize) -> Big {
        if i == y {
            -(sum(self
                .exps
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != y)
                .map(|(_, e)| e.clone()))
                / self.sum.clone())
        } else {
            self.prob(i)
        }
    }
}

/// `−log σ(s) = ln(1 + e^{−s})` (dạng tách theo dấu của s, chính xác trong số lớn).
pub fn softplus_neg(s: &Big) -> Big {
    if *s == big(0.0) {
        big(2.0).ln()
    } else if *s > big(0.0) {
        exp(&-s.clone()).ln_1p()
    } else {
        -s.clone() + exp(s).ln_1p()
    }
}

/// `σ(s) = 1 / (1 + e^{−s})`.
pub fn sigmoid(s: &Big) -> Big {
    if *s >= big(0.0) {
        big(1.0) / (big(1.0) + exp(&-s.clone()))
    } else {
        let e = exp(s);
        e.clone() / (big(1.0) + e)
    }
}

/// Tích vô hướng chính xác.
pub fn dot(a: &[f64], b: &[f64]) -> Big {
    let exact = |x: f64| Big::try_from(x).unwrap().with_precision(EXACT).value();
    a.iter()
        .zip(b)
        .fold(exact(0.0), |acc, (&x, &y)| acc + exact(x) * exact(y))
        .with_precision(PRECISION)
        .value()
}

/// `Σ_i f(p_i, q_i)` với số lớn.
pub fn sum(terms: impl Iterator<Item = Big>) -> Big {
    terms.fold(big(0.0), |a, b| a + b)
}

/// Số ca proptest: 64 mặc định (bộ kiểm thử nhanh), hoặc biến môi trường `PROPTEST_CASES`.
pub fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}
