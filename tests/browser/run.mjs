// Kiểm thử sách trong Chromium thật (headless): Chromium của Debian (/usr/bin/chromium), điều khiển bằng
// playwright-core (không tự tải trình duyệt). Phục vụ bản dựng trên 127.0.0.1 và, với MỌI trang:
//   * không có phần tử .katex-error, không còn `$$` trong văn bản hiển thị;
//   * mọi <img> tải được, mọi SVG nội tuyến có kích thước; mọi phông đã nạp;
//   * không có lỗi trong console, không có phản hồi lỗi (≥ 400);
//   * KHÔNG có yêu cầu nào tới máy khác 127.0.0.1 (bị chặn và đếm — phải bằng 0);
//   * hiển thị được ở chủ đề light và coal (ảnh chụp vào thư mục tạm, không commit).
// Thêm: print.html có đủ công thức và hình; tìm kiếm tiếng Việt (có/không dấu); các widget tương tác
// cho đúng các vector vàng do crate Rust sinh lúc dựng; bài tập chạy trong trang với playground giả lập.
//
// Cách dùng: node run.mjs <thư mục bản dựng> [thư mục ảnh chụp]
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { checkSearch } from './search.mjs';
import { checkWidgets } from './widgets.mjs';
import { checkLayout, checkPrint } from './layout.mjs';
import { checkPlayground } from './playground.mjs';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Mở Chromium của Debian với hồ sơ người dùng mới (thư mục tạm). */
export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`không thấy Chromium ở ${CHROMIUM}. Cài bằng: sudo apt-get install -y chromium`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'sach-chromium-'));
  // launchPersistentContext = `--user-data-dir=<profile>` (playwright không cho truyền cờ đó qua args).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 },
  });
  // Một máy CI bận (2 lõi, trình biên dịch chạy song song) có thể nạp print.html — mọi chương, hàng nghìn công thức —
  // lâu hơn 30 s mặc định của playwright: giới hạn chung rộng hơn, vẫn hữu hạn.
  context.setDefaultNavigationTimeout(180000);
  context.setDefaultTimeout(60000);
  return { context, close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); } };
}

/** Chặn và ghi lại mọi yêu cầu không tới `origin` (tài nguyên data:/blob: không phải yêu cầu mạng). */
export async function guardNetwork(context, origin, blocked) {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/')) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
}

