import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config';
import { AppError } from '../errors';

/**
 * Bearer tokens: HS256 JWTs signed with JWT_SECRET, or tokens from an identity
 * provider whose keys are published at JWT_JWKS_URL (RS/ES/PS/EdDSA). Either
 * way the issuer and audience must match the configuration.
 *
 * Roles come from the `roles` claim (an array, or a string) or the `role`
 * claim (a string); both are accepted so tokens from different issuers work.
 */

/** The role that may use the "Editors only" mutations and queries. */
export const EDITOR_ROLE = 'editor';

/**
 * The secret development and test servers use when JWT_SECRET is unset, so
 * `npm run token` works out of the box. It is public (it is in this file):
 * never used when NODE_ENV=production.
 */
export const DEVELOPMENT_JWT_SECRET = 'clinical-wiki-development-secret-do-not-use-in-production';

/** Clocks of issuers and this server may differ by this much (exp, iat). */
const CLOCK_SKEW_SECONDS = 30;

const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface VerifiedToken {
  subject: string;
  roles: string[];
}

/** The HMAC secret tokens are signed and checked with: JWT_SECRET, else the development secret outside production. */
export function signingSecret(config: Config): string | undefined {
  if (config.auth.secret) return config.auth.secret;
  return config.env === 'production' ? undefined : DEVELOPMENT_JWT_SECRET;
}

/** The roles a token grants, from `roles` (array or space/comma separated string) and `role`. */
export function rolesOf(payload: JWTPayload): string[] {
  const roles = new Set<string>();
  const add = (value: unknown) => {
    const listed = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value : [];
    for (const role of listed) {
      if (typeof role === 'string' && role.length > 0 && role.length <= 100) roles.add(role);
    }
  };
  add(payload.roles);
  add(payload.role);
  return [...roles];
}

const unauthenticated = (message: string) =>
  new AppError('UNAUTHENTICATED', message, {
    http: { status: 401, headers: new Map([['www-authenticate', 'Bearer error="invalid_token"']]) },
  });

export interface TokenVerifier {
  /** True when this server can check tokens at all (a secret or a JWKS is configured). */
  readonly enabled: boolean;
  /** The token's subject and roles; throws UNAUTHENTICATED saying why a token is not accepted. */
  verify(token: string): Promise<VerifiedToken>;
}

/**
 * Checks tokens against the configured secret and/or JWKS. In production
 * without either, no token is accepted (reads still work; writes cannot).
 */
export function createTokenVerifier(config: Config): TokenVerifier {
  const secret = signingSecret(config);
  const secretKey = secret ? new TextEncoder().encode(secret) : null;
  const jwks = config.auth.jwksUrl ? createRemoteJWKSet(new URL(config.auth.jwksUrl)) : null;
  const algorithms = [...(secretKey ? ['HS256'] : []), ...(jwks ? ASYMMETRIC_ALGORITHMS : [])];
  const maxLifetime = config.auth.maxTokenLifetimeSeconds;

  const getKey: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256' && secretKey) return secretKey;
    if (jwks && header.alg !== 'HS256') return jwks(header, token);
    throw unauthenticated(`Tokens signed with ${String(header.alg).slice(0, 20)} are not accepted here.`);
  };

  return {
    enabled: algorithms.length > 0,
    async verify(token) {
      if (algorithms.length === 0) throw unauthenticated('This server accepts no tokens: editor sign-in is not configured.');
      try {
        const { payload } = await jwtVerify(token, getKey, {
          issuer: config.auth.issuer,
          audience: config.auth.audience,
          algorithms,
          requiredClaims: ['sub', 'exp', 'iat'],
          clockTolerance: CLOCK_SKEW_SECONDS,
          // Also refuses an iat in the future (beyond the skew): such a token would outlive any age limit.
          maxTokenAge: maxLifetime,
        });
        if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 200) {
          throw unauthenticated('The token has no usable subject (sub).');
        }
        // A stolen token is useful until it expires: refuse lifetimes beyond the cap rather than trusting every issuer's.
        if (payload.exp! - payload.iat! > maxLifetime + CLOCK_SKEW_SECONDS) {
          throw unauthenticated(`The token's lifetime (exp - iat) is longer than this server accepts (${maxLifetime} s).`);
        }
        return { subject: payload.sub, roles: rolesOf(payload) };
      } catch (error) {
        throw toAuthError(error);
      }
    },
  };
}

/** Says why a token was refused, without echoing the token. */
function toAuthError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof joseErrors.JWTExpired) return unauthenticated('The token has expired.');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return unauthenticated(`The token's "${error.claim}" claim is not accepted (${error.reason === 'check_failed' ? 'wrong value' : error.reason}).`);
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return unauthenticated('The token signature is invalid.');
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return unauthenticated('The token is signed with an algorithm this server does not accept.');
  if (error instanceof joseErrors.JWKSNoMatchingKey) return unauthenticated('No published key matches the token.');
  const unreachable =
    error instanceof joseErrors.JWKSTimeout ||
    !(error instanceof joseErrors.JOSEError) ||
    error.code === 'ERR_JOSE_GENERIC'; // e.g. the JWKS endpoint answered with an error status
  if (unreachable) return new AppError('SERVICE_UNAVAILABLE', 'The signing keys could not be fetched to check the token; try again shortly.');
  return unauthenticated('The token is malformed or invalid.');
}

export interface TokenRequest {
  subject: string;
  roles: string[];
  /** A duration jose understands: "8h", "30m", "7d". */
  expiresIn: string;
}

/** Signs an HS256 token with the configured secret (the `npm run token` CLI and tests). */
export async function signToken(config: Config, request: TokenRequest): Promise<string> {
  const secret = signingSecret(config);
  if (!secret) throw new Error('JWT_SECRET is not set: in production, tokens come from your identity provider or need JWT_SECRET.');
  const issuedAt = Math.floor(Date.now() / 1000);
  const token = new SignJWT({ roles: request.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(config.auth.issuer)
    .setAudience(config.auth.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(request.expiresIn);
  const signed = await token.sign(new TextEncoder().encode(secret));
  const { exp } = decodeJwt(signed);
  if (exp! - issuedAt > config.auth.maxTokenLifetimeSeconds) {
    throw new Error(`A token valid for ${request.expiresIn} would be refused: the server accepts at most ${config.auth.maxTokenLifetimeSeconds} s (JWT_MAX_LIFETIME_SECONDS).`);
  }
  return signed;
}
