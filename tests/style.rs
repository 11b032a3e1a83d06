//! Chính tả và quy ước của sách (STYLE.md, mục 4): Unicode NFC, một kiểu bỏ dấu («hoá», «thuỷ», không «hóa»,
//! «thủy»), và không có chữ tiếng Việt trong công thức (KaTeX không có phông cho chúng).

use std::fs;
use std::path::PathBuf;

use book_tools::markdown::{pieces, Piece};
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
