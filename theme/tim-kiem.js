'use strict';
/*
 * Tìm kiếm tiếng Việt cho sách.
 *
 * Bộ tìm kiếm có sẵn của mdBook 0.5.4 (elasticlunr, tiếng Anh) cắt mất chữ có dấu ở đầu/cuối từ («độ» thành
 * rỗng, «được» thành «c»), bỏ từ dừng tiếng Anh («do», «a», «an»…) và lấy gốc từ kiểu tiếng Anh. Tệp này thay
 * phần chỉ mục và chấm điểm, giữ nguyên giao diện của mdBook (ô tìm, danh sách kết quả, tô sáng):
 *
 *  - chỉ mục được dựng ngay trong trình duyệt từ văn bản đầy đủ của từng mục mà `searchindex.js` của mdBook
 *    đã chứa sẵn (documentStore) — không cần bước hậu xử lý nào, nên chạy được với `mdbook build`,
 *    `mdbook serve` lẫn `cargo run --bin book -- build`;
 *  - tách từ theo chữ cái/chữ số Unicode, không từ dừng, không lấy gốc từ;
 *  - so khớp không phân biệt dấu («mat mat» tìm ra «mất mát», «do dai» ra «độ dài»), nhưng khớp đúng dấu và
 *    khớp cả cụm (các âm tiết liền nhau, như «độ dài») được cộng điểm; từ cuối cùng khớp cả tiền tố (gõ dở).
 */
