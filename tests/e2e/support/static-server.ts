import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

/**
 * Serve a built single-page app folder on 127.0.0.1 (ephemeral port unless given), index.html fallback.
 *
 * The build is finished before the server starts and does not change while it runs, so files are
 * listed once and every asset (JS, CSS, images: content-hashed names) may be cached by the browser:
 * a test that opens several pages in one context loads and compiles the apps' bundles once, not on
 * every navigation. Pages (index.html, the SPA fallback for a route) are never cached, as a real
 * deployment serves them.
 */
export async function serveStatic(dir: string, port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const handler = sirv(dir, {
    single: true,
    etag: false,
    setHeaders(res, pathname) {
      const asset = /\.[a-z0-9]+$/i.test(pathname) && !pathname.endsWith('.html');
      res.setHeader('Cache-Control', asset ? 'public, max-age=31536000, immutable' : 'no-store');
    },
  });
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
