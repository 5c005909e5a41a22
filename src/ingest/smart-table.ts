import type { ParsedSmartObjective } from '../model/article';
import type { ParseWarnings } from './parse-warnings';
import { endsLikeSentence, isBlank, isLowerLetter, isUpperLetter, readMarker, type NumberedLine } from './sentences';

/**
 * The SMART objectives table: a header line "Goal SMART objective (example)
 * Mechanism", then one row per line, "goal objective mechanism marker", with no
 * column delimiters (the export flattened the table), then optional prose.
 *
 * A row is split by a model of its three columns, not by a word list:
 *  - the goal is a short imperative phrase ("Build a coherent attachment narrative");
 *  - the objective is a time-bound clause ("Within 6 sessions, client will …",
 *    "Over 8 weeks, parent will …", "By discharge, …"), which may end in any
 *    word: a preposition ("… they can turn to"), a number, a proper noun
 *    ("… complete the Reflective Functioning Questionnaire");
 *  - the mechanism is a short phrase that begins with a capitalised word, an
 *    acronym or a possessive ("Self-report tracks change", "ITQ scores index …").
 * Every word where a column can start is a candidate; each is scored on what
 * the columns on either side would look like (scoreObjectiveStart,
 * scoreMechanismStart) and the best is taken. When the best two score close,
 * the row is read the best way and a warning names the runner-up. The row as
 * printed is always kept. Rows printed with tabs or " | " between columns are
 * split on those instead.
 */

/** "Goal SMART objective (example) Mechanism"; also with bars, tabs or a "Rationale" column. */
export const isSmartHeaderLine = (text: string): boolean =>
  text.length <= 100 && /^\s*goals?\b.*\bobjectives?\b.*\b(?:mechanisms?|rationale)\b/i.test(text);

/** A table row ends in its marker, not in sentence punctuation: the first line that does is prose. */
export const isSmartRowLine = (text: string): boolean => !isBlank(text) && !endsLikeSentence(text);

export interface SmartSectionBody {
  objectives: ParsedSmartObjective[];
  /** Lines around the table (the intro before the header, the framing after the rows), for claims. */
  prose: NumberedLine[];
}

export function readSmartSection(body: NumberedLine[], sourceCount: number, warnings: ParseWarnings): SmartSectionBody {
  const headerIndex = body.findIndex((line) => isSmartHeaderLine(line.text));
  if (headerIndex < 0) return { objectives: [], prose: body };
  const objectives: ParsedSmartObjective[] = [];
  let next = headerIndex + 1;
  for (; next < body.length; next++) {
    const line = body[next] as NumberedLine;
    if (isBlank(line.text)) continue;
    if (!isSmartRowLine(line.text)) break;
    objectives.push(parseSmartRow(line, sourceCount, warnings));
  }
  return { objectives, prose: [...body.slice(0, headerIndex), ...body.slice(next)] };
}

type Columns = Pick<ParsedSmartObjective, 'goal' | 'objective' | 'mechanism'>;

export function parseSmartRow(line: NumberedLine, sourceCount: number, warnings: ParseWarnings): ParsedSmartObjective {
  const row = line.text.trim();
  const { text, sourceNumbers } = readMarker(row, sourceCount, line.number, warnings);
  const columns = splitOnDelimiters(text) ?? splitByColumnModel(text, line.number, warnings);
  return { row, ...columns, sourceNumbers };
}

function splitOnDelimiters(row: string): Columns | null {
  const cells = (row.includes('\t') ? row.split('\t') : row.split(' | ')).map((cell) => cell.trim());
  if (cells.length !== 3 || cells.some((cell) => !cell)) return null;
  const [goal, objective, mechanism] = cells as [string, string, string];
  return { goal, objective, mechanism };
}

// ---------------------------------------------------------------------------
// The column model

interface Word {
  text: string;
  index: number;
}

interface Candidate {
  at: number;
  score: number;
}

/** Scores this close are a coin toss: the row is read the better way and reported. */
const CLOSE_SCORES = 1.5;

