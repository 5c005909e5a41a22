import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config';
import type { Graph } from './graph';

const migrationsDir = path.join(projectRoot, 'src', 'graph', 'migrations');

/** The statements of one .cypher file: split on ';' at line ends, comments dropped. */
export function readStatements(cypherText: string): string[] {
  return cypherText
    .split('\n')
    .map((line) => line.replace(/;\s*\/\/.*$/, ';'))
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

/**
 * Applies every migration in order. Each statement is idempotent (IF NOT EXISTS),
 * so running them all at every start is safe; the :Migration nodes record what ran.
 * Schema statements need their own transactions, hence one per statement.
 */
export async function migrate(graph: Graph): Promise<string[]> {
  const files = fs.readdirSync(migrationsDir).filter((name) => name.endsWith('.cypher')).sort();
  for (const file of files) {
    for (const statement of readStatements(fs.readFileSync(path.join(migrationsDir, file), 'utf8'))) {
      await graph.runSchema(statement);
    }
    await graph.write((tx) => tx.run('MERGE (m:Migration {id: $id}) ON CREATE SET m.appliedAt = datetime()', { id: file }));
  }
  await graph.runSchema('CALL db.awaitIndexes(300)');
  return files;
}
