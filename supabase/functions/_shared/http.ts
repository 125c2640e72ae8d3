/** JSON answers with CORS (the H5 build calls functions from another origin). */
export const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, x-client-info, apikey, content-type',
  'access-control-allow-methods': 'POST, OPTIONS',
};

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...CORS_HEADERS },
  });
}

/** An error for people (Chinese message) and programs (code). */
export function fail(status: number, code: string, message: string): Response {
  return json(status, { code, message });
}

/** Service-role REST/Auth calls to the project (no supabase-js: the function stays dependency-free). */
export async function serviceFetch(path: string, init: RequestInit & { serviceKey: string; baseUrl: string }): Promise<Response> {
  const { serviceKey, baseUrl, headers, ...rest } = init;
  return fetch(`${baseUrl.replace(/\/+$/, '')}${path}`, {
    ...rest,
    headers: { apikey: serviceKey, authorization: `Bearer ${serviceKey}`, 'content-type': 'application/json', ...(headers ?? {}) },
  });
}
