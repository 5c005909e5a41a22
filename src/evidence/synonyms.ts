import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../config';

/**
 * The curated synonym list (seeds/synonyms.json, described in
 * docs/evidence.md): groups of words and phrases a clinician's question and
 * the sentence answering it use for one another, and common clinical
 * abbreviations. Read and validated once, when the services are created.
 */

const SynonymFile = z.object({
  groups: z.array(
    z.object({
      topic: z.string().min(1),
      terms: z.array(z.string().min(1)).min(2),
      /** The relation is also said by a person's possessive before the thing ("Bowlby's attachment theory": authorship). */
      possessive: z.boolean().optional(),
    }),
  ),
  abbreviations: z.array(z.object({ short: z.string().min(2), long: z.string().min(3) })),
});

export type SynonymList = z.infer<typeof SynonymFile>;

export const SYNONYMS_PATH = path.join(projectRoot, 'seeds/synonyms.json');

export function readSynonymList(file = SYNONYMS_PATH): SynonymList {
  return SynonymFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}
