import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The layers of src/, bottom first (docs/architecture.md). A module imports
 * only modules of lower layers: the toolkit (graph, graphql, auth) imports no
 * feature, features import no assembly, and nothing imports the composition
 * root. src/generated/ is left out: it is graphql-codegen's output, whose
 * type-only imports name the context and record types the schema maps to.
 */
const LAYERS: string[][] = [
  ['config', 'errors', 'logger', 'model', 'pacing'],
  ['graph', 'graphql', 'auth'],
  ['entries', 'http'],
  ['cross-link', 'navigation', 'see-also', 'search'],
  ['linking', 'evidence', 'revisions'],
  ['graph-changes'],
  ['ingest'],
  ['editing', 'seed'],
  ['services'],
  ['api'],
  ['server'],
  ['cli', 'main'],
];

const SRC = path.resolve(__dirname, '../src');
const layerOf = new Map(LAYERS.flatMap((modules, layer) => modules.map((module) => [module, layer] as const)));

/** The module a file belongs to: its folder under src/, or its own name for a file at the top. */
const moduleOf = (file: string) => path.relative(SRC, file).split(path.sep)[0]!.replace(/\.ts$/, '');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const imports = sourceFiles(SRC).flatMap((file) =>
  ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => ({ file: path.relative(SRC, file), from: moduleOf(file), to: moduleOf(path.resolve(path.dirname(file), name)) }))
    .filter(({ from, to }) => from !== to && to !== 'generated'),
);

describe('src/ layers', () => {
  it('places every module of src/ in a layer', () => {
    const modules = new Set(sourceFiles(SRC).map(moduleOf));
    expect([...modules].filter((module) => !layerOf.has(module))).toEqual([]);
  });

  it('has modules that import only from layers below their own', () => {
    expect(imports.length).toBeGreaterThan(100);
    const upward = imports.filter(({ from, to }) => layerOf.get(to)! >= layerOf.get(from)!);
    expect(upward).toEqual([]);
  });
});
