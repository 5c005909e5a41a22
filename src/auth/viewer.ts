import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { EDITOR_ROLE, type TokenVerifier } from './tokens';

/** Who is asking: anonymous readers, or an editor proven by a bearer token. */
export interface Viewer {
  subject: string | null;
  roles: string[];
  /** Identifies the client for rate limits and one-upvote-per-client (token subject, else address). */
  clientId: string;
}

/** What the viewer needs from an HTTP request (Fastify's request has both). */
export interface RequestLike {
  headers: { authorization?: string | undefined };
  ip?: string | undefined;
}

const MAX_TOKEN_CHARS = 8_192;

const malformed = (message: string) =>
  new AppError('UNAUTHENTICATED', message, {
    http: { status: 401, headers: new Map([['www-authenticate', 'Bearer error="invalid_request"']]) },
  });

/**
 * Who is asking. No Authorization header: an anonymous reader. A header that
 * is present must be a valid `Bearer <JWT>`; anything else (another scheme, a
 * malformed, expired or forged token) fails the whole request with
 * UNAUTHENTICATED (HTTP 401), reads included — a client never silently loses
 * its editor rights and keeps going as anonymous.
 *
 * The client id keys rate limits and one-upvote-per-client: the token subject
 * when signed in, else the client address (see TRUST_PROXY).
 */
export async function viewerFromRequest(req: RequestLike, verifier: TokenVerifier): Promise<Viewer> {
  const header = req.headers.authorization;
  if (header === undefined) return anonymousViewer(req.ip);
  const match = /^Bearer[ ]+([A-Za-z0-9\-_.~+/]+=*)[ ]*$/i.exec(header);
  if (!match) throw malformed('The Authorization header must be "Bearer <token>".');
  const token = match[1]!;
  if (token.length > MAX_TOKEN_CHARS) throw malformed('The bearer token is too long.');
  const { subject, roles } = await verifier.verify(token);
  return { subject, roles, clientId: `sub:${subject}` };
}

export const anonymousViewer = (ip: string | undefined): Viewer => ({ subject: null, roles: [], clientId: `ip:${ip ?? 'unknown'}` });

export const isEditor = (viewer: Viewer) => viewer.subject !== null && viewer.roles.includes(EDITOR_ROLE);

/** Throws UNAUTHENTICATED without a token, FORBIDDEN with a token lacking the editor role. */
export function requireEditor(viewer: Viewer): void {
  if (viewer.subject === null) throw new AppError('UNAUTHENTICATED', 'Editors only: sign in with a bearer token that has the editor role.');
  if (!viewer.roles.includes(EDITOR_ROLE)) throw new AppError('FORBIDDEN', 'Editors only: your token does not have the editor role.');
}

/** A one-way key for a client id, so stored upvotes and suggestions hold no address or subject in clear. */
export const clientKey = (clientId: string) => createHash('sha256').update(`clinical-wiki-client\u0000${clientId}`).digest('hex').slice(0, 32);
