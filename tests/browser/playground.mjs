// Chạy mã trong trang (theme/chay-ma.js, scripts/book/playground.rs), với playground giả lập:
//   * mỗi bài tập là một khối sửa được có nút Chạy; không còn chữ tiếng Anh trên nút;
//   * bấm Chạy trên khung gốc: thân yêu cầu tới play.rust-lang.org/evaluate.json đúng là bộ mã sinh lúc dựng
//     (văn bản của khối trong HTML, dòng ẩn đã bỏ `# `), ấn bản 2021; trang hiện câu trả lời «chưa đạt» soạn sẵn;
//   * thay lời giải tham khảo vào trình soạn thảo, bấm Chạy: gửi lời giải + bộ kiểm; trang hiện «đạt» (ảnh chụp);
//   * playground không tới được: trang nói bằng tiếng Việt và đưa lệnh `cargo baitap <hàm>`;
//   * đoạn mã công thức chạy được (`{{#runnable}}`, scripts/book/runnable.rs): bấm Chạy gửi đúng chương trình tự
//     chứa sinh lúc dựng, trang hiện kết quả soạn sẵn (ảnh chụp); ngoại tuyến thì đưa lệnh `cargo run --example`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const EVALUATE = 'https://play.rust-lang.org/evaluate.json';

/** Vùng anchor `name` của một tệp nguồn (giống scripts/book/playground.rs::anchor). */
function anchor(source, name) {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => l.trim() === `// ANCHOR: ${name}`);
  const end = lines.findIndex((l, i) => i > start && l.trim() === `// ANCHOR_END: ${name}`);
  return lines.slice(start + 1, end).filter((l) => !l.trim().startsWith('// ANCHOR')).join('\n');
}