function htmlPages(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Mở `url` trong chủ đề `theme`, chờ hiển thị xong, trả về các vấn đề tìm thấy. */
async function checkPage(context, url, theme, shotPath) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`lỗi JS: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('requestfailed', (r) => problems.push(`yêu cầu hỏng: ${r.url()} (${r.failure()?.errorText})`));
  await page.addInitScript((t) => { try { localStorage.setItem('mdbook-theme', t); } catch (e) { /* */ } }, theme);
  // print.html gọi window.print() sau khi nạp: thay bằng hàm rỗng để trang không bị chặn.
  await page.addInitScript(() => { window.print = () => {}; });
  await page.goto(url, { waitUntil: 'load' });
  const info = await page.evaluate(async () => {
    await document.fonts.ready;
    const main = document.querySelector('main') || document.body;
    const clone = main.cloneNode(true);
    clone.querySelectorAll('pre, code, script, style, .katex').forEach((e) => e.remove());
    const imgs = [...document.images].map((i) => ({ src: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0 }));
    const svgs = [...main.querySelectorAll('figure svg')].map((s) => {
      const r = s.getBoundingClientRect();
      return { ok: r.width > 50 && r.height > 50 && s.querySelectorAll('text, path, line, polyline, rect').length > 0 };
    });
    const fontsFailed = [...document.fonts].filter((f) => f.status === 'error').map((f) => f.family);
    return {
      katexErrors: document.querySelectorAll('.katex-error').length,
      dollars: clone.innerText.includes('$$') || clone.textContent.includes('$$'),
      // Công thức nội dòng chưa dựng: `$…$` còn trong văn bản hiển thị.
      inlineMath: (clone.textContent.match(/\$[^\s$][^$\n]{0,200}?\$/g) || []).slice(0, 3),
      formulas: main.querySelectorAll('.katex').length,
      figures: main.querySelectorAll('figure.book-figure').length,
      imgs, svgs, fontsFailed,
      themeClass: document.documentElement.className,
      englishUi: [...document.querySelectorAll('.blockquote-tag-title, #mdbook-theme-list button, .mdbook-help-title')]
        .map((e) => e.textContent.trim()).filter((t) => /^(Note|Tip|Important|Warning|Caution|Light|Coal|Navy|Keyboard shortcuts)$/.test(t)),
      // Phông KaTeX thực sự được dùng: phần tử .katex có font-family KaTeX.
      katexFont: (() => { const k = main.querySelector('.katex'); return k ? getComputedStyle(k).fontFamily : null; })(),
    };
  });
  if (info.englishUi.length) problems.push(`chữ giao diện tiếng Anh: ${info.englishUi.join(', ')}`);
  if (info.katexErrors) problems.push(`${info.katexErrors} phần tử .katex-error`);
  if (info.dollars) problems.push('còn `$$` chưa dựng trong văn bản hiển thị');
  if (info.inlineMath.length) problems.push(`còn công thức \`$…$\` chưa dựng: ${info.inlineMath.join(' · ')}`);
  for (const i of info.imgs) if (!i.ok) problems.push(`ảnh không tải được: ${i.src}`);
  info.svgs.forEach((s, k) => { if (!s.ok) problems.push(`hình SVG thứ ${k + 1} không hiển thị`); });
  if (info.fontsFailed.length) problems.push(`phông lỗi: ${info.fontsFailed.join(', ')}`);
  if (!url.endsWith('/toc.html') && !info.themeClass.split(/\s+/).includes(theme)) problems.push(`chủ đề «${theme}» không được áp dụng (${info.themeClass})`);
  if (info.formulas && !/KaTeX/.test(info.katexFont || '')) problems.push(`công thức không dùng phông KaTeX (${info.katexFont})`);
  if (shotPath) await page.screenshot({ path: shotPath, fullPage: false });
  await page.close();
  return { problems, formulas: info.formulas, figures: info.figures };
}

