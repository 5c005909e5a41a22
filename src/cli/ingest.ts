import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import * as validate from '../editing/validation';
import { AppError } from '../errors';
import { createLogger } from '../logger';
import { openGraph } from '../server';
import { createServices } from '../services';

const usage = `Usage: npm run ingest -- FILE... 
       npm run ingest -- --reading --title "Title" [--url URL] FILE

Ingests wiki article exports (one transaction per article), or with --reading
an outside text (e.g. a blog post) as a T3 source linked to what it names.
Uses NEO4J_URI when set, otherwise the local Neo4j.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { reading: { type: 'boolean' }, title: { type: 'string' }, url: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length === 0) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  const opened = await openGraph(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  const { ingest } = createServices(config, opened.graph);
  let failures = 0;
  try {
    for (const file of positionals) {
      try {
        // As the ingestArticle mutation takes it: bidirectional controls refused, invisible characters dropped.
        const text = validate.document(fs.readFileSync(file, 'utf8'), file);
        const report = values.reading
          ? await ingest.ingestOutsideReading({ title: values.title ?? path.basename(file).replace(/\..*$/, ''), url: values.url ?? null, text })
          : await ingest.ingestArticle(text);
        console.log(`${file}: ${JSON.stringify(report)}`);
      } catch (error) {
        failures++;
        const message = error instanceof AppError || (error as NodeJS.ErrnoException).code === 'ENOENT' ? (error as Error).message : String(error);
        console.error(`${file}: ${message}`);
      }
    }
  } finally {
    await opened.close();
  }
  return failures ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
