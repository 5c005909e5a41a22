import fs from 'node:fs';
import path from 'node:path';
import { readStatements } from '../../src/graph/migrate';

const migrationsDir = path.join(__dirname, '..', '..', 'src', 'graph', 'migrations');
const migrationFiles = fs.readdirSync(migrationsDir).filter((name) => name.endsWith('.cypher')).sort();

describe('readStatements', () => {
  it('splits statements on semicolons at line ends and drops the semicolons', () => {
    expect(readStatements('CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x);\nCREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y);\n')).toEqual([
      'CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)',
      'CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.y)',
    ]);
  });

  it('drops comment lines, indented or not', () => {
    expect(readStatements('// Identity.\nMATCH (n) RETURN n;\n   // indented comment\n// another; with a semicolon;\nRETURN 1;')).toEqual([
      'MATCH (n) RETURN n',
      'RETURN 1',
    ]);
  });

  it('keeps a statement spread over several lines in one piece', () => {
    const text = ['CREATE FULLTEXT INDEX t IF NOT EXISTS', '  FOR (c:Claim)', '  // the text only', '  ON EACH [c.text];', 'RETURN 2;'].join('\n');
    expect(readStatements(text)).toEqual(['CREATE FULLTEXT INDEX t IF NOT EXISTS\n  FOR (c:Claim)\n  ON EACH [c.text]', 'RETURN 2']);
  });

  it('accepts a last statement without a semicolon, and whitespace after semicolons', () => {
    expect(readStatements('RETURN 1;   \n\nRETURN 2')).toEqual(['RETURN 1', 'RETURN 2']);
  });

  it('does not split on a semicolon inside a line', () => {
    expect(readStatements("RETURN 'a;b' AS x;")).toEqual(["RETURN 'a;b' AS x"]);
  });

  it('reads Windows line endings', () => {
    expect(readStatements('RETURN 1;\r\nRETURN 2;\r\n')).toEqual(['RETURN 1', 'RETURN 2']);
  });

  it('gives no statements for an empty file or one with only comments and blank lines', () => {
    expect(readStatements('')).toEqual([]);
    expect(readStatements('// nothing yet\n\n   \n// still nothing;\n')).toEqual([]);
  });
});

describe('migrations', () => {
  it('exist', () => {
    expect(migrationFiles.length).toBeGreaterThan(0);
  });

  it('have numbered names, so they apply in a fixed order', () => {
    for (const file of migrationFiles) expect(file).toMatch(/^\d{3}-[a-z0-9-]+\.cypher$/);
    expect(new Set(migrationFiles.map((file) => file.slice(0, 3))).size).toBe(migrationFiles.length);
  });

  /** Statements that can run at every start without failing or changing anything the second time. */
  const IDEMPOTENT = [/\bIF NOT EXISTS\b/i, /^MERGE\b/i, /^DROP\s+(CONSTRAINT|INDEX)\s+\S+\s+IF\s+EXISTS\b/i, /^CALL\s+db\.awaitIndexes\b/i];

  describe.each(migrationFiles)('%s', (file) => {
    const statements = readStatements(fs.readFileSync(path.join(migrationsDir, file), 'utf8'));

    it('has statements', () => {
      expect(statements.length).toBeGreaterThan(0);
    });

    it('has only idempotent statements', () => {
      const notIdempotent = statements.filter((statement) => !IDEMPOTENT.some((form) => form.test(statement)));
      expect(notIdempotent).toEqual([]);
    });

    it('has one schema command per statement', () => {
      for (const statement of statements) {
        expect(statement).not.toMatch(/;\s*\S/);
        expect(statement.match(/\b(CREATE|DROP)\s+(FULLTEXT\s+|RANGE\s+|TEXT\s+|POINT\s+|VECTOR\s+)?(CONSTRAINT|INDEX)\b/gi)?.length ?? 0).toBeLessThanOrEqual(1);
      }
    });
  });

  it('name every constraint and index once across all files', () => {
    const names = migrationFiles
      .flatMap((file) => readStatements(fs.readFileSync(path.join(migrationsDir, file), 'utf8')))
      .map((statement) => statement.match(/^CREATE\s+(?:\w+\s+)?(?:CONSTRAINT|INDEX)\s+(\w+)/i)?.[1])
      .filter((name): name is string => name !== undefined);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
  });
});