async function main() {
  const bookDir = process.argv[2];
  if (!bookDir || !existsSync(join(bookDir, 'index.html'))) {
    throw new Error(`cần thư mục bản dựng có index.html (nhận «${bookDir}»)`);
  }
  const shots = process.argv[3] || mkdtempSync(join(tmpdir(), 'sach-anh-chup-'));
  mkdirSync(shots, { recursive: true });
  const failures = [];
  // Sách được phục vụ dưới một đường dẫn con, như GitHub Pages phục vụ một dự án: đúng `site-url` mà 404.html
  // khai báo trong <base href>. Sách chưa khai báo (base «/») thì vẫn thử dưới /sach/ — và 404 sẽ hỏng.
  const base404 = (readFileSync(join(bookDir, '404.html'), 'utf8').match(/<base href="([^"]*)"/) || [])[1] || '/';
  if (base404 === '/' || !base404.startsWith('/') || !base404.endsWith('/')) {
    failures.push(`404.html: <base href="${base404}"> — sách cần site-url là một đường dẫn con /…/ (book.toml)`);
  }
  const prefix = base404 !== '/' && base404.startsWith('/') && base404.endsWith('/') ? base404 : '/sach/';
  const server = await serve(bookDir, null, prefix);
  const host = `http://127.0.0.1:${server.port}`;
  const origin = host + prefix.slice(0, -1);
  console.log(`phục vụ sách tại ${origin}/`);
  const browser = await launch();
  const blocked = [];
  await guardNetwork(browser.context, host, blocked);
  const started = Date.now();
  try {
    const pages = htmlPages(bookDir);
    const totals = { formulas: 0, figures: 0, printFormulas: 0, printFigures: 0 };
    for (const p of pages) {
      for (const theme of ['light', 'coal']) {
        const shot = join(shots, `${p.replace(/[/.]/g, '_')}-${theme}.png`);
        const r = await checkPage(browser.context, `${origin}/${p}`, theme, shot);
        for (const pr of r.problems) failures.push(`${p} [${theme}]: ${pr}`);
        if (theme === 'light') {
          if (p === 'print.html') { totals.printFormulas = r.formulas; totals.printFigures = r.figures; }
          else if (p !== 'toc.html' && p !== '404.html') { totals.formulas += r.formulas; totals.figures += r.figures; }
        }
      }
    }
    console.log(`đã kiểm ${pages.length} trang × 2 chủ đề (light, coal): ${totals.formulas} công thức, ${totals.figures} hình`);
    // print.html gộp mọi chương: phải có đúng bằng tổng công thức và hình của các trang chương.
    if (totals.printFormulas !== totals.formulas || totals.printFigures !== totals.figures) {
      failures.push(`print.html có ${totals.printFormulas} công thức, ${totals.printFigures} hình; các chương có ${totals.formulas}, ${totals.figures}`);
    } else {
      console.log(`print.html: đủ ${totals.printFormulas} công thức và ${totals.printFigures} hình`);
    }
    failures.push(...await checkThemes(browser.context, origin, shots));
    failures.push(...await shootFigures(browser.context, origin, bookDir, pages, shots));
    failures.push(...await checkAdmonitions(browser.context, origin, bookDir));
    failures.push(...await checkSearch(browser.context, origin));
    failures.push(...await checkWidgets(browser.context, origin, bookDir, shots));
    failures.push(...await check404(browser.context, origin));
    failures.push(...await checkLayout(browser.context, origin, pages, shots));
    failures.push(...await checkPrint(browser.context, origin, shots));
    failures.push(...await checkPlayground(browser.context, origin, bookDir, resolve(fileURLToPath(import.meta.url), '../../..'), shots));
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`yêu cầu tới máy khác 127.0.0.1 (đã chặn): ${blocked.length}`);
  for (const b of blocked) failures.push(`yêu cầu ra ngoài: ${b}`);
  console.log(`ảnh chụp: ${shots}`);
  console.log(`thời gian: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failures.length) {
    console.error(`\nKIỂM THỬ TRÌNH DUYỆT KHÔNG ĐẠT (${failures.length} vấn đề):\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('kiểm thử trình duyệt: đạt');
}

/** Mọi hình của sách ở chủ đề coal (tối): ảnh chụp từng hình để xem bằng mắt; hình phải có kích thước. */
async function shootFigures(context, origin, bookDir, pages, shots) {
  const problems = [];
  let count = 0;
  for (const p of pages) {
    if (p === 'print.html' || !readFileSync(join(bookDir, p), 'utf8').includes('class="book-figure"')) continue;
    const page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem('mdbook-theme', 'coal'));
    await page.goto(`${origin}/${p}`, { waitUntil: 'load' });
    const figs = page.locator('figure.book-figure');
    for (let k = 0; k < await figs.count(); k++) {
      const id = (await figs.nth(k).getAttribute('id')) || `${p}-${k}`;
      await figs.nth(k).scrollIntoViewIfNeeded();
      const box = await figs.nth(k).boundingBox();
      if (!box || box.width < 100 || box.height < 100) problems.push(`${p}: hình ${id} quá nhỏ hoặc ẩn`);
      await figs.nth(k).screenshot({ path: join(shots, `coal-${id}.png`) });
      count++;
    }
    await page.close();
  }
  console.log(`đã chụp ${count} hình ở chủ đề coal`);
  return problems;
}

/** Khối nhắc `> [!NOTE]`… của mdBook 0.5 có tiêu đề tiếng Anh; theme/giao-dien.js đổi sang tiếng Việt. Chưa chương
 *  nào dùng khối nhắc, nên kiểm trên một trang mẫu dựng đúng như mdBook in ra, nạp chính tệp JS của bản dựng. */
