/** Request body reading with a size limit, and JSON parsing with PostgREST's errors. */
import { RestError } from './errors.ts';
import { DEFAULT_MESSAGES, formatMessage, type Messages } from '../messages.ts';

/** A node:http request body (IncomingMessage): read from its events, without a WHATWG stream. */
export type NodeBody = NodeJS.ReadableStream & { readableEnded: boolean; on(event: string, fn: (...args: never[]) => void): unknown };

function readNodeBody(source: NodeBody, maxBytes: number, tooLarge: () => RestError): Promise<Uint8Array> {
  if (source.readableEnded) return Promise.resolve(new Uint8Array());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      source.removeListener('data', onData);
      source.removeListener('end', onEnd);
      source.removeListener('error', onError);
      source.removeListener('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        cleanup();
        source.resume(); // the rest is discarded, never kept
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new Error('The client closed the connection before the request body ended'));
    };
    source.on('data', onData);
    source.on('end', onEnd);
    source.on('error', onError);
    source.on('close', onClose);
  });
}

export async function readBodyLimited(req: Request, maxBytes: number, messages: Messages = DEFAULT_MESSAGES, source?: NodeBody): Promise<string> {
  const declared = req.headers.get('content-length');
  const tooLarge = () =>
    new RestError(413, 'PGRST413', formatMessage(messages.bodyTooLarge, { limit: maxBytes }), {
      details: `The request body exceeds the limit of ${maxBytes} bytes`,
      hint: messages.bodyTooLargeHint,
    });
  if (declared && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge();
  if (source) return new TextDecoder('utf-8', { fatal: false }).decode(await readNodeBody(source, maxBytes, tooLarge));
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(concat(chunks, size));
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export function invalidBody(details: string | null = null): RestError {
  return new RestError(400, 'PGRST102', 'Empty or invalid json', { details });
}

/** Parse a JSON body; `empty` is what an empty body means (undefined = error). */
export function parseJsonBody(text: string, empty?: unknown): unknown {
  if (text.trim() === '') {
    if (empty !== undefined) return empty;
    throw invalidBody();
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidBody(error instanceof Error ? error.message : null);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The content type of a write must be JSON (PostgREST also takes CSV and forms; we do not). */
export function checkJsonContentType(req: Request): void {
  const ct = req.headers.get('content-type');
  if (!ct) return;
  const type = ct.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type === '*/*' || type === 'application/vnd.pgrst.object+json' || type === 'application/vnd.pgrst.object') return;
  throw new RestError(415, 'PGRST107', `Content-Type not acceptable: ${ct}`, { hint: 'Send application/json' });
}
