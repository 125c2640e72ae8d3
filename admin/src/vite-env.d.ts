/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_SUPABASE_URL?: string;
  readonly VITE_SUPABASE_ANON_KEY?: string;
  /** Where the filing certificate's QR code points (lib/print/verify-url.ts). */
  readonly VITE_VERIFY_URL_BASE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
