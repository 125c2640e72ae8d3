import { describe, expect, it } from 'vitest';
import { TaroHeaders } from '../polyfills/headers.ts';
import { TaroAbortController } from '../polyfills/abort-controller.ts';
import { createTaroFetch, type WxRequestOptions } from './taro-fetch.ts';

/** A wx.request stand-in that records the options and answers as WeChat does. */
function fakeWxRequest(answer: (options: WxRequestOptions) => void) {
  const calls: WxRequestOptions[] = [];
  let aborted = 0;
  const request = (options: WxRequestOptions) => {
    calls.push(options);
    setTimeout(() => answer(options), 0);
    return { abort: () => void aborted++ };
  };
  return { request, calls, aborted: () => aborted };
}

describe('taroFetch (fetch on wx.request)', () => {
  it('maps a supabase-js request and response', async () => {
    const wx = fakeWxRequest((o) =>
      o.success({ statusCode: 201, data: '[{"name":"山东省"}]', header: { 'Content-Range': '0-0/1', 'Content-Type': 'application/json' } }),
    );
    const fetch = createTaroFetch(wx.request);
    const headers = new TaroHeaders({ apikey: 'k', Prefer: 'return=representation' });
    const response = await fetch('http://127.0.0.1:54321/rest/v1/regions', { method: 'post', headers, body: '{"a":1}' });

    expect(wx.calls[0]).toMatchObject({
      url: 'http://127.0.0.1:54321/rest/v1/regions',
      method: 'POST',
      header: { apikey: 'k', prefer: 'return=representation' },
      data: '{"a":1}',
      dataType: 'text',
      responseType: 'text',
    });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Created');
    expect(response.headers.get('content-range')).toBe('0-0/1');
    expect(await response.clone().json()).toEqual([{ name: '山东省' }]);
    expect(await response.text()).toBe('[{"name":"山东省"}]');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new TextEncoder().encode('[{"name":"山东省"}]'));
  });

  it('accepts URL objects and plain header records, and sends no data for GET', async () => {
    const wx = fakeWxRequest((o) => o.success({ statusCode: 404, data: '' }));
    const response = await createTaroFetch(wx.request)({ href: 'http://x/y?z=1' }, { headers: { Accept: 'application/json' } });
    expect(wx.calls[0]).toMatchObject({ url: 'http://x/y?z=1', method: 'GET', header: { accept: 'application/json' } });
    expect('data' in wx.calls[0]!).toBe(false);
    expect(response.ok).toBe(false);
    expect(await response.json()).toBeNull();
  });

  it('rejects like fetch when the request fails', async () => {
    const wx = fakeWxRequest((o) => o.fail({ errMsg: 'request:fail timeout' }));
    await expect(createTaroFetch(wx.request)('http://x')).rejects.toThrow(/Network request failed: request:fail timeout/);
  });

  it('rejects bodies wx.request cannot send', async () => {
    const wx = fakeWxRequest(() => undefined);
    await expect(createTaroFetch(wx.request)('http://x', { method: 'POST', body: { a: 1 } })).rejects.toThrow(/uploadFile/);
    expect(wx.calls).toHaveLength(0);
  });

  it('aborts the wx.request task when the signal fires', async () => {
    const wx = fakeWxRequest(() => undefined); // never answers
    const controller = new TaroAbortController();
    const pending = createTaroFetch(wx.request)('http://x', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(wx.aborted()).toBe(1);
    await expect(createTaroFetch(wx.request)('http://x', { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
