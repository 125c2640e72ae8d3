import { describe, expect, it } from 'vitest';
import { TaroAbortController } from './abort-controller.ts';
import { TaroHeaders } from './headers.ts';
import { utf8Decode, utf8Encode } from '../supabase/utf8.ts';

describe('TaroHeaders', () => {
  it('is case-insensitive and combines repeated names like WHATWG Headers', () => {
    const headers = new TaroHeaders([['X-A', '1']]);
    headers.append('x-a', '2');
    headers.set('Authorization', 'Bearer t');
    expect(headers.get('X-A')).toBe('1, 2');
    expect(headers.has('authorization')).toBe(true);
    headers.delete('AUTHORIZATION');
    expect(headers.get('authorization')).toBeNull();
    expect([...new TaroHeaders(headers)]).toEqual([['x-a', '1, 2']]);
    expect(new TaroHeaders(new Headers({ Prefer: 'count=exact' })).toObject()).toEqual({ prefer: 'count=exact' });
  });
});

describe('TaroAbortController', () => {
  it('fires listeners once with an AbortError reason', () => {
    const controller = new TaroAbortController();
    const seen: string[] = [];
    controller.signal.onabort = () => seen.push('onabort');
    controller.signal.addEventListener('abort', () => seen.push('listener'));
    controller.abort();
    controller.abort();
    expect(seen).toEqual(['onabort', 'listener']);
    expect(controller.signal.aborted).toBe(true);
    expect(() => controller.signal.throwIfAborted()).toThrow(/aborted/);
    expect((controller.signal.reason as Error).name).toBe('AbortError');
  });
});

describe('utf8', () => {
  it('round-trips Chinese text and astral characters like TextEncoder/TextDecoder', () => {
    const text = '托育一件事 ✓ 𠀀 abc';
    const encoded = utf8Encode(text);
    expect([...new Uint8Array(encoded)]).toEqual([...new TextEncoder().encode(text)]);
    expect(utf8Decode(encoded)).toBe(text);
  });
});