function splitByColumnModel(row: string, lineNumber: number, warnings: ParseWarnings): Columns {
  const words: Word[] = [...row.matchAll(/\S+/g)].map((m) => ({ text: m[0], index: m.index ?? 0 }));
  const objectiveStart = best(objectiveStartCandidates(words));
  const mechanismCandidates = objectiveStart ? mechanismStartCandidates(words, objectiveStart.at) : [];
  const mechanismStart = best(mechanismCandidates);
  if (!objectiveStart || !mechanismStart) {
    warnings.add(lineNumber, 'UNSPLIT_SMART_ROW', {
      found: row,
      reading: 'objective only',
      message: `cannot find the three columns of the SMART row "${excerpt(row)}" (goal, a time-bound objective such as "Within 12 sessions, client will …", a mechanism starting with a capital): kept whole as the objective`,
    });
    return { goal: '', objective: row, mechanism: '' };
  }
  const columnsAt = (mechanismAt: number): Columns => {
    const at = (wordIndex: number) => (words[wordIndex] as Word).index;
    return {
      goal: row.slice(0, at(objectiveStart.at)).trim(),
      objective: row.slice(at(objectiveStart.at), at(mechanismAt)).trim(),
      mechanism: row.slice(at(mechanismAt)).trim(),
    };
  };
  const chosen = columnsAt(mechanismStart.at);
  const runnerUp = mechanismCandidates.filter((c) => c !== mechanismStart).sort((a, b) => b.score - a.score)[0];
  if (runnerUp && mechanismStart.score - runnerUp.score < CLOSE_SCORES) {
    const other = columnsAt(runnerUp.at);
    warnings.add(lineNumber, 'AMBIGUOUS_SMART_ROW', {
      found: row,
      reading: `mechanism "${chosen.mechanism}"`,
      alternatives: [`mechanism "${other.mechanism}"`],
      message: `the SMART row "${excerpt(row)}" could end its objective at "${lastWordOf(chosen.objective)}" (mechanism "${chosen.mechanism}") or at "${lastWordOf(other.objective)}" (mechanism "${other.mechanism}"); read the first way`,
    });
  }
  return chosen;
}

/** The highest score; on a tie, the earlier word. */
function best(candidates: Candidate[]): Candidate | undefined {
  let top: Candidate | undefined;
  for (const candidate of candidates) if (!top || candidate.score > top.score) top = candidate;
  return top;
}

// ---------------------------------------------------------------------------
// Where the objective starts: a capitalised time phrase, then "…, subject will"

const TIME_OPENERS = new Set([
  'within', 'over', 'by', 'in', 'after', 'during', 'for', 'across', 'before', 'until', 'throughout', 'at', 'each',
  'every', 'between', 'from', 'once', 'upon', 'following', 'starting', 'weekly', 'daily', 'monthly', 'when', 'on',
]);
const TIME_WORDS =
  /^(?:\d+|the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|session|sessions|week|weeks|month|months|day|days|year|years|visit|visits|end|discharge|termination|treatment|intake|baseline|follow-up|review|midpoint|mid-treatment|next|first|last|final|every|each)\W*$/i;

