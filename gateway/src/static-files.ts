import http from 'node:http';
import path from 'node:path';
import send from 'send';
import { securityHeaders } from '@hb/kit';

/** Options of {@link serveStatic}. */
export interface StaticOptions {
  /** Origins the UI's scripts may call besides its own (the OpenID provider). */
  connectSources?: readonly string[];
  /**
   * Serve the build's source maps (`*.map`). Default false: in production they would hand out
   * the UI's whole source (megabytes) to anyone; development turns them on.
   */
  sourceMaps?: boolean;
}

const ASSETS = `${path.sep}assets${path.sep}`;

/**
 * Serves the admin UI's built files with `send` (the file server of Express's `serve-static`),
 * which decodes the path (400 for a malformed escape or a NUL byte), refuses paths that leave
 * the folder and dotfiles, and handles conditional and range requests. Unknown paths outside
 * `/assets/` get `index.html`, so that the single-page app's routes survive a reload.
 */
export function serveStatic(
  root: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: StaticOptions = {},
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    plain(res, 405, 'Method not allowed.');
    return;
  }
  const urlPath = (req.url ?? '/').split('?')[0] || '/';
  if (!options.sourceMaps && /\.map$/i.test(urlPath)) {
    plain(res, 404, 'Not found.');
    return;
  }
  const index = () =>
    sendFile(root, req, res, '/index.html', options, (status) =>
      plain(
        res,
        status === 404 ? 404 : 500,
        status === 404 ? 'The admin UI is not built.' : 'Error.',
      ),
    );
  sendFile(root, req, res, urlPath, options, (status) => {
    if (status === 404 && !urlPath.startsWith('/assets/')) index();
    else plain(res, status, `${http.STATUS_CODES[status] ?? 'Error'}.`);
  }).on('directory', index);
}

function sendFile(
  root: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  urlPath: string,
  options: StaticOptions,
  onError: (status: number) => void,
): send.SendStream {
  const stream = send(req, urlPath, {
    root,
    index: false,
    dotfiles: 'ignore',
    cacheControl: false,
  })
    .on('error', (error: { status?: number }) => {
      if (res.headersSent) res.destroy();
      else onError(error.status ?? 500);
    })
    .on('headers', (_res: http.ServerResponse, file: string) => {
      securityHeaders(res);
      res.setHeader(
        'Cache-Control',
        file.includes(ASSETS) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      res.setHeader(
        'Content-Security-Policy',
        [
          "default-src 'self'",
          ['connect-src', "'self'", 'ws:', 'wss:', ...(options.connectSources ?? [])].join(' '),
          "img-src 'self' data:",
          "style-src 'self' 'unsafe-inline'",
        ].join('; '),
      );
    });
  stream.pipe(res);
  return stream;
}

function plain(res: http.ServerResponse, status: number, text: string): void {
  securityHeaders(res);
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
