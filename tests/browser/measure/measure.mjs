// ĐO, không phải kiểm thử: thời gian từ lúc điều hướng tới khi chương nặng nhất hiển thị xong,
//   (a) như sách dựng: công thức KaTeX dựng sẵn lúc dựng sách, trình duyệt chỉ nạp CSS + phông;
//   (b) cùng chương ấy hiển thị bằng tuỳ chọn MathJax của mdBook (mathjax-support = true chèn
//       <script async src="https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.1/MathJax.js?config=TeX-AMS-MML_HTMLorMML">).
// Trang (b) được làm từ trang (a) ngay trong trình duyệt: mỗi công thức KaTeX được thay bằng mã TeX gốc của nó
// (phần <annotation encoding="application/x-tex">) trong dấu $$…$$ hoặc \(…\), rồi thêm đúng thẻ script trên.
// Yêu cầu tới cdnjs được trả lời từ gói npm mathjax@2.7.1 cục bộ, nên cả hai chạy trên 127.0.0.1.
//
// Cách dùng: (cd tests/browser/measure && npm ci) && node tests/browser/measure/measure.mjs <thư mục bản dựng> [số lần]
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../run.mjs';
import { serve } from '../serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const MATHJAX_DIR = join(here, 'node_modules', 'mathjax');
const CDN = 'https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.1/';
const MATHJAX_TAG = `<script async src="${CDN}MathJax.js?config=TeX-AMS-MML_HTMLorMML"></script>`;
const TYPES = { '.js': 'text/javascript', '.woff': 'font/woff', '.otf': 'font/otf', '.eot': 'application/octet-stream', '.svg': 'image/svg+xml', '.ttf': 'font/ttf' };

const bookDir = process.argv[2];
const runs = Number(process.argv[3] || 5);
const chapters = readdirSync(bookDir).filter((f) => /^\d\d-.*\.html$/.test(f) || f === 'bang-kiem-chung.html');
const heaviest = chapters
  .map((f) => ({ f, n: (readFileSync(join(bookDir, f), 'utf8').match(/class="katex"/g) || []).length }))
  .sort((a, b) => b.n - a.n)[0];
console.log(`chương nặng nhất: ${heaviest.f} (${heaviest.n} công thức)`);

let mathjaxPage = null;
const server = await serve(bookDir, (path) => (path === '/mathjax.html' && mathjaxPage
  ? { type: 'text/html; charset=utf-8', body: mathjaxPage } : null));
const origin = `http://127.0.0.1:${server.port}`;
const browser = await launch();
const outside = [];
await browser.context.route('**/*', (route) => {
  const url = route.request().url();
  if (url.startsWith(origin + '/')) return route.continue();
  if (url.startsWith(CDN)) {
    const rel = url.slice(CDN.length).split('?')[0];
    try {
      return route.fulfill({ status: 200, contentType: TYPES[extname(rel)] || 'application/octet-stream', body: readFileSync(join(MATHJAX_DIR, rel)) });
    } catch { return route.fulfill({ status: 404, body: '' }); }
  }
  outside.push(url);
  return route.abort();
});

// Làm trang MathJax từ trang KaTeX.
{
  const page = await browser.context.newPage();
  await page.addInitScript(() => { window.print = () => {}; });
  await page.goto(`${origin}/${heaviest.f}`, { waitUntil: 'load' });
  mathjaxPage = await page.evaluate((tag) => {
    const tex = (k) => (k.querySelector('annotation[encoding="application/x-tex"]') || {}).textContent || '';
    document.querySelectorAll('.katex-display').forEach((d) => d.replaceWith(document.createTextNode(`$$${tex(d)}$$`)));
    document.querySelectorAll('.katex').forEach((k) => k.replaceWith(document.createTextNode(`\\(${tex(k)}\\)`)));
    document.querySelectorAll('link[href*="katex.min.css"]').forEach((l) => l.remove());
    // Bỏ các thẻ script do trang tự chèn khi chạy (giữ bản HTML như lúc phục vụ).
    document.querySelectorAll('script#mdbook-search-index').forEach((s) => s.remove());
    const html = '<!DOCTYPE html>\n' + document.documentElement.outerHTML;
    return html.replace('</title>', '</title>\n' + tag);
  }, MATHJAX_TAG);
  await page.close();
}

async function once(url, mathjax) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript((mj) => {
    window.print = () => {};
    if (mj) {
      window.MathJax = { AuthorInit() { window.MathJax.Hub.Register.StartupHook('End', () => { window.__mathDone = true; }); } };
    }
  }, mathjax);
  await page.goto(url, { waitUntil: 'load' });
  if (mathjax) await page.waitForFunction(() => window.__mathDone === true, null, { timeout: 120000 });
  const r = await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    return {
      ms: performance.now(),
      katex: document.querySelectorAll('.katex').length,
      mathjax: document.querySelectorAll('.MathJax, .MathJax_Display, .MathJax_CHTML, .MathJax_SVG').length,
      mjErrors: document.querySelectorAll('.MathJax_Error, merror').length,
    };
  });
  await page.close();
  return { ...r, errors };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const results = { katex: [], mathjax: [] };
let last = {};
for (let i = 0; i < runs; i++) {
  const a = await once(`${origin}/${heaviest.f}`, false);
  const b = await once(`${origin}/mathjax.html`, true);
  results.katex.push(a.ms);
  results.mathjax.push(b.ms);
  last = { a, b };
}
console.log(`KaTeX dựng sẵn (sách):  trung vị ${median(results.katex).toFixed(0)} ms  [${results.katex.map((x) => x.toFixed(0)).join(', ')}]  (${last.a.katex} phần tử .katex)`);
console.log(`MathJax 2.7.1 (mdBook): trung vị ${median(results.mathjax).toFixed(0)} ms  [${results.mathjax.map((x) => x.toFixed(0)).join(', ')}]  (${last.b.mathjax} phần tử MathJax, ${last.b.mjErrors} lỗi)`);
console.log(`yêu cầu ra ngoài không được trả lời cục bộ: ${outside.length}${outside.length ? ' ' + outside.join(' ') : ''}`);
if (last.b.errors.length) console.log(`lỗi JS trang MathJax: ${last.b.errors.join('; ')}`);
await browser.close();
server.close();
