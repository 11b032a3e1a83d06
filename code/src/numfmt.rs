//! Định dạng số theo quy ước của sách (STYLE.md «Số»): một định nghĩa cho lời văn, bảng (qua `programs`) và chữ
//! trong hình (qua `figures`). Không phụ thuộc module nào khác, nên mọi lớp đều dùng được.

/// Bộ định dạng số duy nhất của sách (STYLE.md §4): dấu phẩy thập phân, dấu chấm ngăn hàng nghìn khi phần nguyên
/// có từ năm chữ số, dấu trừ «−». `vi(1234.5, 1)` → `"1234,5"`; `vi(50257.0, 0)` → `"50.257"`; `vi(-0.25, 3)` →
/// `"−0,250"`. `theme/widgets.js` (`fmt`) làm đúng như vậy trong trình duyệt.
pub fn vi(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    if x.is_sign_negative() && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('−');
    }
    for (i, c) in int.chars().enumerate() {
        if int.len() >= 5 && i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}
