import type { Database } from '../db/types.ts';
import type { KeySet } from '../config.ts';
import type { Service } from '../gateway/app.ts';
import { json } from '../gateway/http.ts';

export interface StorageServiceOptions {
  db: Database;
  keys: KeySet;
  storageDir: string;
  maxUploadBytes?: number;
}

export function createStorageService(_options: StorageServiceOptions): Service {
  return async () => json({ statusCode: '501', error: 'not_implemented', message: 'Storage is not implemented yet' }, 501);
}
