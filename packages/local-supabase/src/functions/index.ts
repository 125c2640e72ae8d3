import type { KeySet } from '../config.ts';
import type { Service } from '../gateway/app.ts';
import { json } from '../gateway/http.ts';

export interface FunctionsServiceOptions {
  functionsDir: string;
  keys: KeySet;
  publicUrl: () => string;
  dbUrl?: string;
  env?: NodeJS.ProcessEnv;
  fetch: (req: Request) => Promise<Response>;
}

export function createFunctionsService(_options: FunctionsServiceOptions): Service {
  return async () => json({ code: 'not_implemented', message: 'Functions are not implemented yet' }, 501);
}
