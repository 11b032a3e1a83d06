//! Mọi hình của sách: vẽ được, là SVG hợp lệ, không chứa NaN, và tất định (hai lần vẽ giống nhau từng byte).

use embedding_loss::figures;

#[test]
fn figures_render_deterministically() {
    let all = figures::all();
    assert!(!all.is_empty());
    let mut names: Vec<&str> = all.iter().map(|f| f.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all.len(), "tên hình bị trùng");
    for fig in &all {
        let a = (fig.render)().unwrap_or_else(|e| panic!("hình {}: {e}", fig.name));
        let b = (fig.render)().unwrap();
        assert_eq!(a, b, "hình {} không tất định", fig.name);
        assert!(
            a.contains("<svg") && a.trim_end().ends_with("</svg>"),
            "hình {} không phải SVG",
            fig.name
        );
        assert!(
            !a.contains("NaN") && !a.contains("inf"),
            "hình {} có NaN/inf",
            fig.name
        );
        assert!(
            !fig.caption.contains('$'),
            "chú thích hình {} không được chứa công thức",
            fig.name
        );
    }
}

/// Mọi chương trình minh hoạ chạy được và có ví dụ `cargo run --example` cùng tên.
#[test]
fn programs_run_and_have_examples() {
    let root = book_tools::repo_root();
    for p in embedding_loss::programs::all() {
        let out = (p.run)().unwrap_or_else(|e| panic!("chương trình {}: {e}", p.name));
        assert!(!out.text.is_empty(), "chương trình {} không in gì", p.name);
        let example = root.join("code/examples").join(format!("{}.rs", p.name));
        assert!(example.exists(), "thiếu {}", example.display());
    }
}

/// Một hình đã vẽ: bề rộng SVG, các đoạn chữ (cỡ chữ SVG, nội dung) và SVG gốc.
struct Rendered {
    name: &'static str,
    width: f64,
    texts: Vec<(f64, String)>,
    svg: String,
}