function objectiveStartCandidates(words: Word[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (let k = 1; k < words.length - 2; k++) {
    const word = (words[k] as Word).text;
    if (!isUpperLetter(word[0])) continue;
    let score = 0;
    if (TIME_OPENERS.has(word.toLowerCase())) score += 4;
    const clause = words.slice(k + 1, k + 7).map((w) => w.text);
    const commaAt = clause.findIndex((w) => w.endsWith(','));
    const timePhrase = commaAt >= 0 ? clause.slice(0, commaAt + 1) : clause.slice(0, 3);
    if (timePhrase.some((w) => TIME_WORDS.test(w))) score += 3;
    if (commaAt >= 0) score += 2;
    if (words.slice(k + 1, k + 14).some((w) => /^(?:will|would|can|should)$/i.test(w.text))) score += 3;
    if (!endsColumn((words[k - 1] as Word).text)) score -= 6;
    score -= Math.max(0, k - 10) * 0.3; // goals are short
    if (score > 0) candidates.push({ at: k, score });
  }
  return candidates;
}

// ---------------------------------------------------------------------------
// Where the mechanism starts: the objective must read as ended, the mechanism as begun

/** Words that cannot end a column: a determiner, a possessive, an auxiliary or a conjunction wants more. */
const CONTINUING_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'will', 'would', 'can', 'could', 'may', 'might', 'should', 'shall',
  'must', 'is', 'are', 'was', 'were', 'be', 'been', 'their', 'his', 'her', 'its', 'our', 'your', 'my', 'this',
  'these', 'those', 'such', 'every', 'than', 'that', 'which', 'who', 'whose', 'whom', 'per', 'via',
]);
/** A column may end in one of these ("… they can turn to"), though a capital after one is often its object. */
const PREPOSITIONS = new Set([
  'to', 'with', 'from', 'of', 'for', 'on', 'in', 'at', 'by', 'about', 'into', 'onto', 'over', 'through', 'after',
  'before', 'around', 'toward', 'towards', 'among', 'between', 'against', 'without', 'within', 'during', 'like',
]);
/** Nouns that close a name ("… Functioning Questionnaire", "… Attachment Interview"): a column may end there. */
const NAME_ENDINGS =
  /^(?:questionnaire|interview|scale|inventory|index|test|therapy|treatment|model|protocol|checklist|measure|assessment|schedule|approach|program|programme|disorder|theory|battery|survey|task|form|training|system|plan|method|workbook|exercise|diary|log)$/i;

const DETERMINERS = new Set(['a', 'an', 'the', 'their', 'his', 'her', 'its', 'our', 'your', 'my', 'this', 'these', 'those']);

