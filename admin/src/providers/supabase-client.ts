import { createClient } from '@supabase/supabase-js';
import type { Database } from '@tuoyu/db-types';
import { env } from '../config/env.ts';

/** The one supabase-js client of the admin: session in localStorage, refreshed automatically. */
export const supabaseClient = createClient<Database>(env.supabaseUrl, env.supabaseAnonKey, {
  db: { schema: 'public' },
  auth: {
    persistSession: true,
    autoRefreshToken: true,
    detectSessionInUrl: false,
    storageKey: 'tuoyu-admin-auth',
  },
});
