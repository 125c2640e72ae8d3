import { SignJWT, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';

/** Claims of a verified token, as SQL sees them through `request.jwt.claims`. */
export type JwtClaims = JWTPayload & Record<string, unknown>;

/**
 * Why a token was refused, with PostgREST's codes: PGRST301 (cannot be verified) or PGRST303
 * (a claim is invalid, e.g. expired).
 */
export class JwtError extends Error {
  override readonly name = 'JwtError';
  constructor(
    readonly code: 'PGRST301' | 'PGRST303',
    message: string,
  ) {
    super(message);
  }
}

const encoder = new TextEncoder();
const keyCache = new Map<string, Uint8Array>();
function hmacKey(secret: string): Uint8Array {
  let key = keyCache.get(secret);
  if (!key) {
    key = encoder.encode(secret);
    keyCache.set(secret, key);
  }
  return key;
}

/** Verify an HS256 token signed with `secret`. Anything else (alg none, RS256, bad signature, expired) is refused. */
export async function verifyJwt(token: string, secret: string): Promise<JwtClaims> {
  if (token.split('.').length !== 3) throw new JwtError('PGRST301', 'Expected 3 parts in JWT; got ' + token.split('.').length);
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw new JwtError('PGRST301', 'JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 1)');
  }
  if (alg !== 'HS256') throw new JwtError('PGRST301', 'JWSError JWSInvalidSignature');
  try {
    const { payload } = await jwtVerify(token, hmacKey(secret), { algorithms: ['HS256'], clockTolerance: 0 });
    return payload as JwtClaims;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new JwtError('PGRST303', 'JWT expired');
    if (error instanceof errors.JWTClaimValidationFailed) throw new JwtError('PGRST303', `JWT claim invalid: ${error.claim}`);
    throw new JwtError('PGRST301', 'JWSError JWSInvalidSignature');
  }
}

/** Sign claims as HS256 (the only algorithm this stack issues and accepts). */
export async function signJwt(claims: Record<string, unknown>, secret: string): Promise<string> {
  return new SignJWT(claims as JWTPayload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(hmacKey(secret));
}
