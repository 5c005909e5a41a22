/**
 * What kind of answer a question asks for, and whether a sentence has one:
 * "who …" wants a person (or a body such as the World Health Organization),
 * "when …" a date, "how common …" a proportion or frequency, "how many …" a
 * number. A sentence that has the kind of
 * answer asked for ranks a little higher (ranking.ts, ANSWER_BONUS); nothing
 * is left out for lacking it. Pure.
 */

export type AnswerKind = 'PERSON' | 'TIME' | 'FREQUENCY' | 'NUMBER';

/** Who is counted when "how many …" asks for a share of them rather than a count. */
const POPULATION = '(?:people|persons|patients|clients|adults|children|infants|babies|adolescents|teenagers|women|men|mothers|fathers|parents|couples|families|individuals|survivors|veterans)';
const ASKS: Array<[AnswerKind, RegExp]> = [
  ['PERSON', /\b(who|whom|whose|by whom)\b/i],
  ['TIME', /\b(when|what year|which year|how long ago|since when)\b/i],
  [
    'FREQUENCY',
    new RegExp(
      `\\b(how (common|uncommon|rare|often|frequent|frequently|prevalent|widespread|usual|typical|likely)|how many (of )?(the )?${POPULATION}|what (percentage|proportion|share|fraction|rate)|prevalence|incidence)\\b`,
      'i',
    ),
  ],
  ['NUMBER', /\b(how (many|much|long)|what (number|score|cut-?off)|number of)\b/i],
];

export function answerKindOf(statement: string): AnswerKind | null {
  return ASKS.find(([, asks]) => asks.test(statement))?.[0] ?? null;
}

/** A question opens with a question word or with the verb put first ("Does schema therapy …?"). */
const QUESTION_OPENING = /^\s*["“‘(]?(who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|can|could|should|would|will|shall|may|might|must|has|have|had)\b/i;
const ENDS_ASKING = /\?\s*["”’)]*\s*$/;

/**
 * True for a sentence that asks rather than asserts: it opens as a question
 * and ends with a question mark ("Does schema therapy actually change schemas,
 * or only symptoms?"). A stray question mark after an assertion ("It is also
 * used for complex PTSD 3?") does not make one.
 */
export function asksAQuestion(sentence: string): boolean {
  return ENDS_ASKING.test(sentence) && QUESTION_OPENING.test(sentence);
}

const YEAR = /\b(1[5-9]\d\d|20\d\d)s?\b/;
/**
 * A proportion or frequency: a percentage, a ratio ("one in five", "3 of 10"),
 * a fraction, or a word that says how many of a group or how often ("most",
 * "a minority", "rarely").
 */
const FREQUENCY = new RegExp(
  [
    '\\d\\s*(%|per ?cent\\b)',
    '\\b(one|two|three|four|five|six|seven|eight|nine|ten|\\d+) (in|of|out of) (every )?(two|three|four|five|six|seven|eight|nine|ten|twenty|a hundred|\\d+)\\b',
    '\\b(half|a third|two[- ]thirds|a quarter|three[- ]quarters|a fifth|most|majority|minority|the few|rarely|rare|uncommon|commonly|frequently|seldom|prevalence|incidence|rates? of)\\b',
  ].join('|'),
  'i',
);
const NUMBER = /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen|half)\b/i;

/**
 * A capitalised word is a name's when it is one of two or more in a row
 * ("Judith Herman", "Filosa, Sharp, Gori, and Musetti") or is followed by a
 * possessive, "and colleagues" or "et al." ("Bowlby’s", "Roisman and
 * colleagues"). All-capital words (acronyms) are not names.
 */
const CAPITALISED_RUN = /\b[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?(?:(?:,\s+|\s+|,?\s+and\s+)[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)*/g;
const NAME_FOLLOWER = /^(?:['’]s?\b|\s+and colleagues\b|\s+et al\b)/;

/**
 * Whether `text` has an answer of the kind. `otherNames` gives the spans of
 * names in it that are known not to be people (the wiki's constructs,
 * modalities, instruments …): a capitalised run inside one is no person.
 */
export function hasAnswerOfKind(kind: AnswerKind, text: string, otherNames: (text: string) => Array<{ start: number; end: number }>): boolean {
  if (kind === 'TIME') return YEAR.test(text);
  if (kind === 'NUMBER') return NUMBER.test(text);
  if (kind === 'FREQUENCY') return FREQUENCY.test(text);
  const others = otherNames(text);
  for (const run of text.matchAll(CAPITALISED_RUN)) {
    const start = run.index;
    const end = start + run[0].length;
    if (others.some((span) => start < span.end && end > span.start)) continue;
    const words = run[0].split(/,?\s+(?:and\s+)?|,\s+/).filter(Boolean);
    // A lone capital at the start of the sentence is just its first word.
    if (words.length >= 2 && !(start === 0 && words.length === 2 && SENTENCE_OPENERS.has(words[0]!))) return true;
    if (NAME_FOLLOWER.test(text.slice(end))) return true;
  }
  return false;
}

/** A capitalised name, one or more words ("Bowlby", "John Bowlby", "Carl Rogers"), ending where the text ends. */
const NAME_AT_END = /(?:^|[^\p{L}\p{N}])((?:\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?\s+)*\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?)$/u;
/** A possessive ending and the space after it: "’s ", "'s ", or the bare apostrophe of "Rogers’ ". */
const POSSESSIVE_GAP = /^['’]s?\s+$/;

/**
 * The person's possessive that stands just before `offset` in `text`, as
 * written ("John Bowlby’s" in "John Bowlby’s attachment theory", offset at
 * "attachment"), or null: capitalised words that are not a name the wiki
 * knows as something other than a person (`otherNames`), nor a sentence's
 * first word alone.
 */
export function personPossessiveBefore(text: string, offset: number, otherNames: (text: string) => Array<{ start: number; end: number }>): string | null {
  const before = text.slice(0, offset);
  const apostrophe = Math.max(before.lastIndexOf('’'), before.lastIndexOf("'"));
  if (apostrophe < 0 || !POSSESSIVE_GAP.test(before.slice(apostrophe))) return null;
  const run = NAME_AT_END.exec(before.slice(0, apostrophe))?.[1];
  if (!run) return null;
  const start = apostrophe - run.length;
  if (otherNames(text).some((span) => start < span.end && apostrophe > span.start)) return null;
  // At the sentence's start, "In Bowlby’s …": the words capitalised only because they open it are not the name's.
  const words = run.split(/\s+/);
  if (start === 0) while (words.length > 0 && SENTENCE_OPENERS.has(words[0]!)) words.shift();
  return words.length > 0 ? words.join(' ') + before.slice(apostrophe).trimEnd() : null;
}

/** Capitalised only because they open a sentence: "The Adult …", "In Stage …". */
const SENTENCE_OPENERS = new Set(['The', 'A', 'An', 'In', 'On', 'It', 'Its', 'This', 'These', 'Those', 'For', 'When', 'Where', 'Because', 'Although', 'Later', 'Beyond', 'Across', 'Most', 'Some', 'Another', 'Finally', 'Typical']);
