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

/** Every relative import of src/ (generated code aside), file to file. */
const fileImports = sourceFiles(SRC).flatMap((file) =>
  ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => ({ file, target: `${path.resolve(path.dirname(file), name)}.ts` }))
    .filter(({ target }) => moduleOf(target) !== 'generated'),
);

const imports = fileImports
  .map(({ file, target }) => ({ file: path.relative(SRC, file), from: moduleOf(file), to: moduleOf(target) }))
  .filter(({ from, to }) => from !== to);

/** The files of src/ that import each other in a loop, as loops of relative paths (depth-first search). */
function importCircles(): string[][] {
  const edges = new Map<string, string[]>();
  for (const { file, target } of fileImports) edges.set(file, [...(edges.get(file) ?? []), target]);
  const state = new Map<string, 'open' | 'done'>();
  const circles: string[][] = [];
  const visit = (file: string, trail: string[]) => {
    state.set(file, 'open');
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') circles.push([...trail.slice(trail.indexOf(next)), next].map((f) => path.relative(SRC, f)));
      else if (!state.has(next)) visit(next, [...trail, next]);
    }
    state.set(file, 'done');
  };
  for (const file of edges.keys()) if (!state.has(file)) visit(file, [file]);
  return circles;
}

describe('src/ layers', () => {
  it('places every module of src/ in a layer', () => {
    const modules = new Set(sourceFiles(SRC).map(moduleOf));
    expect([...modules].filter((module) => !layerOf.has(module))).toEqual([]);
  });

  it('has no files that import each other in a loop', () => {
    expect(importCircles()).toEqual([]);
  });

  it('has modules that import only from layers below their own', () => {
    expect(imports.length).toBeGreaterThan(100);
    const upward = imports.filter(({ from, to }) => layerOf.get(to)! >= layerOf.get(from)!);
    expect(upward).toEqual([]);
  });
});