const isNameWord = (word: string): boolean => isTitleWord(word) || isAcronym(word);
const letters = (word: string): string => word.replace(/^[("“‘'[]+|[)"”’'\].,;:!?]+$/g, '');
const isTitleWord = (word: string): boolean => {
  const w = letters(word);
  return isUpperLetter(w[0]) && (isLowerLetter(w[1]) || w.length === 1);
};
const isAcronym = (word: string): boolean => /^[A-Z][A-Z0-9&]*[A-Z0-9](?:s|-\w+)?$/.test(letters(word));
const isPossessive = (word: string): boolean => /^\p{Lu}[\p{L}-]*['’]s?[,;:]?$/u.test(word.replace(/^[("“‘[]+/, ''));
const endsColumn = (word: string): boolean => !/[,;:]$/.test(word) && !CONTINUING_WORDS.has(letters(word).toLowerCase());

function mechanismStartCandidates(words: Word[], objectiveStart: number): Candidate[] {
  const will = words.findIndex((w, i) => i > objectiveStart && /^(?:will|would|can|should)$/i.test(w.text));
  const earliest = will >= 0 ? will + 2 : objectiveStart + 3;
  const candidates: Candidate[] = [];
  for (let k = Math.max(earliest, objectiveStart + 2); k < words.length; k++) {
    // A mechanism begins with a capital: a word, an acronym or a possessive (never a number: "2 people …" is the objective's).
    if (!isUpperLetter(letters((words[k] as Word).text)[0])) continue;
    candidates.push({ at: k, score: scoreMechanismStart(words, objectiveStart, k) });
  }
  return candidates;
}

function scoreMechanismStart(words: Word[], objectiveStart: number, k: number): number {
  const previous = (words[k - 1] as Word).text;
  const current = (words[k] as Word).text;
  const following = words[k + 1]?.text;
  const previousBare = letters(previous).toLowerCase();
  let score = 0;

  // The objective must read as ended.
  if (!endsColumn(previous)) score -= 6;
  else if (PREPOSITIONS.has(previousBare)) score -= 1.5;
  // Splitting a run of capitalised words cuts a name, unless the run's last word closes a name;
  // two acronyms in a row are one name too ("DEAR MAN").
  if (isTitleWord(previous) && isTitleWord(current) && !NAME_ENDINGS.test(letters(previous))) score -= 2;
  if (isAcronym(previous) && isAcronym(current)) score -= 2;

  // The mechanism must read as begun.
  if (isPossessive(current)) score += 2.5;
  else if (isAcronym(current)) score += 1.5 + (isInitialsOfNameBefore(words, k) ? 3 : 0);
  else if (isTitleWord(current)) score += 2;
  else score += 0.5;
  if (following && /^[a-z][a-z-]*s$/.test(following) && !/ss$/.test(following)) score += 1; // "Self-report tracks …"
  if (isTitleWord(current) && following && isLowerLetter(following[0])) score += 0.5; // sentence case begins: "Stabilization before …"

  // Capitals. The mechanism is in sentence case: a name it opens with costs a little per word
  // after the first ("Hold Me Tight Psychoeducation …" swallows a title), a later capital that
  // no word explains costs more, an acronym straight after a name most (within a column the
  // export prints "(AAI)"), other acronyms little (they are common there). In the objective a
  // capital that nothing explains says a column started there.
  let i = k + 1;
  for (; i < words.length && isNameWord((words[i] as Word).text) && !NAME_ENDINGS.test(letters((words[i - 1] as Word).text)); i++) score -= 0.5;
  for (; i < words.length; i++) {
    const word = (words[i] as Word).text;
    if (isAcronym(word)) score -= isTitleWord((words[i - 1] as Word).text) ? 1.5 : 0.25;
    else if (isUnexplainedCapital(words, i)) score -= 1;
  }
  for (let j = objectiveStart + 2; j < k; j++) if (isUnexplainedCapital(words, j)) score -= 1.5;

  const mechanismLength = words.length - k;
  if (mechanismLength === 1) score -= 1;
  score -= Math.max(0, mechanismLength - 10); // a mechanism is a short phrase
  return score;
}

/**
 * A capitalised word inside a clause is a name when something introduces it:
 * "the", "their" … before it ("complete the Reflective …"), the name's previous
 * word ("Reflective Functioning", "DEAR MAN"), or a preposition before an acronym or a
 * multi-word name ("from ITQ", "of Emotionally Focused Therapy"). Any other
 * capital ("… turn to Stabilization before", "… below 4 ITQ", "… Questionnaire
 * ITQ", where a column would print "(ITQ)") is more likely a column's start.
 */
function isUnexplainedCapital(words: Word[], i: number): boolean {
  const word = (words[i] as Word).text;
  const title = isTitleWord(word);
  if (!title && !isAcronym(word)) return false;
  const previous = (words[i - 1] as Word).text;
  const previousBare = letters(previous).toLowerCase();
  if (!endsColumn(previous)) return false;
  // "a repeat Adult Attachment Interview", "the short RFQ": a determiner's phrase, one modifier in
  // (not a plural, which ends the phrase: "the outcomes ITQ …").
  const modifier = isLowerLetter(previousBare[0]) && !/[^s]s$/.test(previousBare);
  if (modifier && DETERMINERS.has(letters(words[i - 2]?.text ?? '').toLowerCase())) return false;
  // A name's next word ("Reflective Functioning", "DEAR MAN"), unless the name was closed ("… Interview Coherence").
  if (title ? isTitleWord(previous) : isAcronym(previous)) return title && NAME_ENDINGS.test(letters(previous));
  if (PREPOSITIONS.has(previousBare) && (!title || isTitleWord(words[i + 1]?.text ?? ''))) return false;
  return true;
}

/** "International Trauma Questionnaire ITQ": within a column the export writes "(ITQ)", so a bare one starts the next. */
function isInitialsOfNameBefore(words: Word[], k: number): boolean {
  const acronym = letters((words[k] as Word).text).replace(/s$/, '');
  let initials = '';
  for (let i = k - 1; i >= 0 && isTitleWord((words[i] as Word).text) && initials.length < acronym.length; i--) {
    initials = letters((words[i] as Word).text)
      .split('-')
      .map((part) => part[0] ?? '')
      .join('')
      .toUpperCase() + initials;
  }
  return initials.length > 1 && initials === acronym;
}

const lastWordOf = (text: string): string => text.split(/\s+/).pop() ?? '';
const excerpt = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
