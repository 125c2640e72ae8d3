import { SignJWT } from 'jose';

/**
 * Local defaults follow the Supabase CLI: a fixed, public development secret, and anon /
 * service-role keys derived from it. Never use these in production; override by environment.
 */
export const DEFAULT_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';
export const DEFAULT_PORT = 54321;
/** The Supabase CLI's demo keys expire in 2032 (exp 1983812996); ours are derived the same way. */
const DEMO_KEY_EXP = 1983812996;

export interface KeySet {
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
}

export async function signApiKey(secret: string, role: 'anon' | 'service_role'): Promise<string> {
  return new SignJWT({ iss: 'supabase-demo', role, exp: DEMO_KEY_EXP })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

/** Keys from the environment (SUPABASE_JWT_SECRET / SUPABASE_ANON_KEY / SUPABASE_SERVICE_ROLE_KEY) or derived. */
export async function resolveKeys(env: NodeJS.ProcessEnv = process.env): Promise<KeySet> {
  const jwtSecret = env.SUPABASE_JWT_SECRET || env.JWT_SECRET || DEFAULT_JWT_SECRET;
  if (jwtSecret.length < 32) throw new Error('SUPABASE_JWT_SECRET must be at least 32 characters long');
  return {
    jwtSecret,
    anonKey: env.SUPABASE_ANON_KEY || (await signApiKey(jwtSecret, 'anon')),
    serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY || (await signApiKey(jwtSecret, 'service_role')),
  };
}