export async function checkPlayground(context, origin, bookDir, repoDir, shots) {
  const problems = [];
  const page = await context.newPage();
  const bodies = [];
  let answer = null; // null: mạng hỏng
  await page.route(EVALUATE, async (route) => {
    bodies.push(JSON.parse(route.request().postData()));
    if (answer === null) return route.abort('internetdisconnected');
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ result: answer, error: null }) });
  });
  const url = `${origin}/02-entropy-cheo.html`;
  // Bộ mã sinh lúc dựng, đọc thẳng từ HTML (DOMParser không chạy script của trang).
  const html = readFileSync(join(bookDir, '02-entropy-cheo.html'), 'utf8');
  await page.goto(url, { waitUntil: 'load' });
  const generated = await page.evaluate((h) => [...new DOMParser().parseFromString(h, 'text/html')
    .querySelectorAll('pre > code.editable')].map((c) => c.textContent), html);
  const info = await page.evaluate(() => ({
    exercises: document.querySelectorAll('pre.bai-tap').length,
    runButtons: document.querySelectorAll('pre.bai-tap .play-button:not(.hidden)').length,
    english: [...document.querySelectorAll('pre .buttons button')].map((b) => b.title)
      .filter((t) => /[A-Za-z]{3,}/.test(t) && !/[àáảãạăâđèéêìíòóôơùúưỳý]/i.test(t)),
  }));
  // Số bài cần có: số chỉ thị {{#exercise …}} trong chính nguồn của chương.
  const wanted = (readFileSync(join(repoDir, 'src/02-entropy-cheo.md'), 'utf8').match(/^\{\{#exercise \w+\}\}$/gm) || []).length;
  if (wanted === 0 || generated.length !== wanted || info.exercises !== wanted) problems.push(`chương 2: ${generated.length} khối sửa được trong HTML, ${info.exercises} bài tập trong trang (cần ${wanted})`);
  if (info.runButtons !== info.exercises) problems.push(`chương 2: ${info.runButtons}/${info.exercises} bài có nút Chạy`);
  if (info.english.length) problems.push(`nút còn tiêu đề tiếng Anh: ${info.english.join(', ')}`);

  const first = page.locator('pre.bai-tap').first();
  const result = first.locator('code.result');
  // 1. Khung gốc: gửi đúng bộ mã sinh lúc dựng.
  answer = 'chưa đạt: hàm `softmax` dừng giữa chừng (panic): not yet implemented\n';
  await first.hover();
  await first.locator('.play-button').click();
  await result.filter({ hasText: 'chưa đạt' }).waitFor({ timeout: 10000 });
  const sent = bodies.at(-1);
  if (!sent || sent.code !== generated[0]) problems.push('thân yêu cầu khác bộ mã sinh lúc dựng');
  if (sent && sent.edition !== '2021') problems.push(`ấn bản gửi đi: ${sent.edition}`);
  if (!(await result.getAttribute('class')).includes('chay-chua-dat')) problems.push('kết quả «chưa đạt» không được tô');

  // 2. Lời giải tham khảo trong trình soạn thảo: gửi lời giải + bộ kiểm, hiện «đạt».
  const solution = anchor(readFileSync(join(repoDir, 'code/exercises/src/solutions/softmax.rs'), 'utf8'), 'softmax');
  await first.evaluate((pre, code) => window.ace.edit(pre.querySelector('code')).setValue(code, 1), solution);
  answer = 'đạt\n';
  await first.hover();
  await first.locator('.play-button').click();
  await result.filter({ hasText: /^đạt$/ }).waitFor({ timeout: 10000 });
  const harness = generated[0].slice(generated[0].indexOf('\n// ---- bộ kiểm') + 1);
  if (bodies.at(-1).code !== `${solution}\n${harness}`) problems.push('thân yêu cầu khác lời giải + bộ kiểm');
  if (!(await result.getAttribute('class')).includes('chay-dat')) problems.push('kết quả «đạt» không được tô');
  await first.scrollIntoViewIfNeeded();
  const shot = join(shots, 'bai-tap-2-1-dat.png');
  await page.screenshot({ path: shot, clip: await (async () => {
    const a = await first.boundingBox();
    return { x: 0, y: Math.max(0, a.y - 60), width: 1280, height: Math.min(900, a.height + 140) };
  })() });
  console.log(`bài tập chạy trong trang (câu trả lời soạn sẵn): ${shot}`);

  // 3. Không tới được playground: lời nhắn tiếng Việt với lệnh chạy trên máy.
  answer = null;
  await first.hover();
  await first.locator('.play-button').click();
  await result.filter({ hasText: 'Không tới được Rust Playground' }).waitFor({ timeout: 10000 });
  const offline = await result.innerText();
  if (!offline.includes('cargo baitap softmax')) problems.push(`lời nhắn ngoại tuyến thiếu lệnh: ${offline}`);

  // 4. Đoạn mã công thức chạy được ({{#runnable}}): khối chỉ đọc, có nút Chạy; thân yêu cầu đúng là chương trình
  //    tự chứa sinh lúc dựng (văn bản khối trong HTML — tests/book_build.rs kiểm nó bằng đúng chương trình mà
  //    tests/playground.rs biên dịch và chạy); câu trả lời soạn sẵn là kết quả chương trình mà trang in ({{#output}}).
  const formulas = await page.evaluate((h) => [...new DOMParser().parseFromString(h, 'text/html')
    .querySelectorAll('pre > code.mdbook-runnable:not(.editable)')].map((c) => c.textContent), html);
  const shownFormulas = await page.evaluate(() => [...document.querySelectorAll('pre.playground')]
    .filter((pre) => !pre.querySelector('code.editable'))
    .map((pre) => !!pre.querySelector('.play-button:not(.hidden)')));
  if (formulas.length < 1 || shownFormulas.length !== formulas.length || shownFormulas.some((b) => !b)) {
    problems.push(`chương 2: ${formulas.length} đoạn mã công thức chạy được trong HTML, ${shownFormulas.filter(Boolean).length}/${shownFormulas.length} có nút Chạy`);
  }
  const formula = page.locator('pre.playground', { has: page.locator('code.mdbook-runnable:not(.editable)') }).first();
  const printed = await page.locator('pre.program-output[data-program="next_token_loss"]').innerText();
  answer = printed + '\n';
  await formula.scrollIntoViewIfNeeded();
  await formula.hover();
  await formula.locator('.play-button').click();
  const formulaResult = formula.locator('code.result');
  await formulaResult.filter({ hasText: 'perplexity' }).waitFor({ timeout: 10000 });
  const sentFormula = bodies.at(-1);
  if (!sentFormula || sentFormula.code !== formulas[0]) problems.push('đoạn mã công thức: thân yêu cầu khác chương trình sinh lúc dựng');
  if (!sentFormula || !sentFormula.code.includes('fn main()') || !sentFormula.code.includes('mod cross_entropy {')) problems.push('đoạn mã công thức: chương trình gửi đi không tự chứa');
  if ((await formulaResult.innerText()).trim() !== printed.trim()) problems.push('đoạn mã công thức: trang không hiện đúng kết quả trả về');
  const formulaShot = join(shots, 'cong-thuc-2-2-chay.png');
  await page.screenshot({ path: formulaShot, clip: await (async () => {
    const a = await formula.boundingBox();
    return { x: 0, y: Math.max(0, a.y - 60), width: 1280, height: Math.min(900, a.height + 120) };
  })() });
  console.log(`đoạn mã công thức chạy trong trang (câu trả lời soạn sẵn): ${formulaShot}; ${formulas.length} khối ở chương 2`);
  answer = null;
  await formula.hover();
  await formula.locator('.play-button').click();
  await formulaResult.filter({ hasText: 'Không tới được Rust Playground' }).waitFor({ timeout: 10000 });
  const formulaOffline = await formulaResult.innerText();
  if (!formulaOffline.includes('cargo run -p embedding-loss --example next_token_loss')) problems.push(`đoạn mã công thức: lời nhắn ngoại tuyến thiếu lệnh: ${formulaOffline}`);
  await page.close();

  // Mọi trang chương: mỗi bài tập là một khối sửa được, có nút Chạy.
  let total = 0;
  for (const f of ['01-gioi-thieu', '02-entropy-cheo', '03-gradient', '04-lay-mau-am', '05-do-loi', '06-entropy-kl',
    '07-transformer', '08-dong-hoc', '09-hinh-hoc', '10-ket-luan']) {
    const p = await context.newPage();
    await p.goto(`${origin}/${f}.html`, { waitUntil: 'load' });
    const n = await p.evaluate(() => {
      const all = document.querySelectorAll('pre.bai-tap');
      const ok = [...all].filter((pre) => pre.querySelector('.play-button:not(.hidden)') && pre.querySelector('.ace_editor'));
      return { all: all.length, ok: ok.length };
    });
    if (n.ok !== n.all) problems.push(`${f}: ${n.all - n.ok} bài tập thiếu trình soạn thảo hoặc nút Chạy`);
    total += n.ok;
    await p.close();
  }
  console.log(`bài tập sửa được và chạy được trong trang: ${total}`);
  return problems;
}
