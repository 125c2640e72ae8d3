/// <reference types="@tarojs/taro" />

declare module '*.css';
declare module '*.png';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    /** Supabase API URL, inlined at build time (config/index.ts → src/config/env.ts). */
    TARO_APP_SUPABASE_URL?: string;
    /** Supabase anon (public) key, inlined at build time. */
    TARO_APP_SUPABASE_ANON_KEY?: string;
  }
}

declare module 'core-js-pure/stable/url' {
  const URLImpl: typeof globalThis.URL;
  export default URLImpl;
}
declare module 'core-js-pure/stable/url-search-params' {
  const URLSearchParamsImpl: typeof globalThis.URLSearchParams;
  export default URLSearchParamsImpl;
}
