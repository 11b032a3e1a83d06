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
    await page.close();
  }
  return problems;
}
