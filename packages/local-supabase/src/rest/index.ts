// PostgREST-compatible REST engine: parse (URL + headers + body → AST) → plan (AST + schema cache
// → SQL with bound values) → execute (one transaction as the caller) → HTTP.
export { createRestHandler, replyToResponse, restSettingsFromEnv, type RestHandler, type RestHandlerOptions, type RestReply, type TxEnd } from './handler.ts';
export { RestError } from './errors.ts';
export { loadSchemaCache, type SchemaCache } from './schema-cache.ts';
