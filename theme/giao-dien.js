'use strict';
/*
 * Chữ trên giao diện bằng tiếng Việt: tiêu đề khối nhắc (admonition) mà mdBook 0.5 in bằng tiếng Anh
 * («Note», «Tip», …), tên chủ đề, nhãn nút và bảng phím tắt. Chỉ đổi chữ hiển thị, không đổi cấu trúc trang.
 */
(function () {
  const ADMONITIONS = {
    note: 'Ghi chú', tip: 'Mẹo', important: 'Quan trọng', warning: 'Cảnh báo', caution: 'Thận trọng',
  };
  document.querySelectorAll('.blockquote-tag').forEach((b) => {
    const kind = [...b.classList].map((c) => c.replace('blockquote-tag-', '')).find((c) => ADMONITIONS[c]);
    const title = b.querySelector('.blockquote-tag-title');
    if (!kind || !title) return;
    const text = [...title.childNodes].reverse().find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (text) text.textContent = ADMONITIONS[kind];
  });

  const THEMES = { light: 'Sáng', rust: 'Rust (nâu)', coal: 'Than (tối)', navy: 'Xanh đêm (tối)', ayu: 'Ayu (tối)' };
  Object.entries(THEMES).forEach(([id, name]) => {
    const b = document.getElementById('mdbook-theme-' + id);
    if (b) b.textContent = name;
  });

  const LABELS = {
    'Toggle Table of Contents': 'Ẩn/hiện mục lục', 'Change theme': 'Đổi chủ đề', 'Search (`/`)': 'Tìm kiếm (phím /)',
    'Toggle Searchbar': 'Ẩn/hiện ô tìm kiếm', 'Print this book': 'In cả cuốn sách', 'Previous chapter': 'Chương trước',
    'Next chapter': 'Chương sau', 'Table of contents': 'Mục lục', 'Themes': 'Chủ đề', 'Page navigation': 'Chuyển trang',
    'Copy to clipboard': 'Chép', 'Run this code': 'Chạy đoạn mã này',
  };
  const translate = (root) => root.querySelectorAll('[title], [aria-label]').forEach((e) => {
    ['title', 'aria-label'].forEach((a) => {
      const v = e.getAttribute(a);
      if (v && LABELS[v]) e.setAttribute(a, LABELS[v]);
    });
  });
  translate(document);
  // Nút chép/chạy mã do book.js thêm sau khi trang nạp.
  window.addEventListener('load', () => translate(document));

  const help = document.getElementById('mdbook-help-popup');
  if (help) {
    const h = help.querySelector('.mdbook-help-title');
    if (h) h.textContent = 'Phím tắt';
    const lines = {
      'to navigate between chapters': 'để chuyển chương', 'to search in the book': 'để tìm trong sách',
      'to show this help': 'để hiện bảng này', 'to hide this help': 'để ẩn bảng này',
    };
    help.querySelectorAll('p').forEach((p) => {
      p.childNodes.forEach((n) => {
        if (n.nodeType !== Node.TEXT_NODE) return;
        let t = n.textContent;
        Object.entries(lines).forEach(([en, vi]) => { t = t.replace(en, vi); });
        n.textContent = t.replace(/^Press\s/, 'Bấm ').replace(/\sor\s/, ' hoặc ');
      });
    });
  }
})();
