// Widget tương tác: đặt từng bộ đầu vào vàng lên widget (như người đọc kéo thanh trượt, chọn, bấm) rồi so các
// con số hiển thị với kết quả vàng mà crate Rust (code/src/widgets.rs) tính lúc dựng sách.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Các trang có widget: { tên widget → trang }. */
function widgetPages(bookDir) {
  const found = {};
  for (const f of readdirSync(bookDir)) {
    if (!f.endsWith('.html') || f === 'print.html') continue;
    const html = readFileSync(join(bookDir, f), 'utf8');
    for (const m of html.matchAll(/class="book-widget" data-widget="([a-z_]+)"/g)) found[m[1]] = f;
  }
  return found;
}

/** Đọc số kiểu Việt của widget: «−0,5000» → −0.5, «38.597.376» → 38597376. */
const num = (s) => Number(s.trim().replace('−', '-').replace(/\./g, '').replace(',', '.'));

/** Đặt giá trị cho ô/thanh trượt `data-key` rồi phát sự kiện như khi người đọc kéo. */
async function setInput(w, key, value) {
  await w.locator(`[data-key="${key}"]`).evaluate((e, v) => {
    e.value = String(v);
    e.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

async function choose(w, key) {
  await w.locator(`[data-key="${key}"]`).check();
}

async function read(w, key) {
  return num(await w.locator(`[data-out="${key}"]`).innerText());
}

function compare(problems, what, shown, expected, tol) {
  if (!(Math.abs(shown - expected) <= tol)) problems.push(`${what}: hiển thị ${shown}, vàng ${expected}`);
}

const DRIVERS = {
  async softmax(w, { inputs, outputs }, problems, label) {
    for (let i = 0; i < inputs.z.length; i++) await setInput(w, `z-${i}`, inputs.z[i]);
    await setInput(w, 't', inputs.t);
    await choose(w, `y-${inputs.y}`);
    for (let i = 0; i < inputs.z.length; i++) {
      compare(problems, `${label} P(${i})`, await read(w, `p-${i}`), outputs.p[i], 5.01e-5);
      compare(problems, `${label} (P − y)(${i})`, await read(w, `grad-${i}`), outputs.grad[i], 5.01e-5);
    }
    compare(problems, `${label} L`, await read(w, 'loss'), outputs.loss, 5.01e-5);
  },
  async sgd(w, { inputs, outputs }, problems, label) {
    await w.locator('[data-action="reset"]').click();
    await setInput(w, 'h-0', inputs.h[0]);
    await setInput(w, 'h-1', inputs.h[1]);
    await setInput(w, 'lr', inputs.lr);
    await choose(w, `y-${inputs.y}`);
    compare(problems, `${label} L trước`, await read(w, 'loss'), outputs.loss_before, 5.01e-5);
    for (let s = 0; s < inputs.steps; s++) await w.locator('[data-action="step"]').click();
    compare(problems, `${label} số bước`, await read(w, 'steps'), inputs.steps, 0);
    for (let i = 0; i < outputs.w.length; i++) {
      for (let j = 0; j < 2; j++) compare(problems, `${label} w${i}[${j}]`, await read(w, `w-${i}-${j}`), outputs.w[i][j], 5.01e-5);
      compare(problems, `${label} P(${i})`, await read(w, `p-${i}`), outputs.p[i], 5.01e-5);
    }
    compare(problems, `${label} L sau`, await read(w, 'loss'), outputs.loss, 5.01e-5);
  },
  async sampling_cost(w, { inputs, outputs }, problems, label) {
    for (const k of ['v', 'k', 'd']) await setInput(w, k, inputs[k]);
    compare(problems, `${label} V·d`, await read(w, 'full'), outputs.full, 0);
    compare(problems, `${label} (K+1)·d`, await read(w, 'ns'), outputs.ns, 0);
    compare(problems, `${label} tỉ lệ`, await read(w, 'ratio'), outputs.ratio, 0.0501);
  },
};

/** Đọc lại giá trị của ô/thanh trượt. */
async function valueOf(w, selector) {
  return w.locator(selector).evaluate((e) => e.value);
}

/** Lỗi người dùng của widget (mục 9 của issue 13): mỗi ca trả về danh sách vấn đề. */
const BEHAVIOUR = {
  async sampling_cost(w) {
    const problems = [];
    // K > V: không được in «Rẻ hơn 0,0 lần».
    await setInput(w, 'v', 100); await setInput(w, 'k', 500); await setInput(w, 'd', 10);
    const ratio = (await w.locator('[data-out="ratio"]').innerText()).trim();
    const warn = (await w.locator('[data-out="warn"]').innerText()).trim();
    if (/^0([,.]0+)?$/.test(ratio) || !warn) problems.push(`K > V: hiển thị «Rẻ hơn ${ratio} lần», cảnh báo «${warn}»`);
    // Ô nhập sai: phải báo lỗi và không hiển thị kết quả cũ như thể đúng.
    await setInput(w, 'k', 5); await setInput(w, 'v', 1000);
    const before = (await w.locator('[data-out="full"]').innerText()).trim();
    await setInput(w, 'v', 'abc');
    const invalid = await w.locator('[data-key="v"]').evaluate((e) => e.getAttribute('aria-invalid'));
    const after = (await w.locator('[data-out="full"]').innerText()).trim();
    const note = (await w.locator('[data-out="warn"]').innerText()).trim();
    if (invalid !== 'true' || !note || after === before) problems.push(`V = «abc»: aria-invalid=${invalid}, kết quả «${after}» (trước «${before}»), thông báo «${note}»`);
    // Gõ V thì thanh trượt (thang log) di chuyển theo.
    await setInput(w, 'v', 100000);
    const log = Number(await valueOf(w, 'input[type=range]'));
    if (Math.abs(log - 5) > 0.01) problems.push(`gõ V = 100000 nhưng thanh trượt log V ở ${log}`);
    return problems;
  },
  async sgd(w, cfg) {
    const problems = [];
    await setInput(w, 'h-0', -1.5); await setInput(w, 'lr', 1.9);
    await w.locator('[data-action="step"]').click();
    await w.locator('[data-action="reset"]').click();
    const h0 = Number(await valueOf(w, '[data-key="h-0"]'));
    const lr = Number(await valueOf(w, '[data-key="lr"]'));
    const shown = (await w.locator('[data-show="h-0"]').innerText()).trim();
    if (Math.abs(h0 - cfg.h[0]) > 1e-9 || Math.abs(lr - cfg.lr) > 1e-9) problems.push(`«Đặt lại» giữ h₁ = ${h0}, η = ${lr} (ban đầu ${cfg.h[0]}, ${cfg.lr}); hiển thị h₁ «${shown}»`);
    return problems;
  },
};

/** Ở 390 px, sau khi điều khiển widget, trang không cuộn ngang và widget không tràn khỏi khung của nó. */
async function phoneOverflow(page, w) {
  return page.evaluate((e) => ({
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    widget: Math.round(Math.max(...[e, ...e.querySelectorAll('*')].filter((x) => !x.closest('.widget-scroll') || x.classList.contains('widget-scroll'))
      .map((x) => x.getBoundingClientRect().right)) - e.getBoundingClientRect().right),
  }), await w.elementHandle());
}

export async function checkWidgets(context, origin, bookDir, shots) {
  const problems = [];
  const pages = widgetPages(bookDir);
  for (const name of Object.keys(DRIVERS)) {
    if (!pages[name]) { problems.push(`widget «${name}» không có trong trang nào`); continue; }
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`widget «${name}»: lỗi JS ${e.message}`));
    await page.addInitScript(() => localStorage.setItem('mdbook-theme', 'light'));
    await page.goto(`${origin}/${pages[name]}`, { waitUntil: 'load' });
    const w = page.locator(`.book-widget[data-widget="${name}"]`).first();
    await w.locator('xpath=self::*[contains(@class,"widget-ready")]').waitFor({ timeout: 5000 })
      .catch(() => problems.push(`widget «${name}» không khởi động`));
    const golden = JSON.parse(await page.locator(`script.widget-golden[data-widget="${name}"]`).first().textContent());
    const before = problems.length;
    for (const [i, c] of golden.entries()) await DRIVERS[name](w, c, problems, `widget «${name}» ca ${i + 1}`);
    if (shots) {
      await w.scrollIntoViewIfNeeded();
      await w.screenshot({ path: join(shots, `widget-${name}-light.png`) });
      await page.evaluate(() => { document.documentElement.className = document.documentElement.className.replace(/\blight\b/, 'coal'); });
      await w.screenshot({ path: join(shots, `widget-${name}-coal.png`) });
    }
    console.log(`widget «${name}» (${pages[name]}): ${golden.length} bộ vector vàng, ${problems.length - before === 0 ? 'khớp' : 'LỆCH'}`);
    // Điện thoại: trang mới mở ở 390 px (như trên điện thoại, mục lục đóng), điều khiển lại mọi ca, đo tràn sau mỗi ca.
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 800 });
    await phone.addInitScript(() => localStorage.setItem('mdbook-theme', 'light'));
    await phone.goto(`${origin}/${pages[name]}`, { waitUntil: 'load' });
    const pw = phone.locator(`.book-widget[data-widget="${name}"]`).first();
    let worst = { page: 0, widget: 0 };
    for (const [i, c] of golden.entries()) {
      await DRIVERS[name](pw, c, [], `widget «${name}» ca ${i + 1}`);
      const o = await phoneOverflow(phone, pw);
      worst = { page: Math.max(worst.page, o.page), widget: Math.max(worst.widget, o.widget) };
    }
    console.log(`widget «${name}» ở 390 px: trang tràn ${worst.page} px, widget tràn ${worst.widget} px`);
    if (worst.page > 0 || worst.widget > 1) problems.push(`widget «${name}» ở 390 px: trang cuộn ngang ${worst.page} px, widget tràn ${worst.widget} px`);
    if (shots) {
      await pw.scrollIntoViewIfNeeded();
      await phone.screenshot({ path: join(shots, `dien-thoai-widget-${name}.png`) });
    }
    await phone.close();
    if (BEHAVIOUR[name]) {
      const cfg = JSON.parse(await page.locator(`script.widget-config[data-widget="${name}"]`).first().textContent());
      const found = await BEHAVIOUR[name](w, cfg);
      console.log(`widget «${name}»: hành vi (đặt lại, ô sai, K > V): ${found.length} lỗi`);
      problems.push(...found.map((f) => `widget «${name}»: ${f}`));
    }
    await page.close();
  }
  return problems;
}
