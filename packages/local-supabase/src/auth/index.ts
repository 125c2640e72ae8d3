/**
 * /auth/v1 — the GoTrue subset supabase-js uses for email + password: signup, password and
 * refresh-token grants (rotation + reuse detection), user GET/PUT with secure password change,
 * reauthenticate, logout scopes, admin users, settings, health. Users live in Supabase's own auth
 * tables, so triggers on auth.users run.
 *
 * Routed with Hono: signup.ts, token.ts, user.ts (user, reauthenticate, logout), admin.ts; shared
 * state in context.ts, GoTrue's request/response conventions in http.ts.
 */
import type { KeySet } from '../config.ts';
import type { Database } from '../db/types.ts';
import type { Service } from '../gateway/app.ts';
import { createServiceApp, toService } from '../gateway/service.ts';
import { adminRoutes } from './admin.ts';
import { resolveAuthConfig, type AuthConfig } from './config.ts';
import { AuthContext } from './context.ts';
import { AuthError, errorResponse, respond } from './http.ts';
import { signupRoutes } from './signup.ts';
import { tokenRoutes } from './token.ts';
import { userRoutes } from './user.ts';

export { resolveAuthConfig, DEFAULT_AUTH_CONFIG, type AuthConfig } from './config.ts';

export interface AuthServiceOptions {
  db: Database;
  keys: KeySet;
  /** The stack's public URL (for the `iss` claim); read lazily since the port is known late. */
  publicUrl: () => string;
  env?: NodeJS.ProcessEnv;
  config?: Partial<AuthConfig>;
  /**
   * Delivers the one-time code of GET /reauthenticate (GoTrue e-mails it). Default: printed on the
   * server's console, as the Supabase CLI's local mail catcher would show it.
   */
  sendReauthenticationCode?: (email: string, code: string) => void | Promise<void>;
  /** Failed-login counters in the database (`auth.login_throttle`), for several serving processes. */
  sharedThrottle?: boolean;
}

export function createAuthService(options: AuthServiceOptions): Service {
  const config = resolveAuthConfig(options.env ?? process.env, options.config);
  const a = new AuthContext(
    options.db,
    config,
    options.keys.jwtSecret,
    options.publicUrl,
    options.sendReauthenticationCode ?? ((email, code) => console.log(`[local-supabase] reauthentication code for ${email}: ${code}`)),
    options.sharedThrottle ?? false,
  );
  const app = createServiceApp();
  app.get('/health', (c) => respond(c.req.raw, 200, { version: 'local', name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' }));
  app.get('/settings', (c) =>
    respond(c.req.raw, 200, {
      external: { anonymous_users: false, email: true, phone: false },
      disable_signup: config.disableSignup,
      mailer_autoconfirm: config.autoconfirm,
      phone_autoconfirm: false,
      sms_provider: '',
      saml_enabled: false,
    }),
  );
  signupRoutes(app, a);
  tokenRoutes(app, a);
  userRoutes(app, a);
  adminRoutes(app, a);
  app.notFound((c) => errorResponse(c.req.raw, new AuthError(404, 'not_found', `Unsupported auth endpoint: ${c.req.method} ${c.req.path}`)));
  app.onError((error, c) => {
    if (error instanceof AuthError) return errorResponse(c.req.raw, error);
    throw error;
  });
  return toService(app);
}
