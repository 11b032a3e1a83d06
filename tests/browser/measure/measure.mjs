// ĐO, không phải kiểm thử: thời gian từ lúc điều hướng tới khi chương nặng nhất hiển thị xong,
//   (a) như sách dựng: công thức KaTeX dựng sẵn lúc dựng sách, trình duyệt chỉ nạp CSS + phông;
//   (b) cùng chương ấy dựng với tuỳ chọn MathJax của mdBook (mathjax-support = true chèn
//       <script async src="https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.1/MathJax.js?config=TeX-AMS-MML_HTMLorMML">),
//       công thức để nguyên mã TeX trong \(…\) và \[…\] (bộ tiền xử lý với math = "mathjax", xem run.sh).
// Yêu cầu tới cdnjs được trả lời từ gói npm mathjax@2.7.1 cục bộ, nên cả hai chạy trên 127.0.0.1.
//
// Cách dùng: tests/browser/measure/run.sh [số lần]   (hoặc: node measure.mjs <bản KaTeX> <bản MathJax> [số lần])
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../run.mjs';
import { serve } from '../serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const MATHJAX_DIR = join(here, 'node_modules', 'mathjax');
const CDN = 'https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.1/';
const TYPES = { '.js': 'text/javascript', '.woff': 'font/woff', '.otf': 'font/otf', '.eot': 'application/octet-stream', '.svg': 'image/svg+xml', '.ttf': 'font/ttf' };

const bookDir = process.argv[2];
const mathjaxDir = process.argv[3];
const runs = Number(process.argv[4] || 5);
const chapters = readdirSync(bookDir).filter((f) => /^\d\d-.*\.html$/.test(f) || f === 'bang-kiem-chung.html');
const heaviest = chapters
  .map((f) => ({ f, n: (readFileSync(join(bookDir, f), 'utf8').match(/class="katex"/g) || []).length }))
  .sort((a, b) => b.n - a.n)[0];
console.log(`chương nặng nhất: ${heaviest.f} (${heaviest.n} công thức)`);

const server = await serve(bookDir);
const origin = `http://127.0.0.1:${server.port}`;
const serverMj = await serve(mathjaxDir);
const originMj = `http://127.0.0.1:${serverMj.port}`;
const browser = await launch();
const outside = [];
const missing = [];
await browser.context.route('**/*', (route) => {
  const url = route.request().url();
  if (url.startsWith(origin + '/') || url.startsWith(originMj + '/')) return route.continue();
  if (url.startsWith(CDN)) {
    const rel = url.slice(CDN.length).split('?')[0];
    try {
      return route.fulfill({ status: 200, contentType: TYPES[extname(rel)] || 'application/octet-stream', body: readFileSync(join(MATHJAX_DIR, rel)) });
    } catch { missing.push(rel); return route.fulfill({ status: 404, body: '' }); }
  }
  outside.push(url);
  return route.abort();
});

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
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      ms: performance.now(),
      load: nav ? nav.loadEventEnd : NaN,
      katex: document.querySelectorAll('.katex').length,
      mathjax: document.querySelectorAll('.MathJax, .MathJax_Display, .MathJax_CHTML, .MathJax_SVG').length,
      mjErrors: document.querySelectorAll('.MathJax_Error, merror').length,
    };
  });
  // Ảnh chụp (tuỳ chọn, sau khi đã đo) để xem bằng mắt hai cách hiển thị.
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/do-${mathjax ? 'mathjax' : 'katex'}.png` });
  await page.close();
  return { ...r, errors };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const results = { katex: [], mathjax: [], katexLoad: [], mathjaxLoad: [] };
let last = {};
for (let i = 0; i < runs; i++) {
  const a = await once(`${origin}/${heaviest.f}`, false);
  const b = await once(`${originMj}/${heaviest.f}`, true);
  results.katex.push(a.ms);
  results.mathjax.push(b.ms);
  results.katexLoad.push(a.load);
  results.mathjaxLoad.push(b.load);
  last = { a, b };
}
console.log(`KaTeX dựng sẵn (sách):  trung vị ${median(results.katex).toFixed(0)} ms  [${results.katex.map((x) => x.toFixed(0)).join(', ')}]  (${last.a.katex} phần tử .katex)`);
console.log(`MathJax 2.7.1 (mdBook): trung vị ${median(results.mathjax).toFixed(0)} ms  [${results.mathjax.map((x) => x.toFixed(0)).join(', ')}]  (${last.b.mathjax} phần tử MathJax, ${last.b.mjErrors} lỗi)`);
console.log(`sự kiện load (trung vị): KaTeX ${median(results.katexLoad).toFixed(0)} ms, MathJax ${median(results.mathjaxLoad).toFixed(0)} ms`);
console.log(`tệp MathJax không có trong gói npm: ${missing.length}${missing.length ? ' ' + [...new Set(missing)].join(' ') : ''}`);
console.log(`yêu cầu ra ngoài không được trả lời cục bộ: ${outside.length}${outside.length ? ' ' + outside.join(' ') : ''}`);
if (last.b.errors.length) console.log(`lỗi JS trang MathJax: ${last.b.errors.join('; ')}`);
await browser.close();
server.close();
serverMj.close();
