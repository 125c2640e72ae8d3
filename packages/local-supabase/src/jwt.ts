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
const keyCache = new Map<string, Uint8Array<ArrayBuffer>>();
function hmacKey(secret: string): Uint8Array<ArrayBuffer> {
  let key = keyCache.get(secret);
  if (!key) {
    key = encoder.encode(secret);
    keyCache.set(secret, key);
  }
  return key;
}

// Imported once per secret: jose would otherwise import the raw key on every verification.
const verifyKeys = new Map<string, Promise<CryptoKey>>();
function verifyKey(secret: string): Promise<CryptoKey> {
  let key = verifyKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', hmacKey(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    verifyKeys.set(secret, key);
  }
  return key;
}

/**
 * Tokens already verified, until they expire. A client sends the same access token on every request
 * for up to an hour, so the signature is checked once; a hit only re-checks `exp`. Bounded: the
 * oldest entry goes first.
 */
const VERIFIED_MAX = 5_000;
const verified = new Map<string, { secret: string; claims: JwtClaims }>();

function stillValid(claims: JwtClaims): boolean {
  return typeof claims.exp !== 'number' || claims.exp > Math.floor(Date.now() / 1000);
}

/** Verify an HS256 token signed with `secret`. Anything else (alg none, RS256, bad signature, expired) is refused. */
export async function verifyJwt(token: string, secret: string): Promise<JwtClaims> {
  const hit = verified.get(token);
  if (hit && hit.secret === secret && stillValid(hit.claims)) return { ...hit.claims };
  if (hit) verified.delete(token);
  if (token.split('.').length !== 3) throw new JwtError('PGRST301', 'Expected 3 parts in JWT; got ' + token.split('.').length);
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw new JwtError('PGRST301', 'JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 1)');
  }
  if (alg !== 'HS256') throw new JwtError('PGRST301', 'JWSError JWSInvalidSignature');
  let claims: JwtClaims;
  try {
    const { payload } = await jwtVerify(token, await verifyKey(secret), { algorithms: ['HS256'], clockTolerance: 0 });
    claims = payload as JwtClaims;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new JwtError('PGRST303', 'JWT expired');
    if (error instanceof errors.JWTClaimValidationFailed) throw new JwtError('PGRST303', `JWT claim invalid: ${error.claim}`);
    throw new JwtError('PGRST301', 'JWSError JWSInvalidSignature');
  }
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  verified.set(token, { secret, claims: Object.freeze({ ...claims }) });
  return { ...claims };
}

/** Sign claims as HS256 (the only algorithm this stack issues and accepts). */
export async function signJwt(claims: Record<string, unknown>, secret: string): Promise<string> {
  return new SignJWT(claims as JWTPayload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(hmacKey(secret));
}
