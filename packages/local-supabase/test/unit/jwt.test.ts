import { afterEach, describe, expect, it, vi } from 'vitest';
import { JwtError, signJwt, verifyJwt } from '../../src/jwt.ts';

const SECRET = 'unit-test-secret-unit-test-secret-0001';
const OTHER = 'unit-test-secret-unit-test-secret-0002';
const now = () => Math.floor(Date.now() / 1000);

async function refusal(token: string, secret: string): Promise<string | undefined> {
  try {
    await verifyJwt(token, secret);
  } catch (error) {
    if (error instanceof JwtError) return `${error.code} ${error.message}`;
    throw error;
  }
  return undefined;
}

describe('verifyJwt and its cache of verified tokens', () => {
  afterEach(() => vi.useRealTimers());

  it('a verified token is not trusted under another secret, even when cached', async () => {
    const token = await signJwt({ role: 'authenticated', sub: 'u1', exp: now() + 60 }, SECRET);
    expect(await verifyJwt(token, SECRET)).toMatchObject({ sub: 'u1' });
    expect(await refusal(token, OTHER)).toBe('PGRST301 JWSError JWSInvalidSignature');
    expect(await verifyJwt(token, SECRET)).toMatchObject({ sub: 'u1' });
  });

  it('a cached token is refused once it expires', async () => {
    const exp = now() + 30;
    const token = await signJwt({ role: 'authenticated', sub: 'u2', exp }, SECRET);
    expect(await verifyJwt(token, SECRET)).toMatchObject({ sub: 'u2' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime((exp + 1) * 1000);
    expect(await refusal(token, SECRET)).toBe('PGRST303 JWT expired');
    vi.setSystemTime(exp * 1000); // exp is exclusive, as in jose
    expect(await refusal(token, SECRET)).toBe('PGRST303 JWT expired');
  });

  it('callers get their own copy of the claims', async () => {
    const token = await signJwt({ role: 'authenticated', sub: 'u3', exp: now() + 60 }, SECRET);
    const first = await verifyJwt(token, SECRET);
    first.role = 'service_role';
    expect((await verifyJwt(token, SECRET)).role).toBe('authenticated');
  });

  it('a tampered payload never matches the cached token', async () => {
    const token = await signJwt({ role: 'authenticated', sub: 'u4', exp: now() + 60 }, SECRET);
    await verifyJwt(token, SECRET);
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ role: 'service_role', sub: 'u4', exp: now() + 60 })).toString('base64url');
    expect(await refusal(`${header}.${forged}.${signature}`, SECRET)).toBe('PGRST301 JWSError JWSInvalidSignature');
  });
});
