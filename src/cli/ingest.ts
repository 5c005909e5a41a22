import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import * as validate from '../editing/validation';
import { AppError } from '../errors';
import type { ParseWarning } from '../model/article';
import type { ArticleIngestReport } from '../ingest/ingest.service';
import { parseArticle } from '../ingest/parse-article';
import { createLogger } from '../logger';
import { openGraph } from '../server';
import { createServices } from '../services';

const usage = `Usage: npm run ingest -- [--strict] FILE...
       npm run ingest -- --check [--strict] FILE...
       npm run ingest -- --reading --title "Title" [--url URL] FILE

Ingests wiki article exports (one transaction per article), or with --reading
an outside text (e.g. a blog post) as a T3 source linked to what it names.
Uses NEO4J_URI when set, otherwise the local Neo4j.

Doubtful readings (an ambiguous marker, a SMART row split with doubt ...) are
printed as warnings, one per line, and stored with the entry.
  --check   parse only, without a database, and print the report
  --strict  refuse an article with any warning (exit code 1)`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      reading: { type: 'boolean' },
      title: { type: 'string' },
      url: { type: 'string' },
      check: { type: 'boolean' },
      strict: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const strict = values.strict ?? false;
  if (values.check) return checkFiles(positionals, strict);

  const config = loadConfig();
  const opened = await openGraph(config, createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel));
  const { ingest } = createServices(config, opened.graph);
  let failures = 0;
  try {
    for (const file of positionals) {
      try {
        // As the ingestArticle mutation takes it: bidirectional controls refused, invisible characters dropped.
        const text = validate.document(fs.readFileSync(file, 'utf8'), file);
        if (values.reading) {
          const report = await ingest.ingestOutsideReading({ title: values.title ?? path.basename(file).replace(/\..*$/, ''), url: values.url ?? null, text });
          console.log(`${file}: ${report.status} ${report.key}, ${report.mentions} entries and terms named`);
        } else {
          printArticleReport(file, await ingest.ingestArticle(text, { strict }));
        }
      } catch (error) {
        failures++;
        printFailure(file, error);
      }
    }
  } finally {
    await opened.close();
  }
  return failures ? 1 : 0;
}

/** --check: what ingesting would read, without a database. */
function checkFiles(files: string[], strict: boolean): number {
  let failures = 0;
  for (const file of files) {
    try {
      const article = parseArticle(fs.readFileSync(file, 'utf8'));
      const claims = article.sections.reduce((sum, section) => sum + section.claims.length, article.figure?.caption ? 1 : 0);
      console.log(
        `${file}: "${article.title}" (${article.header.kind}): ${claims} claims, ${article.sources.length} sources, ${article.keyTerms.length} key terms, ` +
          `${article.smartObjectives.length} SMART rows, ${article.definitions.length} abbreviations, ${countOf(article.warnings.length, 'warning')}`,
      );
      printWarnings(article.warnings);
      if (strict && article.warnings.length > 0) failures++;
    } catch (error) {
      failures++;
      printFailure(file, error);
    }
  }
  return failures ? 1 : 0;
}

function printArticleReport(file: string, report: ArticleIngestReport): void {
  console.log(
    `${file}: ${report.status} ${report.slug}: ${report.claims} claims, ${report.sources} sources, ${report.keyTerms} key terms, ${countOf(report.warnings.length, 'warning')}`,
  );
  printWarnings(report.warnings);
  for (const name of report.unresolvedSeeAlso) console.log(`  see also "${name}": no entry of that name yet`);
  for (const change of report.relinkedNames) console.log(`  "${change.name}" now links to ${change.to}, no longer to ${change.from}`);
}

function printWarnings(warnings: ParseWarning[]): void {
  for (const warning of warnings) console.log(`  line ${warning.line}: ${warning.code}: ${warning.message}`);
}

function printFailure(file: string, error: unknown): void {
  const known = error instanceof AppError || (error as NodeJS.ErrnoException).code === 'ENOENT';
  console.error(`${file}: ${known ? (error as Error).message : String(error)}`);
}

const countOf = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
