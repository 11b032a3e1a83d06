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
 *  - từ gõ KHÔNG dấu khớp mọi cách bỏ dấu («mat mat» tìm ra «mất mát», «do dai» ra «độ dài»); từ gõ CÓ dấu
 *    chỉ khớp đúng dấu («tạp» không khớp «tập»); mục phải chứa mọi từ; khớp cả cụm (các âm tiết liền nhau, như
 *    «độ dài») được cộng điểm; từ cuối cùng khớp cả tiền tố (gõ dở); không mục nào khớp thì nói rõ như vậy;
 *  - công thức: trình dựng (scripts/book/katex.rs) đánh dấu vô hình đầu/cuối mỗi công thức và mã TeX của nó;
 *    ở đây cả đoạn được thay bằng dạng đọc được của mã TeX, nên đoạn trích không còn vụn («lo g 2»);
 *  - định nghĩa: lần định nghĩa một thuật ngữ (`<dfn>` trong chương, được trình dựng đánh dấu) xếp trên mọi
 *    mục chỉ nhắc tới nó («KL» → §6.1, «Hogwild» → §4.9).
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

  // Dấu vô hình do scripts/book/katex.rs chèn: đầu công thức, [MathML], đầu TeX, mã TeX, cuối TeX, [HTML], cuối.
  const FORMULA = /\u2060[^\u2060\ue001]*\ue001([^\ue002]*)\ue002[^\u2060]*\u2060/g;
  // Dấu quanh thuật ngữ được định nghĩa (<dfn>), do scripts/book/preprocessor.rs chèn.
  const DEFINITION = /\u2045([^\u2046]*)\u2046/g;
  const TEX_SYMBOLS = {
    sum: '∑', prod: '∏', cdot: '·', times: '×', le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', neq: '≠',
    approx: '≈', infty: '∞', partial: '∂', nabla: '∇', to: '→', rightarrow: '→', mapsto: '↦', in: '∈',
    mid: '|', lVert: '‖', rVert: '‖', Vert: '‖', iff: '⇔', implies: '⇒', pm: '±', top: 'ᵀ', ell: 'ℓ',
    alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', eta: 'η', theta: 'θ',
    lambda: 'λ', mu: 'μ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', varphi: 'φ', psi: 'ψ', omega: 'ω',
    Sigma: 'Σ', Delta: 'Δ', Lambda: 'Λ', Phi: 'Φ', Omega: 'Ω', ldots: '…', dots: '…', cdots: '⋯', sqrt: '√',
    quad: ' ', qquad: ' ', lbrace: '{', rbrace: '}', langle: '⟨', rangle: '⟩',
  };

  /** Dạng đọc được của mã TeX cho đoạn trích: «\frac{p_i}{q_i}» → «p_i/q_i», «\sum» → «∑», «\log» → «log». */
  function readableTex(tex) {
    let t = tex.replace(/\\tag\*?\{[^}]*\}/g, ' ').replace(/\\(displaystyle|textstyle|left|right|big|Big|bigg|Bigg)\b/g, ' ');
    for (let i = 0; i < 8; i++) {
      t = t.replace(/\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}/g, '($1)/($2)').replace(/\\[dt]?frac(\d)(\d)/g, '$1/$2')
        .replace(/\\(?:mathrm|mathbf|mathit|mathcal|mathbb|boldsymbol|operatorname|text|textbf|hat|tilde|bar|vec|overline)\{([^{}]*)\}/g, '$1');
    }
    t = t.replace(/\(([\p{L}\p{N}_^ ]{1,3})\)\//gu, '$1/').replace(/\/\(([\p{L}\p{N}_^]{1,3})\)/gu, '/$1');
    t = t.replace(/\\\|/g, '‖').replace(/\\([A-Za-z]+)(?![A-Za-z_^])\s*/g, (m, name) => (TEX_SYMBOLS[name] || name) + ' ')
      .replace(/\\([A-Za-z]+)/g, (m, name) => TEX_SYMBOLS[name] || name)
      .replace(/\\[,;:! ]|~|&|\\\\/g, ' ').replace(/[{}]/g, '').replace(/\\([%#$])/g, '$1');
    return t.replace(/\s+/g, ' ').trim();
  }

  /** Văn bản của một mục cho chỉ mục và đoạn trích: công thức thành dạng đọc được, bỏ dấu định nghĩa. */
  function clean(text) {
    return (text || '').replace(FORMULA, (m, tex) => ' ' + readableTex(tex) + ' ')
      .replace(/[\u2045\u2046\u2060\ue001\ue002]/g, '').replace(/\s+/g, ' ').trim();
  }

  /** Các thuật ngữ được định nghĩa trong mục (mỗi thuật ngữ là danh sách từ). */
  function definitions(text) {
    return [...(text || '').replace(FORMULA, (m, tex) => ' ' + readableTex(tex) + ' ').matchAll(DEFINITION)]
      .map((m) => words(m[1])).filter((w) => w.length > 0);
  }

  function prepareField(text) {
    const exact = words(text || '');
    const folded = exact.map(fold);
    const tf = new Map();
    folded.forEach((w) => tf.set(w, (tf.get(w) || 0) + 1));
    const tfExact = new Map();
    exact.forEach((w) => tfExact.set(w, (tfExact.get(w) || 0) + 1));
    return { tf, tfExact, exact, folded, length: folded.length };
  }

  /** Từ thứ i của truy vấn khớp từ `k` của một dãy: có dấu thì đúng dấu, không dấu thì bỏ dấu. */
  function same(q, i, exact, folded, k) {
    return q.marked[i] ? exact[k] === q.exact[i] : folded[k] === q.folded[i];
  }

  /** Số lần cả cụm truy vấn xuất hiện liền nhau trong dãy từ. */
  function phraseCount(q, exact, folded) {
    let n = 0;
    for (let k = 0; k + q.exact.length <= exact.length; k++) {
      if (q.exact.every((_, i) => same(q, i, exact, folded, k + i))) {
        n++;
      }
    }
    return n;
  }

  const FIELDS = ['title', 'body', 'breadcrumbs'];

  function VietnameseIndex(raw) {
    const docs = (raw && raw.documentStore && raw.documentStore.docs) || {};
    this.docs = Object.keys(docs).map((ref) => {
      const raw = docs[ref];
      // Bản sạch của mục: searcher.js của mdBook dựng đoạn trích từ `doc.body` của kết quả.
      const doc = {};
      Object.keys(raw).forEach((k) => { doc[k] = typeof raw[k] === 'string' ? clean(raw[k]) : raw[k]; });
      const fields = {};
      FIELDS.forEach((f) => { fields[f] = prepareField(doc[f]); });
      const defs = definitions(raw.body).concat(definitions(raw.title))
        .map((w) => ({ exact: w, folded: w.map(fold) }));
      return { ref, doc, fields, defs };
    });
    // Độ dài trung bình của mỗi trường: mục rất dài (như phụ lục mã nguồn) không được lợi chỉ vì dài (BM25).
    this.avgLength = {};
    FIELDS.forEach((f) => {
      const total = this.docs.reduce((sum, d) => sum + d.fields[f].length, 0);
      this.avgLength[f] = Math.max(1, total / Math.max(1, this.docs.length));
    });
    // Số mục chứa mỗi từ (đã bỏ dấu), cho trọng số idf.
    this.df = new Map();
    this.dfExact = new Map();
    this.docs.forEach((d) => {
      const seen = new Set();
      const seenExact = new Set();
      FIELDS.forEach((f) => {
        d.fields[f].tf.forEach((_, w) => seen.add(w));
        d.fields[f].tfExact.forEach((_, w) => seenExact.add(w));
      });
      seen.forEach((w) => this.df.set(w, (this.df.get(w) || 0) + 1));
      seenExact.forEach((w) => this.dfExact.set(w, (this.dfExact.get(w) || 0) + 1));
    });
    // Danh sách từ để khớp tiền tố cho từ cuối đang gõ dở.
    this.vocabulary = Array.from(this.df.keys());
    this.vocabularyExact = Array.from(this.dfExact.keys());
  }

  VietnameseIndex.prototype.idf = function (w, marked) {
    const df = marked ? this.dfExact.get(w) : this.df.get(w);
    return Math.log(1 + this.docs.length / (1 + (df || 0)));
  };

  /** Cùng giao diện với `elasticlunr.Index.search`: [{ref, score, doc}], điểm giảm dần. */
  VietnameseIndex.prototype.search = function (query, options) {
    const exact = words(query);
    if (exact.length === 0) {
      return [];
    }
    const folded = exact.map(fold);
    const q = { exact, folded, marked: exact.map((w, i) => w !== folded[i]) };
    const key = (i) => (q.marked[i] ? exact[i] : folded[i]);
    const boosts = {};
    FIELDS.forEach((f) => {
      const conf = options && options.fields && options.fields[f];
      boosts[f] = conf && typeof conf.boost === 'number' ? conf.boost : 1;
    });
    // Từ cuối có thể đang gõ dở: chấp nhận mọi từ của chỉ mục bắt đầu bằng nó (điểm thấp hơn).
    const lastIndex = exact.length - 1;
    const last = key(lastIndex);
    const vocabulary = q.marked[lastIndex] ? this.vocabularyExact : this.vocabulary;
    const prefixes = last.length >= 2 ? vocabulary.filter((w) => w !== last && w.startsWith(last)) : [];
    const scored = [];
    this.docs.forEach((d) => {
      let score = 0;
      let matchedAll = true;
      exact.forEach((_, i) => {
        let termScore = 0;
        FIELDS.forEach((f) => {
          const fld = d.fields[f];
          // Bão hoà kiểu BM25 (k1 = 1,2; b = 0,75): lặp lại một từ hay mục dài chỉ thêm ít điểm.
          const norm = 1.2 * (0.25 + 0.75 * fld.length / this.avgLength[f]);
          const sat = (x) => (x * 2.2) / (x + norm);
          const counts = q.marked[i] ? fld.tfExact : fld.tf;
          const tf = counts.get(key(i)) || 0;
          let partial = 0;
          if (i === lastIndex) {
            prefixes.forEach((p) => { partial += counts.get(p) || 0; });
          }
          // Từ không dấu gõ đúng như trong sách (ví dụ «softmax») được thêm điểm khớp đúng.
          const exactTf = q.marked[i] ? 0 : fld.tfExact.get(exact[i]) || 0;
          termScore += boosts[f] * (sat(tf) + 0.5 * sat(exactTf) + 0.3 * sat(partial));
        });
        if (termScore === 0) {
          matchedAll = false;
        }
        score += termScore * this.idf(key(i), q.marked[i]);
      });
      // Mục phải chứa mọi từ của truy vấn (phép AND): không bao giờ trả về mục chỉ chứa một phần.
      if (!matchedAll) {
        return;
      }
      if (exact.length > 1) {
        const idf = exact.reduce((s, _, i) => s + this.idf(key(i), q.marked[i]), 0);
        FIELDS.forEach((f) => {
          const fld = d.fields[f];
          const n = phraseCount(q, fld.exact, fld.folded);
          const norm = 1.2 * (0.25 + 0.75 * fld.length / this.avgLength[f]);
          score += boosts[f] * idf * 3 * (n * 2.2) / (n + norm);
        });
      }
      // Mục định nghĩa thuật ngữ (một <dfn> chứa mọi từ của truy vấn) đứng trước mọi mục chỉ nhắc tới nó.
      const defines = d.defs.some((t) => exact.every((_, i) => t.exact.some((__, k) => same(q, i, t.exact, t.folded, k))));
      if (score > 0) {
        scored.push({ ref: d.ref, score, doc: d.doc, defines });
      }
    });
    scored.sort((a, b) => (b.defines - a.defines) || b.score - a.score || Number(a.ref) - Number(b.ref));
    return scored.map((r) => ({ ref: r.ref, score: r.score, doc: r.doc }));
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
  window.vietnameseSearch = { fold, words, clean, readableTex, VietnameseIndex };

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
        header.innerText = `Không tìm thấy «${none[1]}» trong sách: không mục nào chứa mọi từ này (từ gõ có dấu được so đúng dấu).`;
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
