/**
 * The floor of the gateway comparison: a bare `node:http` server in the bench's own process (the
 * stack's process) that, for a path it was given, runs that request's recorded SQL through the same
 * adapter (the direct replay) and answers with the stack's own answer (status, headers, body) — the
 * HTTP hop and the database work of a request without any of the gateway's own work (JWT, routing,
 * parsing, planning, settings, the answer's assembly). Its ratio to the direct replay is the lowest
 * a Node HTTP server could reach with the same client on the same machine.
 */
import { createServer, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '@tuoyu/local-supabase';
import { replay, type Statement } from './recording-db.ts';

export interface FloorAnswer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: string;
  /** Run before answering (null: answer at once — the bare HTTP round trip). */
  sql: Statement[] | null;
}

export class FloorServer {
  readonly #answers = new Map<string, FloorAnswer>();
  readonly #server: Server;
  #url = '';

  constructor(private readonly db: Database) {
    this.#server = createServer((req, res) => {
      req.on('data', () => {});
      req.on('end', () => {
        const a = this.#answers.get(req.url ?? '');
        if (!a) {
          res.writeHead(404).end();
          return;
        }
        const send = () => {
          res.writeHead(a.status, a.headers);
          res.end(a.body);
        };
        if (a.sql) replay(this.db, a.sql).then(send, () => res.writeHead(500).end());
        else send();
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Answer `path` (path + query, as requested) like `res`, after running `sql`; returns its URL. */
  async answer(path: string, res: Response, sql: Statement[] | null): Promise<string> {
    const headers: OutgoingHttpHeaders = {};
    res.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const body = await res.text();
    headers['content-length'] = Buffer.byteLength(body);
    this.#answers.set(path, { status: res.status, headers, body, sql });
    return `${this.#url}${path}`;
  }

  close(): void {
    this.#server.close();
  }
}
