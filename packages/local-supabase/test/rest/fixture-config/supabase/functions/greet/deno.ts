// The Supabase entry (config.toml entrypoint): the local stack records the handler passed to Deno.serve.
import handler from './index.ts';

Deno.serve(handler);
