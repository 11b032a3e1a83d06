//! Chỉ thị `{{#eqref c.n}}`: nhắc một công thức đánh số bằng liên kết «(c.n)» tới neo `#eq-c-n` trên trang của
//! nó. Số công thức không có trong sách là lỗi dựng — không gõ tay số công thức trong lời văn.

use std::collections::HashMap;

use anyhow::{anyhow, Result};
use mdbook_preprocessor::book::{Book, BookItem};
use regex::Regex;

/// Trang (đường dẫn `.html`) của mỗi công thức `\tag{c.n}`, theo khoá `"c.n"`.
pub fn equation_index(book: &Book) -> HashMap<String, String> {
    let re = Regex::new(r"\\tag\{(\d+\.\d+)\}").expect("regex hợp lệ");
    let mut index = HashMap::new();
    for item in book.iter() {
        let BookItem::Chapter(ch) = item else {
            continue;
        };
        let Some(path) = &ch.path else { continue };
        let page = path
            .with_extension("html")
            .to_string_lossy()
            .replace('\\', "/");
        for c in re.captures_iter(&ch.content) {
            index.insert(c[1].to_string(), page.clone());
        }
    }
    index
}

/// Thay `{{#eqref c.n}}` bằng liên kết «(c.n)» tới công thức đó.
pub fn expand_eqrefs(content: &str, index: &HashMap<String, String>) -> Result<String> {
    let re = Regex::new(r"\{\{#eqref\s+(\d+\.\d+)\s*\}\}")?;
    let mut out = String::with_capacity(content.len());
    let mut last = 0;
    for c in re.captures_iter(content) {
        let m = c.get(0).expect("nhóm 0 luôn có");
        let page = index.get(&c[1]).ok_or_else(|| {
            anyhow!(
                "{{{{#eqref {}}}}}: không có công thức \\tag{{{}}} nào trong sách",
                &c[1],
                &c[1]
            )
        })?;
        out.push_str(&content[last..m.start()]);
        out.push_str(&format!(
            "<a class=\"eqref\" href=\"{page}#eq-{}\">({})</a>",
            c[1].replace('.', "-"),
            &c[1]
        ));
        last = m.end();
    }
    out.push_str(&content[last..]);
    Ok(out)
}
