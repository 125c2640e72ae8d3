// The loopback HTTP client of the gateway comparison, in its own process (forked by
// http-client-process.ts): the server under test does not share an event loop or a CPU with the
// client. Each message is one request; the answer carries the latency this process measured,
// from the first byte written to the last byte read, so the IPC hop back is not counted.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request({ url, method, headers, body }) {
  const u = new URL(url);
  const h = { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) };
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: method ?? 'GET', headers: h, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
        resolve({ status: res.statusCode ?? 0, elapsedMs, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

process.on('message', async (msg) => {
  if (msg === 'close') {
    agent.destroy();
    process.disconnect();
    return;
  }
  try {
    const res = await request(msg.request);
    process.send({ id: msg.id, status: res.status, elapsedMs: res.elapsedMs, text: res.status >= 300 ? res.text.slice(0, 300) : '' });
  } catch (error) {
    process.send({ id: msg.id, error: String(error) });
  }
});
