// Đọc được ở mọi nơi: mỗi trang ở bề rộng máy tính (1280 px) và điện thoại (390 px), và bản in.
//   * số công thức (.tag của KaTeX) không đè lên công thức và không bị cắt khỏi khung của nó — kể cả khi
//     công thức cuộn ngang tới cuối;
//   * ở 390 px trang không cuộn ngang (mọi thứ rộng cuộn trong khung riêng của nó);
//   * mọi ô bảng có chữ rộng ít nhất 4em (không còn cột một chữ cái);
//   * mọi công thức có MathML (trình đọc màn hình đọc được);
//   * nút Run chỉ có trên khối mã mà trình dựng đánh dấu chạy được (`mdbook-runnable`);
//   * chữ trong hình ở 1280 px hiển thị ≥ FIGURE_MIN_PX (STYLE.md), ở 390 px ≥ FIGURE_MIN_PHONE_PX.
// Bản in (print.html, khổ A4): không công thức nào bị cắt hay cuộn, không số công thức nào đè công thức.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const WIDTHS = [1280, 390];
/** Cỡ chữ nhỏ nhất của chữ trong hình khi hiển thị ở 1280 px (px CSS) — quy tắc của STYLE.md. */
export const FIGURE_MIN_PX = 11;
/** Cỡ chữ nhỏ nhất của chữ trong hình ở 390 px (hình rộng cuộn ngang trong khung của nó). */
export const FIGURE_MIN_PHONE_PX = 9;
/** Bề rộng nhỏ nhất của một ô bảng có chữ, tính theo em của ô. */
const CELL_MIN_EM = 4;

