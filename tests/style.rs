//! Chính tả và quy ước của sách (STYLE.md, mục 4): Unicode NFC, một kiểu bỏ dấu («hoá», «thuỷ», không «hóa»,
//! «thủy»), và không có chữ tiếng Việt trong công thức (KaTeX không có phông cho chúng).

use std::fs;
use std::path::PathBuf;

use book_tools::markdown::{code_ranges, pieces, Piece};
use book_tools::repo_root;
use book_tools::walk::files;

fn sources() -> Vec<PathBuf> {
    let root = repo_root();
    let mut out = files(&root.join("src"), "md").unwrap();
    out.extend(files(&root.join("code"), "rs").unwrap());
    out.extend(files(&root.join("scripts"), "rs").unwrap());
    out.push(root.join("README.md"));
    out
}

/// Từ viết theo kiểu bỏ dấu mới (dấu trên nguyên âm thứ nhất của «oa», «oe», «uy» cuối từ) — sách dùng kiểu cũ.
fn new_style_tone(word: &str) -> bool {
    const NEW: [&str; 15] = [
        "óa", "òa", "ỏa", "õa", "ọa", "óe", "òe", "ỏe", "õe", "ọe", "úy", "ùy", "ủy", "ũy", "ụy",
    ];
    let w = word.to_lowercase();
    !w.starts_with("qu") && NEW.iter().any(|t| w.ends_with(t))
}

