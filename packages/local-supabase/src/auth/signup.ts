/** POST /signup: creates the user with plain SQL (so auth.users triggers run); autoconfirm returns a session. */
import type { ServiceApp } from '../gateway/service.ts';
import type { AuthContext } from './context.ts';
import { AuthError, obj, readJson, respond, str } from './http.ts';
import { findUserByEmail, hashPassword, identitiesOf, insertUser, isValidEmail, userJson, type UserRow } from './users.ts';

async function signup(a: AuthContext, req: Request, body: Record<string, unknown>, address: string): Promise<Response> {
  if (a.config.disableSignup) throw new AuthError(422, 'signup_disabled', 'Signups not allowed for this instance');
  const email = str(body.email);
  const password = str(body.password);
  if (!email) throw new AuthError(422, 'validation_failed', 'To signup, please provide your email');
  if (!isValidEmail(email)) throw new AuthError(400, 'email_address_invalid', 'Unable to validate email address: invalid format');
  if (!password) throw new AuthError(422, 'validation_failed', 'Signup requires a valid password');
  a.assertStrong(password);
  const passwordHash = await hashPassword(password, a.config.bcryptCost);
  const result = await a.db.tx(async (q) => {
    if (await findUserByEmail(q, email)) return new AuthError(422, 'user_already_exists', 'User already registered');
    let user: UserRow;
    try {
      user = await insertUser(q, { email, passwordHash, userMetadata: obj(body.data), confirmed: a.config.autoconfirm });
    } catch (error) {
      throw new AuthError(500, 'unexpected_failure', `Database error saving new user: ${(error as Error).message}`);
    }
    if (!a.config.autoconfirm) return userJson(user, await identitiesOf(q, user.id));
    return a.startSession(q, user, req, address);
  });
  if (result instanceof AuthError) throw result;
  return respond(req, 200, result);
}

export function signupRoutes(app: ServiceApp, a: AuthContext): void {
  app.post('/signup', async (c) => signup(a, c.req.raw, await readJson(c.req.raw), c.env.ctx.address));
}
