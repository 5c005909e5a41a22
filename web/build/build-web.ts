import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { buildExplorer, buildIde } from './bundles';
import { pageHtml } from './pages';

/** Where the server finds the pages and their assets (src/http/web-pages.ts). */
const OUT = path.join(projectRoot, 'dist/web');

/**
 * `npm run build:web`: the GraphQL IDE and the explorer, bundled from npm
 * packages and web/ into dist/web, so a browser needs nothing but this API.
 */
async function main(): Promise<void> {
  fs.rmSync(OUT, { recursive: true, force: true });
  const assets = path.join(OUT, 'assets');
  const [ide, explorer] = await Promise.all([buildIde(assets), buildExplorer(assets)]);
  fs.writeFileSync(path.join(OUT, 'ide.html'), pageHtml({ title: 'GraphQL IDE · Clinical wiki', root: 'graphiql', assets: ide }));
  fs.writeFileSync(path.join(OUT, 'explore.html'), pageHtml({ title: 'Clinical wiki explorer', root: 'explorer', assets: explorer }));
  console.log(`Built the GraphQL IDE and the explorer into ${path.relative(projectRoot, OUT)}/`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
