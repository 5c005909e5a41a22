import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../config';
import { ENTRY_KINDS } from '../model/kinds';
import { slugify } from '../model/identity';
import type { IngestService } from '../ingest/ingest.service';

const seedsDir = path.join(projectRoot, 'seeds');

const Manifest = z.object({
  entries: z.string(),
  articles: z.array(z.string()),
  readings: z.array(z.object({ file: z.string(), title: z.string(), url: z.string().url().nullable().default(null) })),
});

const EntriesFile = z.object({
  entries: z.array(
    z.object({
      name: z.string().min(1),
      kind: z.enum(ENTRY_KINDS as [string, ...string[]]),
      aliases: z.array(z.string()).default([]),
      summary: z.string().nullable().default(null),
    }),
  ),
});

export interface SeedReport {
  stubsCreated: number;
  articles: number;
  readings: number;
}

const readSeedFile = (relative: string) => fs.readFileSync(path.join(seedsDir, relative), 'utf8');

/** Loads seeds/ (stub entries, then articles, then outside readings). Safe to repeat: every step is idempotent. */
export async function loadSeeds(ingest: IngestService): Promise<SeedReport> {
  const manifest = Manifest.parse(JSON.parse(readSeedFile('manifest.json')));
  const { entries } = EntriesFile.parse(JSON.parse(readSeedFile(manifest.entries)));
  const stubsCreated = await ingest.mergeStubEntries(
    entries.map((entry) => ({ ...entry, slug: slugify(entry.name), kind: entry.kind as (typeof ENTRY_KINDS)[number] })),
  );
  for (const article of manifest.articles) await ingest.ingestArticle(readSeedFile(article), { author: 'seed' });
  for (const reading of manifest.readings) {
    await ingest.ingestOutsideReading({ title: reading.title, url: reading.url, text: readSeedFile(reading.file) });
  }
  return { stubsCreated, articles: manifest.articles.length, readings: manifest.readings.length };
}
