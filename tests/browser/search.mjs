// Tìm kiếm tiếng Việt trong trình duyệt: gõ có dấu và không dấu đều ra đúng chương.
// Mỗi truy vấn: đoạn trích của kết quả đầu chứa đúng cụm CÓ DẤU; `phraseTop` kết quả đầu đều là mục chứa cụm ấy
// (nên «do dai» không ra «đó dài» hay «dài» đơn lẻ); trang mong đợi nằm trong `top` kết quả đầu.
export const QUERIES = [
  { q: 'mat mat', phrase: 'mất mát', phraseTop: 3, page: 'index.html', top: 10 },
  { q: 'mất mát', phrase: 'mất mát', phraseTop: 3, page: 'index.html', top: 10 },
  { q: 'do dai', phrase: 'độ dài', phraseTop: 3, page: '01-gioi-thieu.html', top: 10 },
  { q: 'độ dài', phrase: 'độ dài', phraseTop: 3, page: '01-gioi-thieu.html', top: 10 },
  { q: 'xac suat', phrase: 'xác suất', phraseTop: 3, page: '02-entropy-cheo.html', top: 3 },
  { q: 'xác suất', phrase: 'xác suất', phraseTop: 3, page: '02-entropy-cheo.html', top: 3 },
  // Bộ tìm kiếm gốc: «được» thành «c», «độ» thành rỗng, «do» là từ dừng tiếng Anh.
  { q: 'được', phrase: 'được', phraseTop: 3, page: null, top: 30 },
  { q: 'nhiet do', phrase: 'nhiệt độ', phraseTop: 1, page: '02-entropy-cheo.html', top: 3 },
];

/** Chạy truy vấn qua giao diện tìm kiếm của sách (?search=…); trả về [{page, href, teaser}] và tiêu đề. */
export async function runQuery(context, origin, q) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/index.html?search=${encodeURIComponent(q)}`, { waitUntil: 'load' });
  await page.waitForFunction(() => {
    const h = document.getElementById('mdbook-searchresults-header');
    return h && h.innerText.trim() !== '';
  }, null, { timeout: 10000 });
  const out = await page.evaluate(() => ({
    header: document.getElementById('mdbook-searchresults-header').innerText,
    results: [...document.querySelectorAll('#mdbook-searchresults li')].map((li) => {
      const a = li.querySelector('a');
      const href = a.getAttribute('href');
      // Văn bản đầy đủ của mục (từ searchindex.js của mdBook), để kiểm mục khớp đúng cụm có dấu.
      const u = new URL(a.href);
      const key = u.pathname.split('/').pop() + (u.hash ? '#' + decodeURIComponent(u.hash.slice(1)) : '');
      const i = window.search.doc_urls.indexOf(key);
      const doc = i >= 0 ? window.search.index.documentStore.docs[i] : null;
      const text = doc ? `${doc.title} ${doc.body}`.normalize('NFC').toLowerCase() : '';
      return { href, page: href.split(/[?#]/)[0].split('/').pop(), teaser: li.innerText, text, title: doc ? doc.title.trim() : '' };
    }),
  }));
  await page.close();
  return { ...out, errors };
}

/** Truy vấn CÓ DẤU chỉ khớp đúng dấu: «độ phức tạp» không có trong sách (bỏ dấu thì «tạp» khớp «tập»). */
export const NO_MATCH = ['độ phức tạp'];
/** Mục định nghĩa một thuật ngữ đứng trước các mục chỉ nhắc tới nó: tiêu đề kết quả đầu bắt đầu bằng `title`. */
export const DEFINITIONS = [
  { q: 'KL', title: '6.1.' },
  { q: 'Hogwild', title: 'Tốc độ: ma trận phẳng' },
];
/** Đoạn trích có công thức không bị vụn: chữ của KaTeX HTML («lo g 2», «i = 1 ∑ V»). */
const GARBLED = [/\blo g\b/, /= 1 ∑/, /\bex p\b/, /\bma x\b/, /\bmi n\b/, /\bsoftma x\b/];
export const SNIPPET_QUERIES = ['log 2', 'entropy chéo', 'tổng', 'KL', 'softmax'];

export async function checkSearch(context, origin) {
  const problems = [];
  for (const q of NO_MATCH) {
    const r = await runQuery(context, origin, q);
    console.log(`tìm «${q}»: ${r.results.length} kết quả; tiêu đề: ${r.header.trim()}`);
    if (r.results.length) problems.push(`tìm «${q}»: ${r.results.length} kết quả không liên quan (đầu: ${r.results[0].teaser.slice(0, 80)})`);
    if (!/Không tìm thấy/.test(r.header)) problems.push(`tìm «${q}»: không báo cho bạn đọc là không có kết quả (${r.header.trim()})`);
  }
  for (const { q, title } of DEFINITIONS) {
    const r = await runQuery(context, origin, q);
    const titles = r.results.slice(0, 4).map((x) => x.title);
    console.log(`tìm «${q}» (định nghĩa trước): ${titles.join(' | ')}`);
    if (!r.results.length || !r.results[0].title.startsWith(title)) problems.push(`tìm «${q}»: mục định nghĩa «${title}…» không đứng đầu (${titles.join(' | ')})`);
  }
  let garbled = 0;
  for (const q of SNIPPET_QUERIES) {
    const r = await runQuery(context, origin, q);
    for (const x of r.results.slice(0, 10)) {
      const bad = GARBLED.find((re) => re.test(x.teaser));
      if (bad) { garbled++; problems.push(`tìm «${q}»: đoạn trích có công thức bị vụn (${bad}): ${x.teaser.slice(0, 160)}`); }
    }
  }
  console.log(`đoạn trích có công thức bị vụn: ${garbled}`);
  for (const { q, phrase, phraseTop, page, top } of QUERIES) {
    const r = await runQuery(context, origin, q);
    const shown = r.results.slice(0, 3).map((x) => decodeURIComponent(x.href)).join(' | ');
    console.log(`tìm «${q}»: ${r.results.length} kết quả; đầu: ${shown}`);
    problems.push(...r.errors.map((e) => `tìm «${q}»: lỗi JS ${e}`));
    if (r.results.length === 0) {
      problems.push(`tìm «${q}»: không có kết quả (${r.header})`);
      continue;
    }
    if (!r.results[0].teaser.toLowerCase().includes(phrase)) {
      problems.push(`tìm «${q}»: đoạn trích kết quả đầu không chứa «${phrase}»: ${r.results[0].teaser.slice(0, 200)}`);
    }
    r.results.slice(0, phraseTop).forEach((x, i) => {
      if (!x.text.includes(phrase)) problems.push(`tìm «${q}»: kết quả ${i + 1} (${x.href}) không chứa «${phrase}»`);
    });
    if (page && !r.results.slice(0, top).some((x) => x.page === page)) {
      problems.push(`tìm «${q}»: ${page} không nằm trong ${top} kết quả đầu (${shown})`);
    }
    if (!/kết quả cho «/.test(r.header)) problems.push(`tìm «${q}»: tiêu đề kết quả không phải tiếng Việt: ${r.header}`);
  }
  return problems;
}
