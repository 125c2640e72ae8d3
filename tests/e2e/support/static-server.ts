import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

/** Serve a built single-page app folder on 127.0.0.1 (ephemeral port unless given), index.html fallback. */
export async function serveStatic(dir: string, port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const handler = sirv(dir, { single: true, dev: true, etag: false });
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
