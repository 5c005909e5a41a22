import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { projectRoot } from '../../src/config';
import { contractOperationsPlugin } from './contract-operations';

/** Where pages find the bundles: the server serves dist/web/assets there (src/http/web-pages.ts). */
const ASSETS_URL = '/assets/';

/** The files a page loads, as URLs. */
export interface PageAssets {
  scripts: string[];
  styles: string[];
}

const web = (file: string) => path.join(projectRoot, 'web', file);

/** Names carry a content hash, so the server can let browsers keep them for a year (a new build is a new name). */
const common = (outdir: string): BuildOptions => ({
  absWorkingDir: projectRoot,
  bundle: true,
  outdir,
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  minify: true,
  sourcemap: 'linked',
  target: 'es2022',
  metafile: true,
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Monaco's icon font; GraphiQL's own fonts come inlined in its CSS.
  loader: { '.ttf': 'file' },
});

/** The URLs of what esbuild wrote for one entry point. */
function outputsOf(metafile: Metafile, outdir: string, entryPoint: string): PageAssets {
  const entry = path.relative(projectRoot, entryPoint).split(path.sep).join('/');
  const [file, output] = Object.entries(metafile.outputs).find(([, o]) => o.entryPoint === entry) ?? [];
  if (!file || !output) throw new Error(`esbuild wrote nothing for ${entry}`);
  const url = (written: string) => ASSETS_URL + path.relative(outdir, path.resolve(projectRoot, written)).split(path.sep).join('/');
  return { scripts: [url(file)], styles: output.cssBundle ? [url(output.cssBundle)] : [] };
}

/**
 * GraphiQL with the contract's operations as tabs. Monaco's three workers are
 * built first, each a classic script of its own, and their URLs given to the
 * page's bundle.
 */
export async function buildIde(outdir: string): Promise<PageAssets> {
  const workers = {
    editor: require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
    json: require.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
    graphql: require.resolve('monaco-graphql/esm/graphql.worker.js'),
  };
  const workerBuild = await build({
    ...common(outdir),
    entryPoints: Object.entries(workers).map(([label, file]) => ({ in: file, out: `${label}.worker` })),
    format: 'iife',
  });
  const workerUrls = Object.fromEntries(
    Object.entries(workers).map(([label, file]) => [label, outputsOf(workerBuild.metafile!, outdir, file).scripts[0]]),
  );
  const entry = web('ide/main.tsx');
  const ide = await build({
    ...common(outdir),
    entryPoints: [{ in: entry, out: 'ide' }],
    format: 'esm',
    jsx: 'automatic',
    define: { ...common(outdir).define, MONACO_WORKER_URLS: JSON.stringify(workerUrls) },
    plugins: [contractOperationsPlugin()],
  });
  return outputsOf(ide.metafile!, outdir, entry);
}

/** The explorer; cytoscape is a chunk of its own, loaded when a neighbourhood is first drawn. */
export async function buildExplorer(outdir: string): Promise<PageAssets> {
  const entry = web('explore/main.ts');
  const explorer = await build({
    ...common(outdir),
    entryPoints: [{ in: entry, out: 'explore' }],
    format: 'esm',
    splitting: true,
    plugins: [contractOperationsPlugin()],
  });
  return outputsOf(explorer.metafile!, outdir, entry);
}
