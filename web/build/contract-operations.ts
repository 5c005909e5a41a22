import fs from 'node:fs';
import type { Plugin } from 'esbuild';
import { Kind, parse } from 'graphql';
import { CONTRACT_FILE } from '../../src/api/contract';

/** The front end's operations: the explorer and the IDE's examples read them from here, at build time. */
export { CONTRACT_FILE };

/** The module name browser code imports the contract's operations from (declared in web/contract-operations.d.ts). */
const MODULE = 'contract-operations';

export interface ContractOperation {
  name: string;
  /** The operation as the contract writes it: the comment just above it, then its text, unchanged. */
  document: string;
}

/**
 * Splits the contract into one document per operation, in file order. Each
 * keeps its own text, so what the browser sends is the contract's operation
 * as written (a fragment would have to travel with the operations using it:
 * the contract has none, and the build refuses one rather than send it wrong).
 */
export function splitContract(source: string): ContractOperation[] {
  return parse(source).definitions.map((definition) => {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) {
      throw new Error(`${CONTRACT_FILE}: only named operations can be split out (found ${definition.kind} at offset ${definition.loc!.start}).`);
    }
    const { start, end } = definition.loc!;
    return { name: definition.name.value, document: `${leadingComment(source, start)}${source.slice(start, end)}\n` };
  });
}

/** The `#` lines directly above `offset` (no blank line between), as written. */
function leadingComment(source: string, offset: number): string {
  const lines = source.slice(0, offset).split('\n').slice(0, -1);
  let first = lines.length;
  while (first > 0 && lines[first - 1]!.trimStart().startsWith('#')) first -= 1;
  return lines.slice(first).map((line) => `${line}\n`).join('');
}

/** `import { operations } from 'contract-operations'`: the contract's operations by name, read when the bundle is built. */
export function contractOperationsPlugin(file = CONTRACT_FILE): Plugin {
  return {
    name: MODULE,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${MODULE}$`) }, () => ({ path: file, namespace: MODULE }));
      build.onLoad({ filter: /.*/, namespace: MODULE }, () => {
        const operations = Object.fromEntries(splitContract(fs.readFileSync(file, 'utf8')).map(({ name, document }) => [name, document]));
        return { contents: `export const operations = ${JSON.stringify(operations)};`, loader: 'js', watchFiles: [file] };
      });
    },
  };
}
