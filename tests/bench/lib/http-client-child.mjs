// The loopback HTTP client of the gateway comparison, in its own process (forked by
// http-client-process.ts): the server under test does not share an event loop or a CPU with the
// client. Each message is one request; the answer carries the latency this process measured,
// from building the request to the last byte read, so the IPC hop back is not counted.
// Two clients: node:http with a keep-alive agent, and (`lean`) a plain keep-alive socket that
// writes the request as one HTTP/1.1 message and reads the answer by its Content-Length — the
// work of a minimal HTTP client (as autocannon's, or a browser's native one), without node:http's
// ClientRequest/IncomingMessage streams and events.
import http from 'node:http';
import net from 'node:net';

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

/** One keep-alive connection per host:port for the lean client. */
const connections = new Map();

function leanConnection(u) {
  let c = connections.get(u.host);
  if (c && !c.socket.destroyed) return Promise.resolve(c);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port), noDelay: true }, () => resolve(c));
    c = { socket, pending: null, buffer: null };
    socket.on('data', (chunk) => onLeanData(c, chunk));
    socket.on('error', (e) => {
      connections.delete(u.host);
      if (c.pending) c.pending.reject(e);
      else reject(e);
    });
    socket.on('close', () => {
      connections.delete(u.host);
      if (c.pending) c.pending.reject(new Error('connection closed'));
    });
    connections.set(u.host, c);
  });
}

function onLeanData(c, chunk) {
  const p = c.pending;
  if (!p) return;
  c.buffer = c.buffer ? Buffer.concat([c.buffer, chunk]) : chunk;
  if (p.bodyStart === undefined) {
    const end = c.buffer.indexOf('\r\n\r\n');
    if (end === -1) return;
    const head = c.buffer.toString('latin1', 0, end);
    const lines = head.split('\r\n');
    p.status = Number(lines[0].split(' ')[1]);
    let length;
    for (let i = 1; i < lines.length; i++) {
      const colon = lines[i].indexOf(':');
      const name = lines[i].slice(0, colon).trim().toLowerCase();
      if (name === 'content-length') length = Number(lines[i].slice(colon + 1).trim());
      else if (name === 'transfer-encoding') {
        p.reject(new Error('the lean client reads Content-Length answers only'));
        c.socket.destroy();
        return;
      }
    }
    p.bodyStart = end + 4;
    p.length = length ?? 0;
  }
  if (c.buffer.length < p.bodyStart + p.length) return;
  const elapsedMs = Number(process.hrtime.bigint() - p.started) / 1e6;
  const text = c.buffer.toString('utf8', p.bodyStart, p.bodyStart + p.length);
  c.buffer = null;
  c.pending = null;
  p.resolve({ status: p.status, elapsedMs, text });
}

/** A kept-alive socket the server closed while idle fails the next request: that one is retried once. */
async function leanRequest(request) {
  const u = new URL(request.url);
  const reused = connections.has(u.host);
  try {
    return await leanOnce(request, u);
  } catch (error) {
    if (!reused) throw error;
    connections.get(u.host)?.socket.destroy();
    connections.delete(u.host);
    return leanOnce(request, u);
  }
}

async function leanOnce({ method, headers, body }, u) {
  const c = await leanConnection(u);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let head = `${method ?? 'GET'} ${u.pathname}${u.search} HTTP/1.1\r\nhost: ${u.host}\r\n`;
    for (const k in headers) head += `${k}: ${headers[k]}\r\n`;
    if (body !== undefined) head += `content-length: ${Buffer.byteLength(body)}\r\n`;
    c.pending = { resolve, reject, started };
    c.socket.write(body === undefined ? `${head}\r\n` : `${head}\r\n${body}`);
  });
}

process.on('message', async (msg) => {
  if (msg === 'close') {
    agent.destroy();
    for (const c of connections.values()) c.socket.destroy();
    process.disconnect();
    return;
  }
  try {
    const res = await (msg.lean ? leanRequest(msg.request) : request(msg.request));
    process.send({ id: msg.id, status: res.status, elapsedMs: res.elapsedMs, text: res.status >= 300 ? res.text.slice(0, 300) : '' });
  } catch (error) {
    process.send({ id: msg.id, error: String(error) });
  }
});
