import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type KeyLike } from 'jose';
import { createTokenVerifier, DEVELOPMENT_JWT_SECRET, rolesOf, signToken, signingSecret } from '../../src/auth/tokens';
import { AppError } from '../../src/errors';
import { testConfig } from '../support/test-app';

const SECRET = 'test-secret-that-is-at-least-32-characters-long';
const secretKey = new TextEncoder().encode(SECRET);

/** A token signed like an identity provider would, with full control over its claims. */
function token(
  claims: Record<string, unknown>,
  options: { issuer?: string; audience?: string; subject?: string | null; expires?: string | number | null; issuedAt?: number | null } = {},
) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' });
  if (options.issuedAt !== null) jwt.setIssuedAt(options.issuedAt);
  jwt.setIssuer(options.issuer ?? 'clinical-wiki').setAudience(options.audience ?? 'clinical-wiki-api');
  if (options.subject !== null) jwt.setSubject(options.subject ?? 'alice');
  if (options.expires !== null) jwt.setExpirationTime(options.expires ?? '1h');
  return jwt;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

describe('bearer tokens', () => {
  const config = testConfig();
  const verifier = createTokenVerifier(config);

  it('verifies a token the CLI signs', async () => {
    const signed = await signToken(config, { subject: 'alice', roles: ['editor'], expiresIn: '8h' });
    await expect(verifier.verify(signed)).resolves.toEqual({ subject: 'alice', roles: ['editor'] });
  });

  it('reads roles from `roles` (array or string) and from `role`', async () => {
    await expect(verifier.verify(await token({ role: 'editor' }).sign(secretKey))).resolves.toEqual({ subject: 'alice', roles: ['editor'] });
    await expect(verifier.verify(await token({ roles: 'reader editor' }).sign(secretKey))).resolves.toEqual({ subject: 'alice', roles: ['reader', 'editor'] });
    await expect(verifier.verify(await token({ roles: ['reader'], role: 'editor' }).sign(secretKey))).resolves.toEqual({ subject: 'alice', roles: ['reader', 'editor'] });
    await expect(verifier.verify(await token({}).sign(secretKey))).resolves.toEqual({ subject: 'alice', roles: [] });
    expect(rolesOf({ roles: [1, 'editor', null, ''], role: ['x'] })).toEqual(['editor', 'x']);
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    ['expired', () => token({ roles: ['editor'] }, { expires: '-2h' }).sign(secretKey), /expired/],
    ['another issuer', () => token({ roles: ['editor'] }, { issuer: 'someone-else' }).sign(secretKey), /"iss"/],
    ['another audience', () => token({ roles: ['editor'] }, { audience: 'another-api' }).sign(secretKey), /"aud"/],
    ['another secret', () => token({ roles: ['editor'] }).sign(new TextEncoder().encode('x'.repeat(40))), /signature/],
    ['no subject', () => token({ roles: ['editor'] }, { subject: null }).sign(secretKey), /"sub"/],
    ['no expiry', () => token({ roles: ['editor'] }, { expires: null }).sign(secretKey), /"exp"/],
    ['without an issue time', () => token({ roles: ['editor'] }, { issuedAt: null }).sign(secretKey), /"iat"/],
    ['issued in the future (beyond the clock skew)', () => token({ roles: ['editor'] }, { issuedAt: nowSeconds() + 120, expires: nowSeconds() + 3_600 }).sign(secretKey), /"iat"/],
    ['valid for longer than the maximum lifetime (24 h)', () => token({ roles: ['editor'] }, { expires: '10y' }).sign(secretKey), /lifetime/],
    ['issued longer ago than the maximum lifetime', () => token({ roles: ['editor'] }, { issuedAt: nowSeconds() - 90_000, expires: nowSeconds() + 60 }).sign(secretKey), /"iat"|too old|expired/],
    ['unsigned (alg none)', async () => new UnsecuredJWT({ roles: ['editor'], sub: 'alice' }).setIssuer('clinical-wiki').setAudience('clinical-wiki-api').setExpirationTime('1h').encode(), /not accepted|malformed|algorithm/],
    ['garbage', async () => 'not.a.jwt', /malformed|invalid/],
  ])('refuses a token that is %s with UNAUTHENTICATED', async (_case, make, message) => {
    const error = await rejection(verifier.verify(await make()));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(message);
  });

  it('allows a little clock skew in the issue time, and lifetimes up to the maximum', async () => {
    await expect(verifier.verify(await token({ role: 'editor' }, { issuedAt: nowSeconds() + 20 }).sign(secretKey))).resolves.toMatchObject({ subject: 'alice' });
    await expect(verifier.verify(await token({ role: 'editor' }, { expires: '24h' }).sign(secretKey))).resolves.toMatchObject({ subject: 'alice' });
    const short = createTokenVerifier(testConfig({ JWT_MAX_LIFETIME_SECONDS: '600' }));
    expect((await rejection(short.verify(await token({ role: 'editor' }, { expires: '1h' }).sign(secretKey)))).code).toBe('UNAUTHENTICATED');
    await expect(short.verify(await token({ role: 'editor' }, { expires: '10m' }).sign(secretKey))).resolves.toMatchObject({ subject: 'alice' });
  });

  it('signs no token the server would refuse for its lifetime', async () => {
    await expect(signToken(config, { subject: 'alice', roles: ['editor'], expiresIn: '7d' })).rejects.toThrow(/JWT_MAX_LIFETIME_SECONDS/);
  });

  it('uses the fixed development secret only outside production', async () => {
    const development = testConfig({ NODE_ENV: 'development', JWT_SECRET: undefined });
    expect(signingSecret(development)).toBe(DEVELOPMENT_JWT_SECRET);
    const signed = await signToken(development, { subject: 'dev', roles: ['editor'], expiresIn: '1h' });
    await expect(createTokenVerifier(development).verify(signed)).resolves.toEqual({ subject: 'dev', roles: ['editor'] });

    const production = testConfig({ NODE_ENV: 'production', JWT_SECRET: undefined });
    expect(signingSecret(production)).toBeUndefined();
    const closed = createTokenVerifier(production);
    expect(closed.enabled).toBe(false);
    expect((await rejection(closed.verify(signed))).code).toBe('UNAUTHENTICATED');
    await expect(signToken(production, { subject: 'dev', roles: ['editor'], expiresIn: '1h' })).rejects.toThrow(/JWT_SECRET/);
  });

  describe('with a JWKS (an identity provider)', () => {
    let server: http.Server;
    let jwksUrl: string;
    let privateKey: KeyLike;

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
      server = http.createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    const rs256 = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setSubject('idp-user')
        .setIssuer('clinical-wiki')
        .setAudience('clinical-wiki-api')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);

    it('verifies the provider\u2019s tokens in production without JWT_SECRET, and refuses HS256 ones', async () => {
      const production = testConfig({ NODE_ENV: 'production', JWT_SECRET: undefined, JWT_JWKS_URL: jwksUrl });
      const idp = createTokenVerifier(production);
      expect(idp.enabled).toBe(true);
      await expect(idp.verify(await rs256({ roles: ['editor'] }))).resolves.toEqual({ subject: 'idp-user', roles: ['editor'] });
      const devSigned = await token({ roles: ['editor'] }).sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET));
      expect((await rejection(idp.verify(devSigned))).code).toBe('UNAUTHENTICATED');
    });

    it('accepts both kinds when both are configured', async () => {
      const both = createTokenVerifier(testConfig({ JWT_JWKS_URL: jwksUrl }));
      await expect(both.verify(await rs256({ role: 'editor' }))).resolves.toEqual({ subject: 'idp-user', roles: ['editor'] });
      await expect(both.verify(await token({ roles: ['editor'] }).sign(secretKey))).resolves.toEqual({ subject: 'alice', roles: ['editor'] });
    });

    it('answers SERVICE_UNAVAILABLE when the keys cannot be fetched', async () => {
      const unreachable = await new Promise<string>((resolve) => {
        const probe = http.createServer();
        probe.listen(0, '127.0.0.1', () => {
          const { port } = probe.address() as AddressInfo;
          probe.close(() => resolve(`http://127.0.0.1:${port}/jwks.json`));
        });
      });
      const idp = createTokenVerifier(testConfig({ NODE_ENV: 'production', JWT_SECRET: undefined, JWT_JWKS_URL: unreachable }));
      expect((await rejection(idp.verify(await rs256({ roles: ['editor'] })))).code).toBe('SERVICE_UNAVAILABLE');
    });
  });
});
