// PLACEHOLDER until the REST engine lands: same interface, answers 501.
import type { Database } from '../db/types.ts';
import type { RequestAuth } from '../request-context.ts';

export interface RestHandler {
  /** `path` is what follows /rest/v1, e.g. "/institutions" or "/rpc/nearby_institutions". */
  handle(req: Request, auth: RequestAuth, path: string): Promise<Response>;
  /** Reload the schema cache (also done on a cache miss and on NOTIFY pgrst 'reload schema'). */
  reloadSchema(): Promise<void>;
}

export function createRestHandler(_options: { db: Database; schemas?: string[] }): RestHandler {
  return {
    async handle() {
      return Response.json({ code: 'PGRST000', message: 'REST not implemented yet', details: null, hint: null }, { status: 501 });
    },
    async reloadSchema() {},
  };
}
