import type { DataProvider } from '@refinedev/core';
import { dataProvider as supabaseDataProvider } from '@refinedev/supabase';
import { toHttpError } from '../lib/errors.ts';
import { supabaseClient } from './supabase-client.ts';

/**
 * @refinedev/supabase's provider with errors mapped to HTTP-like status codes and Chinese
 * messages (see lib/errors.ts), so notifications speak Chinese and onError sees 401/403.
 */
function withMappedErrors(base: DataProvider): DataProvider {
  const wrapped = { ...base } as Record<string, unknown>;
  for (const [name, method] of Object.entries(base)) {
    if (typeof method !== 'function') continue;
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (method as (...a: unknown[]) => Promise<unknown>).apply(base, args);
      } catch (error) {
        throw toHttpError(error);
      }
    };
  }
  return wrapped as DataProvider;
}

export const dataProvider: DataProvider = withMappedErrors(supabaseDataProvider(supabaseClient));
