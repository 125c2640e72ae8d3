/** GoTrue settings the local stack honours; env names follow GoTrue's (GOTRUE_*) where one exists. */
export interface AuthConfig {
  /** Access-token lifetime in seconds (GOTRUE_JWT_EXP, default 3600). */
  jwtExpiry: number;
  /** Sign-ups are confirmed at once (GOTRUE_MAILER_AUTOCONFIRM, default true locally). */
  autoconfirm: boolean;
  /** GOTRUE_DISABLE_SIGNUP. */
  disableSignup: boolean;
  /** GOTRUE_PASSWORD_MIN_LENGTH (default 6). */
  minPasswordLength: number;
  /**
   * GOTRUE_PASSWORD_REQUIRED_CHARACTERS: groups separated by ":", each needing at least one of its
   * characters, e.g. "abcdefghijklmnopqrstuvwxyz:ABCDEFGHIJKLMNOPQRSTUVWXYZ:0123456789".
   */
  passwordRequiredCharacters: string;
  /** bcrypt cost (GoTrue uses 10). */
  bcryptCost: number;
  /** Seconds during which a just-rotated refresh token may be replayed (GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL, 10). */
  refreshTokenReuseInterval: number;
  /** Failed password attempts allowed per account within the window (default 5). */
  maxFailuresPerAccount: number;
  /** Failed password attempts allowed per client address within the window (default 30). */
  maxFailuresPerAddress: number;
  /** Throttle window in seconds (default 300). */
  failureWindowSeconds: number;
  /**
   * GoTrue's secure password change (GOTRUE_SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION,
   * config.toml `[auth.email] secure_password_change`; default false as GoTrue): a password change
   * from a session older than `reauthenticationWindowSeconds` needs the `nonce` sent by
   * GET /reauthenticate.
   */
  securePasswordChange: boolean;
  /** Sessions younger than this may change the password without a nonce (GoTrue: 24 h). */
  reauthenticationWindowSeconds: number;
  /** GOTRUE_SECURITY_UPDATE_PASSWORD_REQUIRE_CURRENT_PASSWORD: a password change must send `current_password`. */
  requireCurrentPassword: boolean;
  /** Lifetime of a reauthentication nonce in seconds (GOTRUE_MAILER_OTP_EXP, 3600). */
  otpExpirySeconds: number;
}

export const DEFAULT_AUTH_CONFIG: AuthConfig = {
  jwtExpiry: 3600,
  autoconfirm: true,
  disableSignup: false,
  minPasswordLength: 6,
  passwordRequiredCharacters: '',
  bcryptCost: 10,
  refreshTokenReuseInterval: 10,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 30,
  failureWindowSeconds: 300,
  securePasswordChange: false,
  reauthenticationWindowSeconds: 24 * 3600,
  requireCurrentPassword: false,
  otpExpirySeconds: 3600,
};

function num(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`Expected a non-negative number, got "${value}"`);
  return n;
}
function bool(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return /^(1|true|yes|on)$/i.test(value);
}

/** Defaults ← environment ← explicit options. */
export function resolveAuthConfig(env: NodeJS.ProcessEnv, overrides: Partial<AuthConfig> = {}): AuthConfig {
  const fromEnv: Partial<AuthConfig> = {
    jwtExpiry: num(env.GOTRUE_JWT_EXP ?? env.JWT_EXPIRY),
    autoconfirm: bool(env.GOTRUE_MAILER_AUTOCONFIRM),
    disableSignup: bool(env.GOTRUE_DISABLE_SIGNUP),
    minPasswordLength: num(env.GOTRUE_PASSWORD_MIN_LENGTH),
    passwordRequiredCharacters: env.GOTRUE_PASSWORD_REQUIRED_CHARACTERS,
    refreshTokenReuseInterval: num(env.GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL),
    maxFailuresPerAccount: num(env.LOCAL_SUPABASE_AUTH_MAX_FAILURES_PER_ACCOUNT),
    maxFailuresPerAddress: num(env.LOCAL_SUPABASE_AUTH_MAX_FAILURES_PER_ADDRESS),
    failureWindowSeconds: num(env.LOCAL_SUPABASE_AUTH_FAILURE_WINDOW),
    securePasswordChange: bool(env.GOTRUE_SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION),
    requireCurrentPassword: bool(env.GOTRUE_SECURITY_UPDATE_PASSWORD_REQUIRE_CURRENT_PASSWORD),
    otpExpirySeconds: num(env.GOTRUE_MAILER_OTP_EXP),
  };
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return { ...DEFAULT_AUTH_CONFIG, ...defined(fromEnv), ...defined(overrides) };
}