/// Mọi tệp nguồn là UTF-8 hợp lệ ở dạng NFC, và dùng một kiểu bỏ dấu.
#[test]
fn text_is_nfc_and_uses_one_tone_mark_style() {
    let mut problems = Vec::new();
    for path in sources() {
        let Ok(text) = fs::read_to_string(&path) else {
            problems.push(format!("{}: không phải UTF-8", path.display()));
            continue;
        };
        if !unicode_normalization::is_nfc(&text) {
            problems.push(format!("{}: không ở dạng NFC", path.display()));
        }
        for (i, line) in text.lines().enumerate() {
            for word in line.split(|c: char| !c.is_alphabetic()) {
                if new_style_tone(word) {
                    problems.push(format!(
                        "{}:{}: «{word}» — sách bỏ dấu kiểu cũ (hoá, thuỷ)",
                        path.display(),
                        i + 1
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}

/// Không có chữ cái tiếng Việt có dấu trong `$…$` hay `$$…$$` của các chương.
#[test]
fn no_vietnamese_inside_math() {
    let mut problems = Vec::new();
    for path in files(&repo_root().join("src"), "md").unwrap() {
        let text = fs::read_to_string(&path).unwrap();
        for piece in pieces(&text) {
            let (Piece::Inline(math) | Piece::Display(math)) = piece else {
                continue;
            };
            if math
                .chars()
                .any(|c| c.is_alphabetic() && !c.is_ascii() && is_vietnamese_letter(c))
            {
                problems.push(format!("{}: ${}$", path.display(), math.trim()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "chữ tiếng Việt trong công thức:\n  {}",
        problems.join("\n  ")
    );
}

fn is_vietnamese_letter(c: char) -> bool {
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
        .contains(c.to_lowercase().next().unwrap_or(c))
}

/// Bộ lọc kiểu bỏ dấu bắt đúng cái cần bắt.
#[test]
fn tone_style_detector() {
    assert!(new_style_tone("hóa") && new_style_tone("Thủy") && new_style_tone("khỏe"));
    assert!(
        !new_style_tone("hoá")
            && !new_style_tone("thuỷ")
            && !new_style_tone("quý")
            && !new_style_tone("hoà")
    );
}

/// Lời văn của một trang Markdown, cùng số dòng với bản gốc: khối mã rào, mã trong dòng `…`, công thức
/// `$…$`/`$$…$$`, chỉ thị `{{#…}}` và thẻ HTML được thay bằng khoảng trắng (giữ nguyên các dấu xuống dòng).
fn prose(text: &str) -> String {
    let mut without_code = String::with_capacity(text.len());
    let mut last = 0;
    for r in code_ranges(text) {
        without_code.push_str(&text[last..r.start]);
        without_code.push_str(&blank(&text[r.clone()]));
        last = r.end;
    }
    without_code.push_str(&text[last..]);
    let mut out = String::with_capacity(without_code.len());
    for piece in pieces(&without_code) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Inline(m) | Piece::Display(m) => out.push_str(&blank(m)),
        }
    }
    let inline = regex::Regex::new(r"`[^`]*`|\{\{#[^}]*\}\}|<[^>]*>").unwrap();
    inline
        .replace_all(&out, |c: &regex::Captures| blank(&c[0]))
        .into_owned()
}

/// Một khoảng trắng thay cho đoạn `s`, giữ các dấu xuống dòng của nó.
fn blank(s: &str) -> String {
    let mut out = " ".to_string();
    out.extend(s.chars().filter(|&c| c == '\n'));
    out
}

fn chapters() -> Vec<PathBuf> {
    let mut out = files(&repo_root().join("src"), "md").unwrap();
    out.sort();
    out
}

/// Số công thức trong lời văn chỉ qua `{{#eqref c.n}}` (liên kết có kiểm tra lúc dựng), không gõ tay «(c.n)»,
/// «phương trình c.n» hay «công thức c.n».
#[test]
fn equation_references_use_eqref() {
    let re = regex::Regex::new(r"\(\d+\.\d+\)|(?i:phương trình|công thức)\s+\(?\d+\.\d+").unwrap();
    let mut problems = Vec::new();
    for path in chapters() {
        let text = fs::read_to_string(&path).unwrap();
        let part = prose(&text);
        for m in re.find_iter(&part) {
            let at = part[..m.start()].matches('\n').count() + 1;
            problems.push(format!(
                "{}:{at}: «{}» — dùng {{{{#eqref c.n}}}}",
                path.display(),
                m.as_str()
            ));
        }
    }
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}

/// Chú thích `/// Bài c.k — phương trình (a.b) …` của bài tập nêu đúng công thức mà đề bài trong chương nhắc tới:
/// đoạn «**Bài c.k…**» của chương c phải chứa `{{#eqref a.b}}` cho mọi công thức chú thích nêu.
#[test]
fn exercise_doc_comments_name_the_chapter_equations() {
    let root = repo_root();
    let head = regex::Regex::new(r"Bài (\d+)\.(\d+)(?: \(★+\))? — phương trình ([^:]*)").unwrap();
    let number = regex::Regex::new(r"\((\d+\.\d+)\)").unwrap();
    let sources = files(&root.join("code/exercises/src"), "rs").unwrap();
    let pages: Vec<(u32, String)> = chapters()
        .into_iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            let ch = name.get(..2)?.parse().ok()?;
            Some((ch, fs::read_to_string(&p).ok()?))
        })
        .collect();
    let mut problems = Vec::new();
    let mut seen = 0;
    for path in sources {
        let text = fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            let Some(c) = head.captures(line) else {
                continue;
            };
            seen += 1;
            let (ch, k): (u32, &str) = (c[1].parse().unwrap(), &c[2]);
            let page = pages
                .iter()
                .find(|(n, _)| *n == ch)
                .map(|(_, t)| t.as_str());
            let statement = page.and_then(|t| {
                let start = t.find(&format!("**Bài {ch}.{k}"))?;
                let end = t[start..].find("```").map_or(t.len(), |e| start + e);
                Some(&t[start..end])
            });
            let Some(statement) = statement else {
                problems.push(format!(
                    "{}:{}: chương {ch} không có đề «Bài {ch}.{k}»",
                    path.display(),
                    i + 1
                ));
                continue;
            };
            for n in number.captures_iter(&c[3]) {
                if !statement.contains(&format!("{{{{#eqref {}}}}}", &n[1])) {
                    problems.push(format!(
                        "{}:{}: Bài {ch}.{k} nêu ({}) nhưng đề trong chương không nhắc công thức đó",
                        path.display(),
                        i + 1,
                        &n[1]
                    ));
                }
            }
        }
    }
    assert!(seen > 10, "chỉ thấy {seen} chú thích bài tập");
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}

/// Hàng của một bảng Markdown `| a | b |` (bỏ hàng kẻ `|---|`), mỗi hàng là danh sách ô đã cắt khoảng trắng.
fn table_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---"))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

/// Các quy tắc thuật ngữ đọc từ `src/thuat-ngu.md`: (cách viết cần tránh, cách viết dùng, có được miễn khi nằm
/// trong ngoặc chú thích tiếng Anh hay không). Từ tiếng Anh ở cột phải của bảng chính là cách viết cần tránh trong
/// lời văn, trừ khi chính nó cũng có ở cột tiếng Việt (từ giữ nguyên như «PMI», «unembedding»).
fn glossary_rules() -> Vec<(String, String, bool)> {
    let text = fs::read_to_string(repo_root().join("src/thuat-ngu.md")).unwrap();
    let (main, avoid) = text
        .split_once("## Cách viết không dùng")
        .expect("thuat-ngu.md có mục «Cách viết không dùng»");
    let paren = regex::Regex::new(r"\([^)]*\)").unwrap();
    let mut rules = Vec::new();
    for row in table_rows(main).into_iter().skip(1) {
        let [vi, en] = &row[..] else {
            panic!("hàng bảng thuật ngữ cần đúng hai ô: {row:?}")
        };
        if en.contains("giữ nguyên") {
            continue;
        }
        for variant in paren.replace_all(en, "").split(['/', ',']) {
            let variant = variant.trim().to_lowercase();
            if !variant.is_empty() && !vi.to_lowercase().contains(&variant) {
                rules.push((variant, vi.clone(), true));
            }
        }
    }
    for row in table_rows(avoid).into_iter().skip(1) {
        let [bad, good] = &row[..] else {
            panic!("hàng bảng «không dùng» cần đúng hai ô: {row:?}")
        };
        rules.push((bad.to_lowercase(), good.clone(), false));
    }
    rules
}

/// Lời văn với các chú thích tiếng Anh trong ngoặc (không có chữ tiếng Việt có dấu), các trích dẫn «…» và tên
/// tài liệu in nghiêng `*Tên…*` thay bằng khoảng trắng (giữ dòng).
fn without_glosses(prose: &str) -> String {
    let paren = regex::Regex::new(r"\([^()]*\)").unwrap();
    let text = paren.replace_all(prose, |c: &regex::Captures| {
        if c[0]
            .chars()
            .any(|ch| ch.is_alphabetic() && is_vietnamese_letter(ch))
        {
            c[0].to_string()
        } else {
            blank(&c[0])
        }
    });
    let quoted = regex::Regex::new(r"«[^»]*»|\*[A-Z][^*]*\*").unwrap();
    quoted
        .replace_all(&text, |c: &regex::Captures| blank(&c[0]))
        .into_owned()
}

/// Biểu thức tìm cách viết `bad` như một từ riêng (không phân biệt hoa thường), dịch một lần cho mỗi cách viết
/// trong cả tiến trình kiểm thử (dịch lại cho mỗi trang chiếm gần hết thời gian của bộ kiểm thử này).
fn term_regex(bad: &str) -> regex::Regex {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};
    static CACHE: LazyLock<Mutex<HashMap<String, regex::Regex>>> = LazyLock::new(Default::default);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(bad.to_string())
        .or_insert_with(|| {
            regex::Regex::new(&format!(r"(?i)(^|[^\w-]){}([^\w-]|$)", regex::escape(bad))).unwrap()
        })
        .clone()
}

/// Những chỗ trong `prose` dùng một cách viết bị tránh: (dòng, cách viết, cách nên dùng).
fn term_problems(prose: &str, rules: &[(String, String, bool)]) -> Vec<(usize, String, String)> {
    let stripped = without_glosses(prose);
    let mut out = Vec::new();
    for (bad, good, gloss_exempt) in rules {
        let text = if *gloss_exempt { &stripped } else { prose };
        let re = term_regex(bad);
        for m in re.find_iter(text) {
            let line = text[..m.start()].matches('\n').count() + 1;
            out.push((line, bad.clone(), good.clone()));
        }
    }
    out
}

/// Một thuật ngữ cho mỗi khái niệm: lời văn các trang (trừ trang thuật ngữ, tài liệu tham khảo và bảng kiểm chứng)
/// không dùng từ tiếng Anh của bảng thuật ngữ ngoài ngoặc chú thích, mã và công thức, cũng không dùng các cách viết
/// trong bảng «Cách viết không dùng».
#[test]
fn prose_uses_glossary_terms() {
    let rules = glossary_rules();
    assert!(rules.len() > 50, "chỉ đọc được {} quy tắc", rules.len());
    let mut problems = Vec::new();
    for path in chapters() {
        let name = path.file_name().unwrap().to_string_lossy();
        if [
            "thuat-ngu.md",
            "tai-lieu-tham-khao.md",
            "SUMMARY.md",
            "bang-kiem-chung.md",
        ]
        .contains(&name.as_ref())
        {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        for (line, bad, good) in term_problems(&prose(&text), &rules) {
            problems.push(format!("{}:{line}: «{bad}» → «{good}»", path.display()));
        }
    }
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}

/// Bộ lọc thuật ngữ: bắt từ tiếng Anh trong lời văn và cách viết bị tránh, tha chú thích trong ngoặc, mã và công thức.
#[test]
fn glossary_rule_detector() {
    let rules = vec![
        ("layer norm".to_string(), "chuẩn hoá tầng".to_string(), true),
        (
            "vector vàng".to_string(),
            "bộ số đối chiếu".to_string(),
            false,
        ),
    ];
    let hits = |s: &str| term_problems(&prose(s), &rules).len();
    assert_eq!(hits("qua layer norm cuối"), 1);
    assert_eq!(
        hits("chuẩn hoá tầng (layer norm) và `layer norm` và $\\text{layer norm}$"),
        0
    );
    assert_eq!(hits("(tầng cuối là layer norm)"), 1);
    assert_eq!(hits("so với vector vàng"), 1);
}

/// Không có câu tiếng Anh trong công thức: `\text{…}` chỉ chứa một từ (tên ngắn như `keep`, `params`).
#[test]
fn no_english_phrases_inside_math() {
    let text_re = regex::Regex::new(r"\\text\{([^}]*)\}").unwrap();
    let mut problems = Vec::new();
    for path in chapters() {
        let text = fs::read_to_string(&path).unwrap();
        for piece in pieces(&text) {
            let (Piece::Inline(math) | Piece::Display(math)) = piece else {
                continue;
            };
            for c in text_re.captures_iter(math) {
                if c[1].trim().contains(' ') {
                    problems.push(format!("{}: \\text{{{}}}", path.display(), &c[1]));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}

/// Số trong công thức theo cùng quy ước với lời văn (STYLE.md §4): dấu phẩy thập phân viết `0{,}5`, dấu chấm phân
/// cách hàng nghìn khi phần nguyên có từ năm chữ số (`50.257`), không dùng khoảng trắng `50\,257` để phân cách.
#[test]
fn numbers_inside_math_follow_the_book_rule() {
    let token = regex::Regex::new(r"\d+(?:\.\d+)+(?:,\d+)?|\d+\\,\d{3}|\d+(?:,\d+)?").unwrap();
    let tag = regex::Regex::new(r"\\tag\{[^}]*\}").unwrap();
    let mut problems = Vec::new();
    for path in chapters() {
        let text = fs::read_to_string(&path).unwrap();
        for piece in pieces(&text) {
            let (Piece::Inline(math) | Piece::Display(math)) = piece else {
                continue;
            };
            // Số trong \tag{c.n} là số công thức, không phải giá trị.
            let math = tag.replace_all(math, "").replace("{,}", ",");
            for m in token.find_iter(&math) {
                if m.as_str().contains("\\,") || !book_tools::numbers::valid_number(m.as_str()) {
                    problems.push(format!(
                        "{}: «{}» trong ${}$",
                        path.display(),
                        m.as_str(),
                        math.trim()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}

/// Bộ kiểm cách viết số trên trang dựng: bắt dấu chấm thập phân, nhóm nghìn sai, số dài không nhóm, nhóm bằng
/// khoảng trắng và gạch nối làm dấu trừ; tha số mục, số hình, mã, công thức và liên kết.
#[test]
fn number_rule_detector() {
    use book_tools::numbers::{number_problems, valid_number, visible_text};
    for ok in [
        "0",
        "0,15",
        "2,718",
        "1500",
        "2017",
        "50.257",
        "128.000",
        "1.000.000",
        "38.597.376,5",
    ] {
        assert!(valid_number(ok), "{ok}");
    }
    for bad in [
        "0.15",
        "1.19",
        "50257",
        "1.500",
        "124,439,808",
        "50.25",
        "12345,6",
    ] {
        assert!(!valid_number(bad), "{bad}");
    }
    let page = |body: &str| number_problems(&visible_text(body));
    assert!(page("<p>mục 2.4, Hình 3.2 và <a href=\"x\">(2.6)</a>; KaTeX 0.16.4</p>").is_empty());
    assert!(page(
        "<p><code>0.5</code> <pre>50257</pre> <span class=\"katex\"><span>1.5</span></span></p>"
    )
    .is_empty());
    assert_eq!(page("<p>sai số 1.19 và V = 50257</p>").len(), 2);
    assert_eq!(page("<p>1 500 bước, giá trị -0,5</p>").len(), 2);
    assert_eq!(page("<td>0.9</td>").len(), 1);
}

/// Một khung cho mọi chương: dòng «Cần biết trước» ngay dưới tiêu đề, các mục nội dung đánh số `c.k`, rồi các mục
/// không đánh số theo đúng thứ tự «Kiểm thử cho thấy gì» → «Bài tập» → «Tóm tắt».
#[test]
fn chapters_follow_the_skeleton() {
    let mut problems = Vec::new();
    let mut seen = 0;
    for path in chapters() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // Chương là «cc-tên.md» (hai chữ số rồi gạch nối); «404.md» là trang lỗi, không phải chương 40.
        let Some(number) = name
            .split_once('-')
            .filter(|(n, _)| n.len() == 2)
            .and_then(|(n, _)| n.parse::<u32>().ok())
        else {
            continue;
        };
        seen += 1;
        let text = fs::read_to_string(&path).unwrap();
        let head: Vec<&str> = text.lines().take(4).collect();
        if !head.iter().any(|l| l.starts_with("> **Cần biết trước.**")) {
            problems.push(format!(
                "{name}: thiếu «> **Cần biết trước.** …» ngay dưới tiêu đề"
            ));
        }
        let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
        let position = |title: &str| headings.iter().position(|h| h.starts_with(title));
        let tests = position("## Kiểm thử cho thấy gì");
        let exercises = position("## Bài tập");
        let summary = position("## Tóm tắt");
        if tests.is_none() || exercises.is_none() || summary.is_none() {
            problems.push(format!(
                "{name}: cần đủ ba mục «Kiểm thử cho thấy gì», «Bài tập», «Tóm tắt» (không đánh số)"
            ));
        } else if !(tests < exercises && exercises < summary) {
            problems.push(format!(
                "{name}: thứ tự phải là Kiểm thử cho thấy gì → Bài tập → Tóm tắt"
            ));
        }
        let numbered = regex::Regex::new(&format!(r"^## {number}\.\d+\. ")).unwrap();
        for h in &headings {
            let fixed = [
                "## Kiểm thử",
                "## Thử tương tác",
                "## Bài tập",
                "## Tóm tắt",
                "## Tài liệu tham khảo",
            ];
            if !numbered.is_match(h) && !fixed.iter().any(|f| h.starts_with(f)) {
                problems.push(format!(
                    "{name}: mục «{h}» cần số «{number}.k.» hoặc là một mục cố định của khung"
                ));
            }
            if numbered.is_match(h) && h.contains("Kiểm thử cho thấy gì") {
                problems.push(format!("{name}: «Kiểm thử cho thấy gì» không đánh số"));
            }
        }
    }
    assert_eq!(seen, 10, "số chương");
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}

/// Mức khó hiện trong sách: mỗi đề «**Bài c.k» trong chương mang một mức (★ viết lại công thức, ★★ tự dẫn ra, ★★★ mở
/// rộng), và chú thích `/// Bài c.k (★…)` trong mã bài tập ghi cùng mức đó.
#[test]
fn exercise_tiers_are_shown_and_consistent() {
    let statement = regex::Regex::new(r"\*\*Bài (\d+\.\d+)( \((★{1,3})[,)])?").unwrap();
    let comment = regex::Regex::new(r"/// Bài (\d+\.\d+) \((★{1,3})\)").unwrap();
    let mut tiers = std::collections::HashMap::new();
    let mut problems = Vec::new();
    for path in chapters() {
        let text = fs::read_to_string(&path).unwrap();
        for c in statement.captures_iter(&text) {
            match c.get(3) {
                Some(t) => {
                    tiers.insert(c[1].to_string(), t.as_str().to_string());
                }
                None => problems.push(format!("{}: «Bài {}» thiếu mức ★", path.display(), &c[1])),
            }
        }
    }
    let sources = files(&repo_root().join("code/exercises/src"), "rs").unwrap();
    for path in sources {
        let text = fs::read_to_string(&path).unwrap();
        for c in comment.captures_iter(&text) {
            if tiers.get(&c[1]).map(String::as_str) != Some(&c[2]) {
                problems.push(format!(
                    "{}: Bài {} ghi mức {} nhưng chương ghi {:?}",
                    path.display(),
                    &c[1],
                    &c[2],
                    tiers.get(&c[1])
                ));
            }
        }
    }
    assert!(tiers.len() >= 24, "chỉ thấy {} đề bài", tiers.len());
    assert!(problems.is_empty(), "\n  {}", problems.join("\n  "));
}
