/**
 * Where the certificate's QR code points. The public verification page lives in the mini-program
 * H5 (`pages/verify/index?no=<filing_no>`); `VITE_VERIFY_URL_BASE` sets where that app is served
 * (default: the local H5 build). A base containing `{no}` is used as a full template instead, e.g.
 * `https://tuoyu.example.gov.cn/verify/{no}` for the admin's own public page.
 */
export const DEFAULT_VERIFY_URL_BASE = 'http://127.0.0.1:10086/#/';
export const MINIAPP_VERIFY_ROUTE = 'pages/verify/index';

export function verifyUrl(filingNo: string, base: string | undefined = import.meta.env.VITE_VERIFY_URL_BASE): string {
  const no = encodeURIComponent(filingNo);
  const root = base?.trim() || DEFAULT_VERIFY_URL_BASE;
  if (root.includes('{no}')) return root.replaceAll('{no}', no);
  const withSlash = root.endsWith('/') ? root : `${root}/`;
  return `${withSlash}${MINIAPP_VERIFY_ROUTE}?no=${no}`;
}

/** The filing number a verification URL carries (mini-program query or /verify/<no> path). */
export function filingNoFromVerifyUrl(url: string): string | null {
  const query = /[?&]no=([^&#]+)/.exec(url);
  if (query?.[1]) return decodeURIComponent(query[1]);
  const path = /\/verify\/([^/?#]+)/.exec(url);
  return path?.[1] ? decodeURIComponent(path[1]) : null;
}

/** The admin's own public verification page for a filing number. */
export function adminVerifyPath(filingNo: string): string {
  return `/verify/${encodeURIComponent(filingNo)}`;
}
