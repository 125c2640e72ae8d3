import handler from './index.ts';
Deno.serve(handler);
