import path from 'node:path';
import express, { Router, type RequestHandler, type Response } from 'express';
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

function sendPage(res: Response, root: string, file: string): void {
  res.sendFile(
    path.join(root, file),
    // Pages are small and name their hashed bundles: revalidated on every load, so a new build shows at once.
    { cacheControl: false, headers: { 'cache-control': 'no-cache', 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' } },
    (error) => {
      if (!error || res.headersSent) return;
      res.status(503).type('text/plain').send(`${file} is not built: run \`npm run build:web\` (npm run build and npm test do).\n`);
    },
  );
}

/**
 * GET /graphql from a browser: GraphiQL (in place of Apollo's landing page,
 * which loads from CDNs). Anything else goes on to the GraphQL endpoint.
 */
export function graphqlIde(root = WEB_ROOT): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' || !req.headers.accept || req.accepts(GRAPHQL_GET_TYPES) !== 'text/html') return next();
    sendPage(res, root, 'ide.html');
  };
}

/**
 * The explorer at /explore and every URL under it (the page routes them
 * itself, so a deep link or a reload works), and the pages' bundles at /assets.
 */
export function webPages(root = WEB_ROOT): Router {
  const router = Router();
  router.get('/explore{/*rest}', (_req, res) => sendPage(res, root, 'explore.html'));
  // Bundle names carry a content hash: browsers may keep them for good.
  router.use('/assets', express.static(path.join(root, 'assets'), { immutable: true, maxAge: '1y', index: false, redirect: false }));
  return router;
}
