'use strict';
/*
 * Chạy mã trong trang, bằng tiếng Việt. book.js của mdBook vẫn gửi mã tới Rust Playground; tệp này chỉ:
 *  - tách bộ kiểm của bài tập (phần sau dòng «// ---- bộ kiểm», trong Markdown là các dòng ẩn `# `) khỏi trình
 *    soạn thảo, và ghép lại đúng như lúc dựng khi bạn đọc bấm Chạy (xem scripts/book/playground.rs);
 *  - đổi mọi chữ của playground sang tiếng Việt (Chạy, Chép, hiện dòng ẩn, đang chạy, lỗi);
 *  - khi không tới được playground: nói bằng tiếng Việt và đưa lệnh chạy trên máy (dòng «// Chạy trên máy: »);
 *  - tô kết quả «đạt» / «chưa đạt».
 */
(function () {
  const MARKER = '\n// ---- bộ kiểm';
  const LOCAL = '// Chạy trên máy: ';
  const harnesses = new WeakMap(); // <pre> của bài tập → bộ kiểm

  // 1. Bài tập: trình soạn thảo chỉ giữ hàm của bạn đọc; bộ kiểm được cất riêng.
  (window.editors || []).forEach((editor) => {
    const text = editor.getValue();
    const at = text.indexOf(MARKER);
    if (at < 0) return;
    const pre = editor.container.closest('pre');
    harnesses.set(pre, text.slice(at + 1));
    pre.classList.add('bai-tap');
    editor.setValue(text.slice(0, at + 1), 1);
    editor.originalCode = editor.getValue();
  });

  // Mã gửi đi = hàm của bạn đọc + bộ kiểm; nút Chép chỉ chép hàm của bạn đọc.
  const original = window.playground_text;
  window.playground_text = function (playground, hidden = true) {
    const harness = harnesses.get(playground);
    if (!harness) return original(playground, hidden);
    const code = window.ace.edit(playground.querySelector('code')).getValue();
    return hidden ? code.replace(/\n+$/, '') + '\n' + harness : code;
  };

  const localCommand = (pre) => {
    const text = harnesses.get(pre) || (pre.querySelector('code') || pre).textContent;
    const line = text.split('\n').find((l) => l.startsWith(LOCAL));
    return line ? line.slice(LOCAL.length) : null;
  };

  // 2. Chữ trên nút.
  const TITLES = {
    'Run this code': 'Chạy đoạn mã này (gửi tới Rust Playground)',
    'Copy to clipboard': 'Chép',
    'Undo changes': 'Hoàn tác mọi thay đổi',
    'Show hidden lines': 'Hiện các dòng ẩn',
    'Hide lines': 'Ẩn các dòng phụ',
  };
  const translateButtons = () => document.querySelectorAll('pre .buttons button').forEach((b) => {
    const vi = TITLES[b.title];
    if (vi) {
      b.dataset.en = b.title;
      b.title = vi;
      b.setAttribute('aria-label', vi);
    }
  });
  translateButtons();

  // Nút hiện/ẩn dòng ẩn: book.js so sánh tiêu đề tiếng Anh, nên ta tự bật/tắt (bắt sự kiện trước nó).
  document.addEventListener('click', (e) => {
    const button = e.target.closest && e.target.closest('pre > .buttons > button');
    if (!button || !['Show hidden lines', 'Hide lines'].includes(button.dataset.en)) return;
    e.stopPropagation();
    const block = button.closest('pre').querySelector('code');
    const show = block.classList.contains('hide-boring');
    block.classList.toggle('hide-boring', !show);
    button.innerHTML = document.getElementById(show ? 'fa-eye-slash' : 'fa-eye').innerHTML;
    button.dataset.en = show ? 'Hide lines' : 'Show hidden lines';
    button.title = TITLES[button.dataset.en];
    button.setAttribute('aria-label', button.title);
  }, true);

  // Bài tập: nút xem bộ kiểm (chỉ đọc) dưới trình soạn thảo.
  document.querySelectorAll('pre.bai-tap').forEach((pre) => {
    const details = document.createElement('details');
    details.className = 'bo-kiem';
    const summary = document.createElement('summary');
    summary.textContent = 'Xem bộ kiểm được gửi kèm khi bấm Chạy';
    const code = document.createElement('pre');
    code.textContent = harnesses.get(pre);
    details.append(summary, code);
    pre.after(details);
  });

  // 3. Kết quả: chữ tiếng Việt, lời nhắn khi không tới được playground, tô đạt / chưa đạt.
  const offline = (pre) => {
    const command = localCommand(pre);
    return 'Không tới được Rust Playground (play.rust-lang.org): có thể bạn đang ngoại tuyến hoặc máy chủ bận.\n'
      + (command ? 'Chạy trên máy, trong thư mục của sách: ' + command : 'Hãy chạy đoạn mã này trên máy bằng cargo.');
  };
  const RESULTS = [
    [/^Running\.\.\.$/, () => 'Đang chạy trên Rust Playground…'],
    [/^No output$/, () => 'Chương trình chạy xong, không in gì.'],
    [/^Playground Communication: /, (pre) => offline(pre)],
  ];
  const fixResult = (result) => {
    const text = result.innerText;
    const pre = result.closest('pre');
    for (const [re, vi] of RESULTS) {
      if (re.test(text)) {
        result.innerText = vi(pre);
        result.classList.toggle('chay-loi-mang', re === RESULTS[2][0]);
        return;
      }
    }
    if (!harnesses.has(pre) || result.classList.contains('chay-loi-mang')) return;
    const lines = text.split('\n').map((l) => l.trim());
    result.classList.toggle('chay-dat', lines.includes('đạt'));
    result.classList.toggle('chay-chua-dat', lines.some((l) => l.startsWith('chưa đạt')) || !lines.includes('đạt'));
  };
  const TOOLTIPS = { 'Copied!': 'Đã chép!', 'Clipboard error!': 'Không chép được!' };
  new MutationObserver((mutations) => {
    const seen = new Set();
    mutations.forEach((m) => {
      const el = m.target.nodeType === Node.ELEMENT_NODE ? m.target : m.target.parentElement;
      if (!el) return;
      const result = el.closest('code.result') || (el.querySelector && el.querySelector('code.result'));
      if (result && !seen.has(result)) {
        seen.add(result);
        fixResult(result);
      }
      const tip = el.closest('.tooltiptext');
      if (tip && TOOLTIPS[tip.innerText]) tip.innerText = TOOLTIPS[tip.innerText];
    });
  }).observe(document.querySelector('main') || document.body, { childList: true, subtree: true, characterData: true });
})();