/// Giá trị số của thuộc tính `name="…"` trong chuỗi thuộc tính `attrs`.
fn attr(attrs: &str, name: &str) -> Option<f64> {
    let key = format!(" {name}=\"");
    let start = format!(" {attrs}").find(&key)? + key.len() - 1;
    attrs[start..].split('"').next()?.parse().ok()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn rendered() -> Vec<Rendered> {
    let text = regex::Regex::new(r"(?s)<text([^>]*)>(.*?)</text>").unwrap();
    let tspan = regex::Regex::new(r"<tspan([^>]*)>").unwrap();
    let tag = regex::Regex::new(r"</?tspan[^>]*>").unwrap();
    figures::all()
        .into_iter()
        .map(|f| {
            let svg = (f.render)().unwrap_or_else(|e| panic!("hình {}: {e}", f.name));
            let width = attr(&svg[svg.find("<svg").unwrap() + 4..], "width").unwrap();
            let mut texts = Vec::new();
            for c in text.captures_iter(&svg) {
                let size = attr(&c[1], "font-size").unwrap_or(f64::NAN);
                let content = unescape(tag.replace_all(&c[2], "").trim());
                for t in tspan.captures_iter(&c[2]) {
                    if let Some(s) = attr(&t[1], "font-size") {
                        texts.push((s, content.clone()));
                    }
                }
                texts.push((size, content));
            }
            Rendered {
                name: f.name,
                width,
                texts,
                svg,
            }
        })
        .collect()
}

/// Bề rộng cột chữ của sách ở 1280 px (px CSS) và bề rộng một hình trên điện thoại (theme/book.css).
const DESKTOP_COLUMN: f64 = 750.0;
const PHONE_FIGURE: f64 = 600.0;

/// STYLE.md «Hình đọc được»: mọi chữ của hình hiển thị ≥ 11 px ở 1280 px và ≥ 9 px trên điện thoại — tính từ cỡ chữ
/// SVG và tỉ lệ co của hình (kiểm thử trình duyệt `tests/browser/layout.mjs` đo lại trong Chromium).
#[test]
fn figure_text_is_legible_at_desktop_and_phone_width() {
    let mut bad = Vec::new();
    for r in rendered() {
        let desktop = (DESKTOP_COLUMN / r.width).min(1.0);
        let phone = PHONE_FIGURE / r.width;
        for (size, text) in &r.texts {
            if !(size * desktop >= 11.0 && size * phone >= 9.0) {
                bad.push(format!(
                    "{}: «{text}» {:.1} px (1280), {:.1} px (390)",
                    r.name,
                    size * desktop,
                    size * phone
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} chữ quá nhỏ:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// Cú pháp thô trong chữ của hình hoặc chú thích (STYLE.md: nhãn có công thức viết bằng ký hiệu toán thật).
fn raw_notation(text: &str) -> Vec<String> {
    let patterns = [
        (r"[_^]", "dấu _ hay ^ của LaTeX"),
        (r"[\p{L}\p{N})‖]/[\p{L}\p{N}(√‖∂]", "phân số ASCII «a/b»"),
        (
            r"(?:^|[\s(])[A-Za-z]\d+(?:$|[\s),])",
            "chỉ số viết liền «z0»",
        ),
    ];
    let mut out = Vec::new();
    for (p, why) in patterns {
        for m in regex::Regex::new(p).unwrap().find_iter(text) {
            out.push(format!("{why}: «{}» trong «{text}»", m.as_str().trim()));
        }
    }
    out
}

/// Nhãn trục, tiêu đề, chú giải của mọi hình viết công thức bằng ký hiệu toán Unicode, không để lộ «u_cᵀv_w»,
/// «∂L/∂z_i», «count^(3/4)», «z0».
#[test]
fn figure_labels_use_math_notation() {
    let mut bad = Vec::new();
    for r in rendered() {
        for (_, text) in &r.texts {
            bad.extend(
                raw_notation(text)
                    .into_iter()
                    .map(|p| format!("{}: {p}", r.name)),
            );
        }
    }
    // Chú thích: `x_{i}` là chỉ số dưới mà trình dựng đổi thành `<sub>` (book_tools::directives::figure_html).
    let sub = regex::Regex::new(r"_\{[^}]*\}").unwrap();
    let path = regex::Regex::new(r"[\w/.-]+\.(csv|rs|md)\b").unwrap();
    for f in figures::all() {
        let typeset = sub.replace_all(f.caption, "");
        // đường dẫn tệp (code/data/….csv) không phải phân số
        let typeset = path.replace_all(&typeset, "");
        bad.extend(
            raw_notation(&typeset)
                .into_iter()
                .map(|p| format!("{} (chú thích): {p}", f.name)),
        );
    }
    bad.dedup();
    assert!(
        bad.is_empty(),
        "{} nhãn viết thô:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// Số trong hình (vạch chia, nhãn, chú giải) theo quy ước của sách (STYLE.md «Số»): dấu phẩy thập phân, dấu trừ «−»,
/// dấu chấm ngăn hàng nghìn từ năm chữ số — cùng bộ kiểm với trang sách (`book_tools::numbers`).
#[test]
fn figure_numbers_follow_the_book_rule() {
    let hyphen = regex::Regex::new(r"(?:^|[^\p{L}])-\d|\de[-+]?\d").unwrap();
    let mut bad = Vec::new();
    for r in rendered() {
        for (_, text) in &r.texts {
            let mut found = book_tools::numbers::number_problems(text);
            found.extend(
                hyphen
                    .find_iter(text)
                    .map(|m| format!("«{}» trong «{text}»", m.as_str())),
            );
            bad.extend(found.into_iter().map(|p| format!("{}: {p}", r.name)));
        }
    }
    bad.dedup();
    assert!(
        bad.is_empty(),
        "{} số sai quy ước:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// Chú thích hình không gọi màu theo độ sáng: chủ đề tối đảo độ sáng của hình (theme/book.css), nên «trắng», «xám»,
/// «đen» thành sai. Gọi theo sắc độ (xanh, cam…) hoặc hình dạng (nét đứt, mũi tên, chấm).
#[test]
fn figure_captions_do_not_name_theme_dependent_colours() {
    let words = regex::Regex::new(r"(?i)\b(trắng|xám|đen|white|gr[ae]y|black)\b").unwrap();
    let bad: Vec<String> = figures::all()
        .iter()
        .flat_map(|f| {
            words
                .find_iter(f.caption)
                .map(|m| format!("{}: «{}»", f.name, m.as_str()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(bad.is_empty(), "chú thích gọi màu theo độ sáng: {bad:?}");
}

/// Đoạn thẳng (a, b) có cắt phần trong của hình chữ nhật [x0, x1] × [y0, y1] không (Liang–Barsky)?
fn segment_hits(a: (f64, f64), b: (f64, f64), r: [f64; 4]) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a.0 - r[0]),
        (dx, r[2] - a.0),
        (-dy, a.1 - r[1]),
        (dy, r[3] - a.1),
    ] {
        if p == 0.0 {
            if q <= 0.0 {
                return false;
            }
        } else if p < 0.0 {
            t0 = t0.max(q / p);
        } else {
            t1 = t1.min(q / p);
        }
    }
    t0 < t1
}

/// Một phần tử dữ liệu đã vẽ: loại, các đỉnh (px), nửa bề dày hoặc bán kính.
type Drawn = (String, Vec<(f64, f64)>, f64);

/// Chú giải không đè lên dữ liệu: khung chú giải (chữ nhật nền trắng trong suốt 0,9 mà `style::legend` vẽ) không cắt
/// đường, chấm hay cột nào được vẽ trước nó (dữ liệu; các mẫu nét bên trong chú giải vẽ sau khung).
#[test]
fn figure_legends_do_not_cover_data() {
    let element = regex::Regex::new(r"<(rect|polyline|circle)\b([^>]*)>").unwrap();
    let points = regex::Regex::new(r#"points="([^"]*)""#).unwrap();
    let mut bad = Vec::new();
    for r in rendered() {
        let mut data: Vec<Drawn> = Vec::new();
        for c in element.captures_iter(&r.svg) {
            let a = &c[2];
            let num = |n| attr(a, n).unwrap_or(0.0);
            match &c[1] {
                "rect" if a.contains("fill=\"#FFFFFF\"") && num("opacity") < 1.0 => {
                    let (x, y) = (num("x") + 0.5, num("y") + 0.5);
                    let rect = [x, y, x + num("width") - 1.0, y + num("height") - 1.0];
                    let hits: Vec<&str> = data
                        .iter()
                        .filter(|(_, p, radius)| {
                            let grown = [
                                rect[0] - radius,
                                rect[1] - radius,
                                rect[2] + radius,
                                rect[3] + radius,
                            ];
                            p.windows(2).any(|w| segment_hits(w[0], w[1], grown))
                                || p.len() == 1 && segment_hits(p[0], p[0], grown)
                        })
                        .map(|(kind, _, _)| kind.as_str())
                        .collect();
                    if !hits.is_empty() {
                        bad.push(format!(
                            "{}: chú giải tại ({x}, {y}) đè {} phần tử ({})",
                            r.name,
                            hits.len(),
                            hits[0]
                        ));
                    }
                }
                "rect" if !a.contains("fill=\"#FFFFFF\"") && !a.contains("fill=\"none\"") => {
                    let (x, y) = (num("x"), num("y"));
                    let (w, h) = (num("width"), num("height"));
                    // cột hay ô: bốn cạnh và hai đường chéo
                    let c = [
                        (x, y),
                        (x + w, y),
                        (x + w, y + h),
                        (x, y + h),
                        (x, y),
                        (x + w, y + h),
                    ];
                    data.push(("cột".into(), c.to_vec(), 0.0));
                }
                "polyline"
                    if !(a.contains("stroke=\"#000000\"")
                        && num("opacity") == 1.0
                        && num("stroke-width") == 1.0) =>
                {
                    let p = points.captures(a).map_or(Vec::new(), |p| {
                        p[1].split_whitespace()
                            .filter_map(|xy| xy.split_once(','))
                            .filter_map(|(x, y)| Some((x.parse().ok()?, y.parse().ok()?)))
                            .collect()
                    });
                    data.push(("đường".into(), p, num("stroke-width") / 2.0));
                }
                "circle" => data.push(("chấm".into(), vec![(num("cx"), num("cy"))], num("r"))),
                _ => {}
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} chú giải đè dữ liệu:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
