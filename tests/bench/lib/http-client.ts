/**
 * A lean loopback HTTP client for the gateway comparison: node:http with a keep-alive agent.
 * Node's global fetch (undici) spends a few hundred microseconds of its own per request on
 * WHATWG Request/Response and stream plumbing; that is the client's cost, not the gateway's, and
 * browsers and WeChat do that work natively. The bench reports both clients.
 */
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

export interface LeanResponse {
  status: number;
  text: string;
}

export function leanRequest(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<LeanResponse> {
  const u = new URL(url);
  const headers = { ...init.headers, ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}) };
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method: init.method ?? 'GET', headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Close the idle keep-alive sockets (so the process can exit). */
export function closeLeanClient(): void {
  agent.destroy();
}