(function () {
  if (!window.elasticlunr) {
    return;
  }

  /** Bỏ dấu tiếng Việt (và mọi dấu kết hợp), «đ» → «d», chữ thường. */
  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }

  /** Các từ (âm tiết) của `s`, chữ thường, dạng NFC. */
  function words(s) {
    return s.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }

  function prepareField(text) {
    const exact = words(text || '');
    const folded = exact.map(fold);
    const tf = new Map();
    folded.forEach((w) => tf.set(w, (tf.get(w) || 0) + 1));
    const tfExact = new Map();
    exact.forEach((w) => tfExact.set(w, (tfExact.get(w) || 0) + 1));
    return {
      tf, tfExact, folded, length: folded.length,
      joinedFolded: ' ' + folded.join(' ') + ' ',
      joinedExact: ' ' + exact.join(' ') + ' ',
    };
  }

  function count(haystack, needle) {
    let n = 0;
    for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  const FIELDS = ['title', 'body', 'breadcrumbs'];

  function VietnameseIndex(raw) {
    const docs = (raw && raw.documentStore && raw.documentStore.docs) || {};
    this.docs = Object.keys(docs).map((ref) => {
      const doc = docs[ref];
      const fields = {};
      FIELDS.forEach((f) => { fields[f] = prepareField(doc[f]); });
      return { ref, doc, fields };
    });
    // Độ dài trung bình của mỗi trường: mục rất dài (như phụ lục mã nguồn) không được lợi chỉ vì dài (BM25).
    this.avgLength = {};
    FIELDS.forEach((f) => {
      const total = this.docs.reduce((sum, d) => sum + d.fields[f].length, 0);
      this.avgLength[f] = Math.max(1, total / Math.max(1, this.docs.length));
    });
    // Số mục chứa mỗi từ (đã bỏ dấu), cho trọng số idf.
    this.df = new Map();
    this.docs.forEach((d) => {
      const seen = new Set();
      FIELDS.forEach((f) => d.fields[f].tf.forEach((_, w) => seen.add(w)));
      seen.forEach((w) => this.df.set(w, (this.df.get(w) || 0) + 1));
    });
    // Danh sách từ để khớp tiền tố cho từ cuối đang gõ dở.
    this.vocabulary = Array.from(this.df.keys());
  }

  VietnameseIndex.prototype.idf = function (w) {
    return Math.log(1 + this.docs.length / (1 + (this.df.get(w) || 0)));
  };

  /** Cùng giao diện với `elasticlunr.Index.search`: [{ref, score, doc}], điểm giảm dần. */
  VietnameseIndex.prototype.search = function (query, options) {
    const exact = words(query);
    if (exact.length === 0) {
      return [];
    }
    const folded = exact.map(fold);
    const hasMarks = exact.some((w, i) => w !== folded[i]);
    const boosts = {};
    FIELDS.forEach((f) => {
      const conf = options && options.fields && options.fields[f];
      boosts[f] = conf && typeof conf.boost === 'number' ? conf.boost : 1;
    });
    // Từ cuối có thể đang gõ dở: chấp nhận mọi từ của chỉ mục bắt đầu bằng nó (điểm thấp hơn).
    const last = folded[folded.length - 1];
    const prefixes = last.length >= 2
      ? this.vocabulary.filter((w) => w !== last && w.startsWith(last)) : [];
    const phraseFolded = ' ' + folded.join(' ') + ' ';
    const phraseExact = ' ' + exact.join(' ') + ' ';
    const scored = [];
    this.docs.forEach((d) => {
      let score = 0;
      let matchedAll = true;
      folded.forEach((w, i) => {
        let termScore = 0;
        FIELDS.forEach((f) => {
          const fld = d.fields[f];
          // Bão hoà kiểu BM25 (k1 = 1,2; b = 0,75): lặp lại một từ hay mục dài chỉ thêm ít điểm.
          const norm = 1.2 * (0.25 + 0.75 * fld.length / this.avgLength[f]);
          const sat = (x) => (x * 2.2) / (x + norm);
          const tf = fld.tf.get(w) || 0;
          let partial = 0;
          if (i === folded.length - 1) {
            prefixes.forEach((p) => { partial += fld.tf.get(p) || 0; });
          }
          const exactTf = fld.tfExact.get(exact[i]) || 0;
          termScore += boosts[f] * (sat(tf) + 0.5 * sat(exactTf) + 0.3 * sat(partial));
        });
        if (termScore === 0) {
          matchedAll = false;
        }
        score += termScore * this.idf(w);
      });
      if (folded.length > 1) {
        FIELDS.forEach((f) => {
          const fld = d.fields[f];
          const n = count(fld.joinedFolded, phraseFolded);
          const m = hasMarks ? count(fld.joinedExact, phraseExact) : 0;
          const idf = folded.reduce((s, w) => s + this.idf(w), 0);
          const norm = 1.2 * (0.25 + 0.75 * fld.length / this.avgLength[f]);
          score += boosts[f] * idf * (2 * (n * 2.2) / (n + norm) + (m * 2.2) / (m + norm));
        });
      }
      if (score > 0) {
        scored.push({ ref: d.ref, score, doc: d.doc, matchedAll });
      }
    });
    // Như phép AND: chỉ giữ các mục chứa mọi từ, trừ khi không mục nào như vậy.
    const all = scored.filter((r) => r.matchedAll);
    const results = all.length > 0 ? all : scored;
    results.sort((a, b) => b.score - a.score || Number(a.ref) - Number(b.ref));
    return results.map((r) => ({ ref: r.ref, score: r.score, doc: r.doc }));
  };

  // searcher.js của mdBook gọi `search` của chỉ mục elasticlunr đã nạp: thay phương thức ấy trên prototype, nên
  // đúng cả khi searchindex.js (nạp động) chạy trước tệp này. Chỉ mục tiếng Việt dựng một lần cho mỗi chỉ mục.
  const built = new WeakMap();
  window.elasticlunr.Index.prototype.search = function (query, options) {
    if (!built.has(this)) {
      built.set(this, new VietnameseIndex({ documentStore: this.documentStore }));
    }
    return built.get(this).search(query, options);
  };
  // searcher.js dùng `stemmer` để tô đậm từ khớp trong đoạn trích: so khớp không dấu, bỏ dấu câu ở đầu.
  window.elasticlunr.stemmer = function (w) {
    return fold(w).replace(/^[^\p{L}\p{N}]+/u, '');
  };
  window.vietnameseSearch = { fold, words, VietnameseIndex };

  // Chữ trên giao diện tìm kiếm bằng tiếng Việt.
  const bar = document.getElementById('mdbook-searchbar');
  if (bar) {
    bar.placeholder = 'Tìm trong sách (gõ có hoặc không dấu)…';
  }
  const header = document.getElementById('mdbook-searchresults-header');
  if (header) {
    new MutationObserver(() => {
      const m = /^(\d+) search results? for '(.*)':$/.exec(header.innerText);
      const none = /^No search results for '(.*)'\.?$/.exec(header.innerText);
      if (m) {
        header.innerText = `${m[1]} kết quả cho «${m[2]}»:`;
      } else if (none) {
        header.innerText = `Không tìm thấy «${none[1]}».`;
      }
    }).observe(header, { childList: true, characterData: true, subtree: true });
  }
  // Trang mở bằng `?search=…`: nếu chỉ mục đã nạp và kết quả đã hiện trước khi tệp này chạy, tìm lại
  // (searcher.js bỏ qua truy vấn trùng truy vấn trước, nên đổi tạm một lần).
  if (bar && bar.value.trim() !== '' && window.search && window.search.index) {
    const term = bar.value;
    bar.value = term + '\u0000';
    bar.dispatchEvent(new KeyboardEvent('keyup'));
    bar.value = term;
    bar.dispatchEvent(new KeyboardEvent('keyup'));
  }
})();
