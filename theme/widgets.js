'use strict';
/*
 * Widget tương tác của sách — JavaScript thuần, không framework, không tải gì từ mạng.
 *
 * Trình dựng sách thay `{{#widget tên}}` bằng <div class="book-widget" data-widget="tên"> kèm cấu hình ban đầu
 * (<script type="application/json" class="widget-config">) do crate Rust `embedding_loss::widgets` sinh ra.
 * Các con số hiển thị ở đây được kiểm thử trình duyệt so với vector vàng của cùng module Rust.
 *
 *  - softmax: kéo logit → xác suất softmax, mất mát −log P(y), gradient P − y, có nhiệt độ τ.
 *  - sgd: một bước SGD trên embedding 2 chiều: hàng đúng bị kéo về phía h, các hàng khác bị đẩy ra ∝ P(i).
 *  - sampling_cost: chi phí softmax đầy đủ và lấy mẫu âm khi V và K thay đổi.
 */
(function () {
  const SVG_NS = 'http://www.w3.org/2000/svg';

  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    });
    (children || []).forEach((c) => e.appendChild(c));
    return e;
  }

  function svgEl(tag, attrs) {
    const e = document.createElementNS(SVG_NS, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    return e;
  }

  /** Số kiểu Việt như lời văn của sách: dấu phẩy thập phân, `d` chữ số sau dấu phẩy, không in «−0,0000». */
  function fmt(x, d) {
    const s = Math.abs(x).toFixed(d);
    const [int, frac] = s.split('.');
    const sign = x < 0 && Number(s) !== 0 ? '−' : '';
    return sign + groupThousands(int) + (frac ? ',' + frac : '');
  }

  /** Dấu chấm ngăn hàng nghìn khi phần nguyên có từ năm chữ số (50.257); số bốn chữ số viết liền (1500). */
  function groupThousands(int) {
    return int.length >= 5 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : int;
  }

  function fmt4(x) {
    return fmt(x, 4);
  }

  /** Số nguyên kiểu Việt: dấu chấm ngăn hàng nghìn. */
  function fmtInt(n) {
    return groupThousands(String(Math.round(n)));
  }

  /** softmax ổn định số: trừ max trước khi lấy mũ (phương trình 2.3–2.4 của sách). */
  function softmax(z) {
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  }

  /** log-sum-exp ổn định số. */
  function logSumExp(z) {
    const m = Math.max(...z);
    return m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0));
  }

  /** Một thanh trượt có nhãn và ô số; `onInput(giá trị)` được gọi khi người đọc kéo. */
  function slider(label, key, min, max, step, value, onInput) {
    const range = el('input', { type: 'range', min, max, step, value, 'data-key': key, 'aria-label': label });
    const shown = el('output', { 'data-show': key, text: fmt(Number(value), 1) });
    range.addEventListener('input', () => {
      shown.textContent = fmt(Number(range.value), 1);
      onInput(Number(range.value));
    });
    return el('label', { class: 'widget-slider' }, [el('span', { text: label }), range, shown]);
  }

  /** Đặt lại thanh trượt `key` trong `root` về `value` (cả số hiển thị cạnh nó). */
  function setSlider(root, key, value) {
    const range = root.querySelector(`[data-key="${key}"]`);
    const shown = root.querySelector(`[data-show="${key}"]`);
    if (range) range.value = String(value);
    if (shown) shown.textContent = fmt(Number(value), 1);
  }

  /** Bảng trong khung cuộn ngang riêng: trên điện thoại bảng rộng cuộn trong khung, trang không cuộn ngang. */
  function scroll(table) {
    return el('div', { class: 'widget-scroll' }, [table]);
  }

  function bar(value, cls) {
    const b = el('span', { class: 'widget-bar ' + (cls || '') });
    const w = Math.min(1, Math.abs(value));
    b.style.width = (w * 100).toFixed(1) + '%';
    return b;
  }

  // ---------------- (1) softmax ----------------
  function softmaxWidget(root, cfg) {
    const names = ['mèo', 'chó', 'cá', 'chim'];
    const state = { z: cfg.z.slice(), t: cfg.t, y: cfg.y };
    const controls = el('div', { class: 'widget-controls' });
    state.z.forEach((v, i) => controls.appendChild(
      slider(`logit z(«${names[i]}»)`, `z-${i}`, -5, 5, 0.1, v, (x) => { state.z[i] = x; update(); })));
    controls.appendChild(slider('nhiệt độ τ', 't', 0.1, 5, 0.1, state.t, (x) => { state.t = x; update(); }));
    const choose = el('fieldset', { class: 'widget-choice' }, [el('legend', { text: 'token đúng y' })]);
    const group = 'y-' + Math.random().toString(36).slice(2);
    names.forEach((n, i) => {
      const r = el('input', { type: 'radio', name: group, value: i, 'data-key': `y-${i}` });
      if (i === state.y) r.checked = true;
      r.addEventListener('change', () => { if (r.checked) { state.y = i; update(); } });
      choose.appendChild(el('label', {}, [r, document.createTextNode(' «' + n + '»')]));
    });
    controls.appendChild(choose);
    const table = el('table', { class: 'widget-table' });
    const head = el('tr', {}, ['token', 'u = z/T', 'P(i)', '', 'P(i) − y(i)', ''].map((h) => el('th', { text: h })));
    table.appendChild(head);
    const cells = names.map((n, i) => {
      const c = {
        u: el('td', { 'data-out': `u-${i}` }), p: el('td', { 'data-out': `p-${i}` }), pb: el('td'),
        g: el('td', { 'data-out': `grad-${i}` }), gb: el('td'),
      };
      table.appendChild(el('tr', {}, [el('td', { text: '«' + n + '»' }), c.u, c.p, c.pb, c.g, c.gb]));
      return c;
    });
    const loss = el('strong', { 'data-out': 'loss' });
    const lossLine = el('p', { class: 'widget-result' }, [document.createTextNode('Mất mát L = −log P(y) = '), loss]);
    const note = el('p', { class: 'widget-note', text: 'Gradient theo u = z/T là P − y: âm ở token đúng (đẩy logit của nó lên), dương ở mọi token khác; tổng các thành phần bằng 0. Theo z, gradient là (P − y)/T.' });
    root.append(controls, scroll(table), lossLine, note);

    function update() {
      const u = state.z.map((v) => v / state.t);
      const p = softmax(u);
      cells.forEach((c, i) => {
        const g = p[i] - (i === state.y ? 1 : 0);
        c.u.textContent = fmt4(u[i]);
        c.p.textContent = fmt4(p[i]);
        c.pb.replaceChildren(bar(p[i], 'widget-bar-p'));
        c.g.textContent = fmt4(g);
        c.gb.replaceChildren(bar(g, g < 0 ? 'widget-bar-neg' : 'widget-bar-pos'));
      });
      loss.textContent = fmt4(logSumExp(u) - u[state.y]);
    }
    update();
  }

  // ---------------- (2) một bước SGD ----------------
  function sgdWidget(root, cfg) {
    const names = ['w₀', 'w₁', 'w₂', 'w₃'];
    const state = { w: cfg.w.map((r) => r.slice()), h: cfg.h.slice(), y: cfg.y, lr: cfg.lr, steps: 0, prev: null };
    const controls = el('div', { class: 'widget-controls' });
    controls.appendChild(slider('h, thành phần 1', 'h-0', -2, 2, 0.1, state.h[0], (x) => { state.h[0] = x; update(); }));
    controls.appendChild(slider('h, thành phần 2', 'h-1', -2, 2, 0.1, state.h[1], (x) => { state.h[1] = x; update(); }));
    controls.appendChild(slider('tốc độ học η', 'lr', 0.1, 2, 0.1, state.lr, (x) => { state.lr = x; update(); }));
    const choose = el('fieldset', { class: 'widget-choice' }, [el('legend', { text: 'token đúng y' })]);
    const group = 'y-' + Math.random().toString(36).slice(2);
    names.forEach((n, i) => {
      const r = el('input', { type: 'radio', name: group, value: i, 'data-key': `y-${i}` });
      if (i === state.y) r.checked = true;
      r.addEventListener('change', () => { if (r.checked) { state.y = i; update(); } });
      choose.appendChild(el('label', {}, [r, document.createTextNode(' ' + n)]));
    });
    controls.appendChild(choose);
    const stepBtn = el('button', { type: 'button', 'data-action': 'step', text: 'Một bước SGD' });
    const resetBtn = el('button', { type: 'button', 'data-action': 'reset', text: 'Đặt lại' });
    stepBtn.addEventListener('click', () => {
      const z = state.w.map((r) => r[0] * state.h[0] + r[1] * state.h[1]);
      const p = softmax(z);
      state.prev = state.w.map((r) => r.slice());
      state.w = state.w.map((r, i) => {
        const g = p[i] - (i === state.y ? 1 : 0);
        return [r[0] - state.lr * g * state.h[0], r[1] - state.lr * g * state.h[1]];
      });
      state.steps++;
      update();
    });
    // «Đặt lại» đưa MỌI thứ về cấu hình ban đầu: các hàng w, vector h, tốc độ học η và token đúng y.
    resetBtn.addEventListener('click', () => {
      state.w = cfg.w.map((r) => r.slice());
      state.h = cfg.h.slice();
      state.lr = cfg.lr;
      state.y = cfg.y;
      state.prev = null;
      state.steps = 0;
      setSlider(root, 'h-0', state.h[0]);
      setSlider(root, 'h-1', state.h[1]);
      setSlider(root, 'lr', state.lr);
      const radio = root.querySelector(`[data-key="y-${state.y}"]`);
      if (radio) radio.checked = true;
      update();
    });
    controls.appendChild(el('div', { class: 'widget-buttons' }, [stepBtn, resetBtn]));

    const size = 300;
    const scale = size / 5; // trục từ −2,5 tới 2,5
    const toX = (x) => size / 2 + x * scale;
    const toY = (y) => size / 2 - y * scale;
    const svg = svgEl('svg', { viewBox: `0 0 ${size} ${size}`, class: 'widget-plot', role: 'img', 'aria-label': 'Các hàng embedding và vector h trong mặt phẳng' });
    const table = el('table', { class: 'widget-table' });
    table.appendChild(el('tr', {}, ['hàng', 'tọa độ', 'P(i)', 'dịch chuyển của bước vừa rồi'].map((h) => el('th', { text: h }))));
    const cells = names.map((n, i) => {
      const c = {
        x: el('span', { 'data-out': `w-${i}-0` }), y: el('span', { 'data-out': `w-${i}-1` }),
        p: el('td', { 'data-out': `p-${i}` }), move: el('td'),
      };
      table.appendChild(el('tr', {}, [el('td', { text: n }),
        el('td', {}, [document.createTextNode('('), c.x, document.createTextNode('; '), c.y, document.createTextNode(')')]),
        c.p, c.move]));
      return c;
    });
    const loss = el('strong', { 'data-out': 'loss' });
    const steps = el('span', { 'data-out': 'steps' });
    const result = el('p', { class: 'widget-result' }, [
      document.createTextNode('Mất mát L = −log P(y) = '), loss,
      document.createTextNode(' sau '), steps, document.createTextNode(' bước.')]);
    const note = el('p', { class: 'widget-note', text: '∂L/∂wᵢ = (P(i) − yᵢ)·h: hàng đúng dịch về phía h một đoạn η(1 − P(y))·h, mỗi hàng khác bị đẩy ngược hướng h một đoạn η·P(i)·h.' });
    root.append(controls, el('div', { class: 'widget-row' }, [svg, scroll(table)]), result, note);

    function arrow(x, y, cls, label) {
      const g = svgEl('g', { class: cls });
      g.appendChild(svgEl('line', { x1: toX(0), y1: toY(0), x2: toX(x), y2: toY(y) }));
      g.appendChild(svgEl('circle', { cx: toX(x), cy: toY(y), r: 4 }));
      const t = svgEl('text', { x: toX(x) + 6, y: toY(y) - 6 });
      t.textContent = label;
      g.appendChild(t);
      return g;
    }

    function update() {
      const z = state.w.map((r) => r[0] * state.h[0] + r[1] * state.h[1]);
      const p = softmax(z);
      svg.replaceChildren();
      svg.appendChild(svgEl('line', { x1: 0, y1: toY(0), x2: size, y2: toY(0), class: 'widget-axis' }));
      svg.appendChild(svgEl('line', { x1: toX(0), y1: 0, x2: toX(0), y2: size, class: 'widget-axis' }));
      if (state.prev) {
        state.prev.forEach((r, i) => svg.appendChild(svgEl('line', {
          x1: toX(r[0]), y1: toY(r[1]), x2: toX(state.w[i][0]), y2: toY(state.w[i][1]), class: 'widget-move',
        })));
      }
      state.w.forEach((r, i) => svg.appendChild(arrow(r[0], r[1], i === state.y ? 'widget-true' : 'widget-other', names[i])));
      svg.appendChild(arrow(state.h[0], state.h[1], 'widget-h', 'h'));
      cells.forEach((c, i) => {
        c.x.textContent = fmt4(state.w[i][0]);
        c.y.textContent = fmt4(state.w[i][1]);
        c.p.textContent = fmt4(p[i]);
        c.move.textContent = state.prev
          ? fmt4(Math.hypot(state.w[i][0] - state.prev[i][0], state.w[i][1] - state.prev[i][1])) +
            (i === state.y ? ' (về phía h)' : ' (ra xa h)')
          : '—';
      });
      loss.textContent = fmt4(logSumExp(z) - z[state.y]);
      steps.textContent = String(state.steps);
    }
    update();
  }

  // ---------------- (3) chi phí: softmax đầy đủ và lấy mẫu âm ----------------
  function costWidget(root, cfg) {
    const state = { v: cfg.v, k: cfg.k, d: cfg.d };
    const controls = el('div', { class: 'widget-controls' });
    const fields = [
      ['kích thước từ vựng V', 'v', 2, 10000000], ['số mẫu âm K', 'k', 1, 1000], ['số chiều d', 'd', 1, 65536],
    ];
    const inputs = {};
    let errors = [];
    // Đọc lại mọi ô: ô không phải số nguyên trong miền bị đánh dấu (aria-invalid) và nêu tên trong thông báo;
    // khi còn ô sai, kết quả hiện «—» chứ không giữ lặng lẽ kết quả cũ.
    function read() {
      errors = [];
      fields.forEach(([label, key, min, max]) => {
        const raw = inputs[key].value.trim();
        const x = Number(raw);
        const ok = raw !== '' && Number.isInteger(x) && x >= min && x <= max;
        inputs[key].setAttribute('aria-invalid', ok ? 'false' : 'true');
        if (ok) state[key] = x;
        else errors.push(`${label}: cần một số nguyên từ ${fmtInt(min)} tới ${fmtInt(max)}.`);
      });
      if (errors.length === 0 && state.k >= state.v) {
        errors.push('K phải nhỏ hơn V: không thể lấy nhiều mẫu âm hơn số token.');
      }
    }
    fields.forEach(([label, key, min, max]) => {
      const input = el('input', { type: 'number', min, max, step: 1, value: state[key], 'data-key': key });
      inputs[key] = input;
      input.addEventListener('input', () => {
        read();
        if (key === 'v' && !input.matches('[aria-invalid=true]')) vLog.value = String(Math.log10(state.v));
        update();
      });
      controls.appendChild(el('label', { class: 'widget-slider' }, [el('span', { text: label }), input]));
    });
    const vLog = el('input', { type: 'range', min: 2, max: 7, step: 0.01, value: Math.log10(state.v), 'aria-label': 'V (thang log)' });
    vLog.addEventListener('input', () => {
      inputs.v.value = Math.round(10 ** Number(vLog.value));
      read();
      update();
    });
    controls.appendChild(el('label', { class: 'widget-slider' }, [el('span', { text: 'V (kéo, thang log)' }), vLog]));
    const full = el('strong', { 'data-out': 'full' });
    const ns = el('strong', { 'data-out': 'ns' });
    const ratio = el('strong', { 'data-out': 'ratio' });
    const fullBar = el('div', { class: 'widget-cost-bar widget-bar-full' });
    const nsBar = el('div', { class: 'widget-cost-bar widget-bar-ns' });
    const warn = el('p', { class: 'widget-note', 'data-out': 'warn', role: 'status', 'aria-live': 'polite' });
    root.append(controls,
      el('p', { class: 'widget-result' }, [document.createTextNode('Softmax đầy đủ: V·d = '), full, document.createTextNode(' phép nhân–cộng cho logit của một vị trí.')]),
      fullBar,
      el('p', { class: 'widget-result' }, [document.createTextNode('Lấy mẫu âm: (K + 1)·d = '), ns, document.createTextNode(' phép nhân–cộng.')]),
      nsBar,
      el('p', { class: 'widget-result' }, [document.createTextNode('Rẻ hơn '), ratio, document.createTextNode(' lần (thanh vẽ theo thang log).')]),
      warn);

    function update() {
      warn.textContent = errors.join(' ');
      warn.classList.toggle('widget-error', errors.length > 0);
      if (errors.length) {
        [full, ns, ratio].forEach((e) => { e.textContent = '—'; });
        fullBar.style.width = '0';
        nsBar.style.width = '0';
        return;
      }
      const f = state.v * state.d;
      const n = (state.k + 1) * state.d;
      full.textContent = fmtInt(f);
      ns.textContent = fmtInt(n);
      ratio.textContent = fmt(f / n, 1);
      const top = Math.log10(1e7 * 65536);
      fullBar.style.width = (100 * Math.log10(f) / top).toFixed(1) + '%';
      nsBar.style.width = (100 * Math.log10(n) / top).toFixed(1) + '%';
    }
    read();
    update();
  }

  const WIDGETS = { softmax: softmaxWidget, sgd: sgdWidget, sampling_cost: costWidget };

  document.querySelectorAll('.book-widget').forEach((root) => {
    const name = root.dataset.widget;
    const next = root.nextElementSibling;
    const cfgEl = next && next.classList.contains('widget-config')
      ? next : document.querySelector(`script.widget-config[data-widget="${name}"]`);
    const make = WIDGETS[name];
    if (!make || !cfgEl) {
      console.error(`widget «${name}»: thiếu mã hoặc cấu hình`);
      return;
    }
    root.replaceChildren();
    make(root, JSON.parse(cfgEl.textContent));
    root.classList.add('widget-ready');
  });
})();
