import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { securityHeaders } from '@hb/kit';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Serves the admin UI's built files. Unknown paths get `index.html` so that the single-page
 * app's routes survive a reload; paths outside the folder are refused.
 */
export function serveStatic(
  root: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): void {
  const urlPath = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
  const resolved = path.resolve(root, `.${urlPath}`);
  const inside = resolved === root || resolved.startsWith(root + path.sep);
  const file =
    inside && fs.existsSync(resolved) && fs.statSync(resolved).isFile()
      ? resolved
      : path.join(root, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('The admin UI is not built.');
    return;
  }
  securityHeaders(res);
  res.setHeader(
    'Cache-Control',
    file.includes(`${path.sep}assets${path.sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
  );
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
  );
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
}
