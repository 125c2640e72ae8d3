/**
 * Loopback HTTP from another process: the gateway comparison's HTTP side sends each request
 * through a forked client (http-client-child.mjs, node:http keep-alive), which times it itself.
 * In the bench's own process the client's socket and parsing work would run on the server's
 * event loop and count as the gateway's cost.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface TimedResponse {
  status: number;
  /** Milliseconds from the request's first byte written to the response's last byte read, in the client process. */
  elapsedMs: number;
  /** The start of the body of an error response (empty for 2xx). */
  text: string;
}

type Reply = { id: number; status?: number; elapsedMs?: number; text?: string; error?: string };

export class ProcessHttpClient {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve: (r: TimedResponse) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor() {
    this.child = fork(fileURLToPath(new URL('./http-client-child.mjs', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (raw) => {
      const reply = raw as Reply;
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.error) waiter.reject(new Error(reply.error));
      else waiter.resolve({ status: reply.status ?? 0, elapsedMs: reply.elapsedMs ?? Number.NaN, text: reply.text ?? '' });
    });
    this.child.on('exit', () => {
      for (const w of this.pending.values()) w.reject(new Error('HTTP client process exited'));
      this.pending.clear();
    });
  }

  /** `lean`: a plain keep-alive socket instead of node:http (see http-client-child.mjs). */
  request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}, lean = false): Promise<TimedResponse> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, lean, request: { url, method: init.method, headers: init.headers, body: init.body } });
    });
  }

  close(): void {
    if (this.child.connected) this.child.send('close');
  }
}
