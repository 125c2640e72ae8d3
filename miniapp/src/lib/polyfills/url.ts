/**
 * Spec-compliant URL / URLSearchParams for the WeChat runtime, provided to every module as the
 * free variables `URL` and `URLSearchParams` (weapp build only, config/index.ts). Taro's own
 * TaroURL accepts only http(s) URLs; realtime-js needs `new URL('ws://…')`.
 */
import URLImpl from 'core-js-pure/stable/url';
import URLSearchParamsImpl from 'core-js-pure/stable/url-search-params';

export const URL: typeof globalThis.URL = URLImpl;
export const URLSearchParams: typeof globalThis.URLSearchParams = URLSearchParamsImpl;
