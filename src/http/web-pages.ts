import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import accepts from 'accepts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { projectRoot } from '../config';

/** What `npm run build:web` writes (web/build): the pages and, under assets/, their bundles. */
export const WEB_ROOT = path.join(projectRoot, 'dist/web');

/**
 * The pages load everything from this server: the policy makes the browser
 * refuse anything else, so a page cannot quietly depend on the internet.
 * Styles may be inline because Monaco and GraphiQL set them from script.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Media types GET /graphql answers, in Apollo's order of preference: a browser asking for HTML gets the IDE. */
const GRAPHQL_GET_TYPES = ['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html'];

async function sendPage(reply: FastifyReply, root: string, file: string): Promise<FastifyReply> {
  // Pages are small and name their hashed bundles: revalidated on every load, so a new build shows at once.
  if (!fs.existsSync(path.join(root, file))) {
    return reply.code(503).type('text/plain').send(`${file} is not built: run \`npm run build:web\` (npm run build and npm test do).\n`);
  }
  return reply
    .header('cache-control', 'no-cache')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .sendFile(file, root, { cacheControl: false });
}

/**
 * GET /graphql from a browser (it prefers HTML): GraphiQL, in place of
 * Apollo's landing page, which loads from CDNs. Returns null for any other
 * request, which goes on to the GraphQL endpoint.
 */
export function graphqlIde(root = WEB_ROOT): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> | null {
  return (request, reply) => {
    if (request.method !== 'GET' || !request.headers.accept || accepts(request.raw).type(GRAPHQL_GET_TYPES) !== 'text/html') return null;
    return sendPage(reply, root, 'ide.html');
  };
}

/**
 * The explorer at /explore and every URL under it (the page routes them
 * itself, so a deep link or a reload works), and the pages' bundles at /assets.
 */
export async function registerWebPages(app: FastifyInstance, root = WEB_ROOT): Promise<void> {
  // reply.sendFile for the pages (serving nothing by itself).
  await app.register(fastifyStatic, { root, serve: false });
  const explorer = async (_request: FastifyRequest, reply: FastifyReply) => sendPage(reply, root, 'explore.html');
  app.get('/explore', explorer);
  app.get('/explore/*', explorer);
  // Bundle names carry a content hash: browsers may keep them for good. In a scope of their own, so the hook runs for them only.
  await app.register(async (assets) => {
    // JavaScript's registered type (RFC 9239): @fastify/send's table still says application/javascript.
    assets.addHook('onSend', async (_request, reply, payload) => {
      if (String(reply.getHeader('content-type')).startsWith('application/javascript')) reply.header('content-type', 'text/javascript; charset=utf-8');
      return payload;
    });
    await assets.register(fastifyStatic, { root: path.join(root, 'assets'), prefix: '/assets/', immutable: true, maxAge: '1y', index: false, redirect: false, wildcard: true, decorateReply: false });
  });
}