async function checkAdmonitions(context, origin, bookDir) {
  const script = readdirSync(join(bookDir, 'theme')).find((f) => /^giao-dien.*\.js$/.test(f));
  if (!script) return ['bản dựng không có theme/giao-dien*.js'];
  const kinds = { note: 'Ghi chú', tip: 'Mẹo', important: 'Quan trọng', warning: 'Cảnh báo', caution: 'Thận trọng' };
  const page = await context.newPage();
  await page.goto(`${origin}/404.html`, { waitUntil: 'load' });
  const titles = await page.evaluate(async ({ kinds, src }) => {
    const main = document.querySelector('main');
    Object.keys(kinds).forEach((k) => {
      const en = k[0].toUpperCase() + k.slice(1);
      main.insertAdjacentHTML('beforeend', `<blockquote class="blockquote-tag blockquote-tag-${k}"><p class="blockquote-tag-title"><svg viewBox="0 0 16 16" width="18" height="18"></svg>${en}</p><p>x</p></blockquote>`);
    });
    await new Promise((ok) => { const s = document.createElement('script'); s.src = src; s.onload = ok; s.onerror = ok; document.body.append(s); });
    return [...document.querySelectorAll('.blockquote-tag-title')].map((t) => t.textContent.trim());
  }, { kinds, src: `theme/${script}` });
  await page.close();
  const want = Object.values(kinds);
  return JSON.stringify(titles) === JSON.stringify(want) ? [] : [`tiêu đề khối nhắc: ${titles.join(', ')} (cần ${want.join(', ')})`];
}

/** Một đường dẫn không tồn tại dưới đường dẫn con: trang 404 của sách, tiếng Việt, nạp đủ tài nguyên. */
async function check404(context, origin) {
  const page = await context.newPage();
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400 && r.request().resourceType() !== 'document') failed.push(r.url()); });
  page.on('requestfailed', (r) => failed.push(r.url()));
  const res = await page.goto(`${origin}/khong-co/trang-nay.html`, { waitUntil: 'load' });
  const info = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    text: (document.querySelector('main') || document.body).innerText,
    css: [...document.styleSheets].filter((s) => { try { return s.cssRules.length > 0; } catch { return false; } }).length,
    toc: document.querySelectorAll('.sidebar a[href$=".html"], mdbook-sidebar-scrollbox a[href$=".html"]').length,
  }));
  await page.close();
  const problems = [];
  if (res.status() !== 404) problems.push(`404: máy chủ trả ${res.status()}`);
  if (failed.length) problems.push(`404: ${failed.length} tài nguyên không tải được (${failed.slice(0, 3).join(', ')}…)`);
  if (info.lang !== 'vi' || !/Không tìm thấy/.test(info.text) || /not found|invalid/i.test(info.text)) {
    problems.push(`404: trang không bằng tiếng Việt (lang=${info.lang}): ${info.text.trim().slice(0, 80)}`);
  }
  if (info.css < 3) problems.push(`404: chỉ ${info.css} bảng CSS được áp dụng`);
  console.log(`404 dưới đường dẫn con: ${failed.length} tài nguyên hỏng, ${info.css} bảng CSS, ${info.toc} liên kết mục lục`);
  return problems;
}

/** Hình của chương 2 trong cả năm chủ đề của mdBook: chụp ảnh từng hình để xem bằng mắt. */
async function checkThemes(context, origin, shots) {
  const problems = [];
  for (const theme of ['light', 'rust', 'coal', 'navy', 'ayu']) {
    const page = await context.newPage();
    await page.addInitScript((t) => localStorage.setItem('mdbook-theme', t), theme);
    await page.goto(`${origin}/02-entropy-cheo.html`, { waitUntil: 'load' });
    const figs = page.locator('figure.book-figure');
    const n = await figs.count();
    if (n === 0) problems.push(`chủ đề ${theme}: chương 2 không có hình`);
    // Chủ đề tối đảo độ sáng của hình (theme/book.css); chủ đề sáng giữ hình gốc.
    const filter = n ? await figs.first().locator('svg').evaluate((e) => getComputedStyle(e).filter) : 'none';
    const dark = ['coal', 'navy', 'ayu'].includes(theme);
    if (n && dark !== filter.includes('invert')) problems.push(`chủ đề ${theme}: bộ lọc của hình là «${filter}»`);
    for (let k = 0; k < n; k++) {
      await figs.nth(k).scrollIntoViewIfNeeded();
      await figs.nth(k).screenshot({ path: join(shots, `hinh-2-${k + 1}-${theme}.png`) });
    }
    await page.close();
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((e) => { console.error(`lỗi: ${e.message}`); process.exit(1); });
}
