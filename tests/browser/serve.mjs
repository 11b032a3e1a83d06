// Máy chủ tĩnh tối giản trên 127.0.0.1 (cổng do hệ điều hành chọn), chỉ đọc tệp trong thư mục bản dựng.
// Như GitHub Pages phục vụ một dự án: sách nằm dưới một đường dẫn con `prefix` (ví dụ /ham-mat-mat/), và mọi
// đường dẫn không có tệp được trả lời bằng 404.html của sách, mã 404.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve, extname, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2',
  '.woff': 'font/woff', '.ttf': 'font/ttf', '.txt': 'text/plain; charset=utf-8',
};

/** Phục vụ `dir` dưới `prefix` (mặc định «/»); trả về { port, close }. `extra(path)` (tuỳ chọn) có thể trả nội
 *  dung thay cho một đường dẫn (tính từ gốc máy chủ). */
export function serve(dir, extra, prefix = '/') {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const special = extra && extra(path);
    if (special) {
      res.writeHead(200, { 'Content-Type': special.type });
      res.end(special.body);
      return;
    }
    const notFound = async () => {
      try {
        const body = await readFile(resolve(root, '404.html'));
        res.writeHead(404, { 'Content-Type': TYPES['.html'] });
        res.end(body);
      } catch {
        res.writeHead(404); res.end('404');
      }
    };
    if (!path.startsWith(prefix)) { await notFound(); return; }
    const file = resolve(root, '.' + path.slice(prefix.length - 1));
    if (file !== root && !file.startsWith(root + sep)) { res.writeHead(403); res.end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      await notFound();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ port: server.address().port, close: () => server.close() })));
}
