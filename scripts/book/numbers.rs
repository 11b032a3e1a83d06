//! Kiểm cách viết số trên trang đã dựng (STYLE.md §4, «Số»): dấu phẩy thập phân; dấu chấm phân cách hàng nghìn khi
//! phần nguyên có từ năm chữ số (50.257), số bốn chữ số viết liền (1500); dấu trừ «−», không dùng gạch nối.
//! Chỉ xét chữ hiển thị của lời văn và bảng: bỏ mã, kết quả chương trình, công thức KaTeX (kiểm ở mã nguồn), tiêu đề
//! và liên kết (số mục, số hình, số công thức).

use regex::Regex;

/// Các phần tử bị bỏ qua cùng toàn bộ nội dung bên trong.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "pre", "code", "svg", "nav", "a", "h1", "h2", "h3", "h4", "h5", "h6",
];

/// Chữ hiển thị của một trang: bỏ các phần tử trong [`SKIPPED`] và mọi `<span class="katex…">`, bỏ thẻ, giải vài
/// thực thể HTML thường gặp.
pub fn visible_text(html: &str) -> String {
    let tag = Regex::new(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^>]*?)(/?)>").expect("regex hợp lệ");
    let mut out = String::with_capacity(html.len() / 2);
    let mut last = 0;
    // (tên thẻ đang bỏ, độ sâu của thẻ cùng tên)
    let mut skipping: Option<(String, usize)> = None;
    for c in tag.captures_iter(html) {
        let m = c.get(0).expect("nhóm 0 luôn có");
        let closing = !c[1].is_empty();
        let name = c[2].to_ascii_lowercase();
        let self_closing = !c[4].is_empty();
        if let Some((skip, depth)) = &mut skipping {
            if *skip == name && !self_closing {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skipping = None;
                        last = m.end();
                    }
                } else {
                    *depth += 1;
                }
            }
            continue;
        }
        out.push_str(&html[last..m.start()]);
        out.push(' ');
        last = m.end();
        let katex = name == "span" && c[3].contains("class=\"katex");
        if !closing && !self_closing && (katex || SKIPPED.contains(&name.as_str())) {
            skipping = Some((name, 1));
        }
    }
    if skipping.is_none() {
        out.push_str(&html[last..]);
    }
    out.replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// Một con số viết đúng quy ước không? (`token` gồm chữ số, dấu chấm và dấu phẩy, bắt đầu và kết thúc bằng chữ số.)
pub fn valid_number(token: &str) -> bool {
    let (int, frac) = match token.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (token, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.chars().all(|c| c.is_ascii_digit())) {
        return false;
    }
    let digits = int.chars().filter(char::is_ascii_digit).count();
    if int.contains('.') {
        let groups: Vec<&str> = int.split('.').collect();
        digits >= 5
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
    } else {
        digits <= 4
    }
}

/// Các chỗ viết số sai quy ước trong chữ hiển thị `text` (mỗi chỗ kèm đoạn văn quanh nó).
pub fn number_problems(text: &str) -> Vec<String> {
    let number = Regex::new(r"\d[\d.,]*\d|\d").expect("regex hợp lệ");
    let spaced = Regex::new(r"\d[ \u{a0}\u{2009}\u{202f}]\d{3}\b").expect("regex hợp lệ");
    let hyphen = Regex::new(r"(?:^|[\s(\[=:;≤≥<>])-\d").expect("regex hợp lệ");
    let section =
        Regex::new(r"(?i)(mục|hình|bài|chương|phụ lục|§|phiên bản|katex|mdbook|llama)\s*$")
            .expect("regex hợp lệ");
    let context = |start: usize, end: usize| -> String {
        let a = text[..start]
            .char_indices()
            .rev()
            .nth(24)
            .map_or(0, |(i, _)| i);
        let b = text[end..]
            .char_indices()
            .nth(12)
            .map_or(text.len(), |(i, _)| end + i);
        text[a..b].split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut out = Vec::new();
    for m in number.find_iter(text) {
        let before = &text[..m.start()];
        let after = &text[m.end()..];
        // Một phần của định danh, URL hay tên tệp (d8, 127.0.0.1:3000, v0.5), hoặc số mục/hình/bài.
        if before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '/' || c == '-')
            || after.starts_with(|c: char| c.is_alphabetic() || c == '_' || c == ':')
            || section.is_match(before)
            // số công thức «(c.n)», hay vế sau của một khoảng mục «9.3–9.5»
            || before.ends_with('(') && after.starts_with(')')
            || before.ends_with('–') && before[..before.len() - '–'.len_utf8()].ends_with(|c: char| c.is_ascii_digit())
            || m.as_str().matches('.').count() >= 2 && !valid_number(m.as_str())
        {
            continue;
        }
        if !valid_number(m.as_str()) {
            out.push(format!(
                "«{}» trong «{}»",
                m.as_str(),
                context(m.start(), m.end())
            ));
        }
    }
    for m in spaced.find_iter(text).chain(hyphen.find_iter(text)) {
        out.push(format!(
            "«{}» trong «{}»",
            m.as_str().trim(),
            context(m.start(), m.end())
        ));
    }
    out
}