/** Đo một trang đã nạp (chạy trong trang). */
function measure(minCellEm) {
  const main = document.querySelector('main') || document.body;
  // Hình chữ nhật nhìn thấy được của `el`: cắt bởi mọi tổ tiên có overflow khác visible.
  const visible = (el, stop) => {
    let r = el.getBoundingClientRect();
    let box = { l: r.left, t: r.top, r: r.right, b: r.bottom };
    for (let a = el.parentElement; a && a !== stop; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
        const c = a.getBoundingClientRect();
        box = { l: Math.max(box.l, c.left), t: Math.max(box.t, c.top), r: Math.min(box.r, c.right), b: Math.min(box.b, c.bottom) };
      }
    }
    return box;
  };
  const area = (b) => Math.max(0, b.r - b.l) * Math.max(0, b.b - b.t);
  const meet = (a, b) => ({ l: Math.max(a.l, b.l), t: Math.max(a.t, b.t), r: Math.min(a.r, b.r), b: Math.min(a.b, b.b) });
  const name = (d) => {
    const t = d.querySelector('.tag');
    return t ? t.textContent.trim() : '?';
  };
  const tagProblems = [];
  for (const d of main.querySelectorAll('.katex-display')) {
    const tag = d.querySelector('.tag');
    if (!tag) continue;
    const scrollers = [d, ...d.querySelectorAll('*')].filter((e) => e.scrollWidth > e.clientWidth + 1);
    for (const end of [false, true]) {
      scrollers.forEach((s) => { s.scrollLeft = end ? s.scrollWidth : 0; });
      const t = tag.getBoundingClientRect();
      const tb = { l: t.left, t: t.top, r: t.right, b: t.bottom };
      const tv = meet(visible(tag, document.body), { l: 0, t: -1e9, r: document.documentElement.clientWidth, b: 1e9 });
      if (area(tv) < area(tb) - 1) { tagProblems.push(`${name(d)} bị cắt${end ? ' (cuộn tới cuối)' : ''}`); break; }
      const over = [...d.querySelectorAll('.base')].filter((b) => !tag.contains(b))
        .some((b) => area(meet(visible(b, document.body), tb)) > 2);
      if (over) { tagProblems.push(`${name(d)} đè lên công thức${end ? ' (cuộn tới cuối)' : ''}`); break; }
    }
    scrollers.forEach((s) => { s.scrollLeft = 0; });
  }
  const de = document.documentElement;
  const overflow = de.scrollWidth - de.clientWidth;
  const wide = overflow > 0 ? [...main.querySelectorAll('*')]
    .filter((e) => e.getBoundingClientRect().right > de.clientWidth + 1 && !e.closest('.katex-mathml'))
    .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= de.clientWidth + 1)
    .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} (${Math.round(e.getBoundingClientRect().width)} px)`) : [];
  // Ô không đọc được: hẹp hơn `minCellEm` em VÀ chữ bị bẻ giữa từ (chiếm nhiều dòng hơn số từ của nó).
  const cells = [...main.querySelectorAll('td, th')].filter((c) => {
    const text = c.innerText.trim();
    if (text.length < 4) return false;
    const em = parseFloat(getComputedStyle(c).fontSize);
    if (c.clientWidth >= minCellEm * em) return false;
    const range = document.createRange();
    range.selectNodeContents(c);
    const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
    return lines > text.split(/\s+/).length;
  });
  const katex = [...main.querySelectorAll('.katex')].filter((k) => !k.parentElement.closest('.katex'));
  const noMathml = katex.filter((k) => !k.querySelector('.katex-mathml math')).length;
  const runs = [...document.querySelectorAll('.play-button')];
  const badRuns = runs.filter((b) => {
    const code = b.closest('pre') && b.closest('pre').querySelector('code');
    return !code || !code.classList.contains('mdbook-runnable');
  }).length;
  // Mọi đoạn chữ của hình, kể cả chỉ số dưới (`<tspan font-size>` do code/src/figures/style.rs dựng).
  const fig = [...main.querySelectorAll('figure.book-figure svg text, figure.book-figure svg tspan')].filter((t) => t.textContent.trim()).map((t) => {
    const m = t.getScreenCTM();
    const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    const f = t.closest('figure');
    return { px, fig: f.id || '?', text: t.textContent.trim().slice(0, 30) };
  });
  fig.sort((a, b) => a.px - b.px);
  return {
    tagProblems, overflow, wide, formulas: katex.length, noMathml, runs: runs.length, badRuns,
    cells: cells.length, cellSample: cells.slice(0, 2).map((c) => `${c.clientWidth} px «${c.innerText.trim().slice(0, 20)}»`),
    figSmallest: fig.slice(0, 1), figTexts: fig,
  };
}

/** Mỗi trang ở 1280 và 390 px: trả về { problems, counts } (counts để ghi vào báo cáo). */
export async function checkLayout(context, origin, pages, shots) {
  const problems = [];
  const counts = { tags1280: 0, tags390: 0, overflow390: 0, cells390: 0, noMathml: 0, formulas: 0, badRuns: 0, figSmall1280: 0, figSmall390: 0, figMin1280: Infinity, figMin390: Infinity };
  for (const p of pages) {
    if (p === 'print.html' || p === 'toc.html') continue;
    for (const width of WIDTHS) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.addInitScript(() => localStorage.setItem('mdbook-theme', 'light'));
      await page.goto(`${origin}/${p}`, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const m = await page.evaluate(measure, CELL_MIN_EM);
      const at = `${p} @${width}px`;
      if (m.tagProblems.length) {
        counts[`tags${width}`] += m.tagProblems.length;
        problems.push(`${at}: ${m.tagProblems.length} số công thức đè/bị cắt: ${m.tagProblems.slice(0, 6).join(', ')}`);
      }
      const min = width === 1280 ? FIGURE_MIN_PX : FIGURE_MIN_PHONE_PX;
      const small = m.figTexts.filter((t) => t.px < min - 0.05);
      if (m.figTexts.length) counts[`figMin${width}`] = Math.min(counts[`figMin${width}`], m.figTexts[0].px);
      if (small.length) {
        counts[`figSmall${width}`] += small.length;
        problems.push(`${at}: ${small.length} chữ trong hình nhỏ hơn ${min} px (nhỏ nhất ${small[0].px.toFixed(1)} px: hình ${small[0].fig} «${small[0].text}»)`);
      }
      if (width === 390) {
        if (m.overflow > 0) {
          counts.overflow390++;
          problems.push(`${at}: trang cuộn ngang ${m.overflow} px (${m.wide.join('; ')})`);
        }
        if (m.cells) {
          counts.cells390 += m.cells;
          problems.push(`${at}: ${m.cells} ô bảng hẹp hơn ${CELL_MIN_EM}em (${m.cellSample.join('; ')})`);
        }
        if (shots && /^(05-|bang-kiem-chung|04-)/.test(p)) {
          await page.screenshot({ path: join(shots, `dien-thoai-${p.replace(/[/.]/g, '_')}-light.png`) });
          await page.evaluate(() => { document.documentElement.className = document.documentElement.className.replace(/\blight\b/, 'coal'); });
          await page.screenshot({ path: join(shots, `dien-thoai-${p.replace(/[/.]/g, '_')}-coal.png`) });
        }
      } else {
        counts.formulas += m.formulas;
        counts.noMathml += m.noMathml;
        counts.badRuns += m.badRuns;
        if (m.noMathml) problems.push(`${at}: ${m.noMathml}/${m.formulas} công thức không có MathML`);
        if (m.badRuns) problems.push(`${at}: ${m.badRuns}/${m.runs} nút Run trên khối mã không đánh dấu chạy được`);
      }
      await page.close();
    }
  }
  console.log(`bố cục: số công thức đè/cắt ${counts.tags1280} (1280 px), ${counts.tags390} (390 px); trang cuộn ngang ở 390 px: ${counts.overflow390}; ô bảng hẹp: ${counts.cells390}; công thức thiếu MathML: ${counts.noMathml}/${counts.formulas}; nút Run sai: ${counts.badRuns}; chữ hình nhỏ nhất ${counts.figMin1280.toFixed(1)} px (1280), ${counts.figMin390.toFixed(1)} px (390); chữ hình quá nhỏ: ${counts.figSmall1280} (1280), ${counts.figSmall390} (390)`);
  return problems;
}

/** Bản in: print.html ở khổ A4 (lề 15 mm ⇒ 680 px CSS): công thức không bị cắt/cuộn, số công thức không đè.
 *  Ghi PDF và (nếu có pdftoppm) ảnh trang chứa (6.7) vào `shots`. */
export async function checkPrint(context, origin, shots) {
  const problems = [];
  const page = await context.newPage();
  await page.addInitScript(() => { window.print = () => {}; localStorage.setItem('mdbook-theme', 'light'); });
  await page.setViewportSize({ width: 680, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  await page.goto(`${origin}/print.html`, { waitUntil: 'load', timeout: 180000 });
  await page.evaluate(() => document.fonts.ready);
  const r = await page.evaluate(() => {
    const out = { clipped: [], scrollbars: 0, formulas: 0 };
    for (const d of document.querySelectorAll('.katex-display')) {
      out.formulas++;
      const tag = d.querySelector('.tag');
      const label = tag ? tag.textContent.trim() : d.textContent.trim().slice(0, 20);
      // Khung của công thức (không xét phần tử bên trong KaTeX, vốn dùng overflow: hidden để vẽ).
      const boxes = [d, ...d.querySelectorAll(':scope > .katex, :scope > .katex > .katex-html, .eq-body')];
      if (boxes.some((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')) out.scrollbars++;
      const right = Math.max(...[...d.querySelectorAll('.base, .tag')].map((b) => b.getBoundingClientRect().right));
      const limit = Math.min(d.getBoundingClientRect().right, document.documentElement.clientWidth);
      if (right > limit + 1 || boxes.some((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')) out.clipped.push(label);
      if (tag) {
        const t = tag.getBoundingClientRect();
        const hit = [...d.querySelectorAll('.base')].filter((b) => !tag.contains(b)).some((b) => {
          const q = b.getBoundingClientRect();
          return Math.min(q.right, t.right) - Math.max(q.left, t.left) > 1 && Math.min(q.bottom, t.bottom) - Math.max(q.top, t.top) > 1;
        });
        if (hit) out.clipped.push(`${label} (số đè công thức)`);
      }
    }
    return out;
  });
  console.log(`bản in: ${r.formulas} công thức hiển thị, ${r.clipped.length} bị cắt/cuộn/đè (${r.clipped.slice(0, 8).join(', ')})`);
  if (r.clipped.length) problems.push(`bản in: ${r.clipped.length} công thức bị cắt, cuộn hoặc số đè: ${r.clipped.slice(0, 12).join(', ')}`);
  if (shots) {
    const pdf = join(shots, 'sach.pdf');
    page.setDefaultTimeout(300000);
    await page.pdf({ path: pdf, format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' }, printBackground: true });
    console.log(`PDF: ${pdf}`);
    try {
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const pageNo = text.split('\f').findIndex((t) => t.includes('(6.7)')) + 1;
      if (pageNo > 0) {
        execFileSync('pdftoppm', ['-png', '-r', '110', '-f', String(pageNo), '-l', String(pageNo), pdf, join(shots, 'pdf-trang-6-7')]);
        console.log(`ảnh trang PDF chứa (6.7): ${join(shots, 'pdf-trang-6-7')}-*.png (trang ${pageNo})`);
      }
    } catch (e) {
      if (existsSync('/usr/bin/pdftoppm')) problems.push(`pdftoppm/pdftotext lỗi: ${e.message}`);
    }
  }
  await page.close();
  return problems;
}
