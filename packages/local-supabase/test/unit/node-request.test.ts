import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeHeaders, SocketGone } from '../../src/gateway/node-request.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function serve(handler: Handler): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** Send a raw HTTP/1.1 request (headers exactly as written) and resolve when the socket is written. */
function rawRequest(port: number, head: string, keepOpen = false) {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  socket.write(head);
  if (!keepOpen) socket.on('data', () => socket.end());
  return socket;
}

describe('NodeHeaders: what undici Headers (and so @hono/node-server) give for the same request', () => {
  it('lower-cases names, joins repeats with ", " (cookie with "; "), trims whitespace, iterates in name order', async () => {
    const seen = new Promise<{ ours: NodeHeaders; theirs: Headers }>((resolve) => {
      void serve((req, res) => {
        const pairs: [string, string][] = [];
        for (let i = 0; i < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
        resolve({ ours: new NodeHeaders(req.rawHeaders), theirs: new Headers(pairs) });
        res.end('ok');
      }).then((port) =>
        rawRequest(
          port,
          [
            'GET /rest/v1/t?select=* HTTP/1.1',
            'Host: 127.0.0.1',
            'X-Dup: a',
            'x-dup: b',
            'Accept:   application/json  ',
            'Cookie: a=1',
            'Cookie: b=2',
            'Set-Cookie: s=1',
            'set-cookie: t=2',
            'Authorization: Bearer one',
            'authorization: Bearer two',
            'Prefer: count=exact',
            'APIKEY: k',
            'Empty:',
            '',
            '',
          ].join('\r\n'),
        ),
      );
    });
    const { ours, theirs } = await seen;
    for (const name of ['x-dup', 'X-DUP', 'accept', 'cookie', 'authorization', 'prefer', 'apikey', 'empty', 'host', 'set-cookie', 'range', 'content-type']) {
      expect(ours.get(name), name).toBe(theirs.get(name));
      expect(ours.has(name), name).toBe(theirs.has(name));
    }
    expect([...ours]).toEqual([...theirs]);
    expect(ours.toObject()).toEqual(Object.fromEntries(theirs));
    expect(JSON.stringify(ours.toObject())).toBe(JSON.stringify(Object.fromEntries(theirs)));
  });
});

describe('SocketGone: aborts when the client leaves before the answer', () => {
  it('fires its listeners once on an early close, and not after dispose or a finished answer', async () => {
    let early: SocketGone | undefined;
    let fired = 0;
    const closed = new Promise<void>((resolve) => {
      void serve((req, res) => {
        if (req.url === '/early') {
          early = new SocketGone(res);
          early.addEventListener('abort', () => {
            fired++;
            resolve();
          });
          return; // no answer: the client leaves
        }
        const gone = new SocketGone(res);
        gone.addEventListener('abort', () => fired++);
        gone.dispose();
        res.end('ok');
      }).then(async (port) => {
        const answered = rawRequest(port, 'GET /done HTTP/1.1\r\nHost: x\r\n\r\n');
        await new Promise((r) => answered.once('close', r));
        const socket = rawRequest(port, 'GET /early HTTP/1.1\r\nHost: x\r\n\r\n', true);
        setTimeout(() => socket.destroy(), 50);
      });
    });
    await closed;
    expect(early!.aborted).toBe(true);
    expect(String(early!.reason)).toMatch(/prematurely closed/);
    expect(fired).toBe(1);
  });
});
