import { ArticleFormatError } from '../errors';
import type { ParsedSmartObjective } from './article';
import { endsLikeSentence, isBlank, isDigit, isLowerLetter, isUpperLetter, readMarker, type NumberedLine } from './sentences';

/**
 * The SMART objectives table: a header line "Goal SMART objective (example)
 * Mechanism", then one row per line, "goal objective mechanism marker", with no
 * column delimiters (the export flattened the table), then optional prose.
 *
 * How a row is split (without delimiters):
 *  - the objective starts at the first capitalised time phrase ("Within 16",
 *    "Over 12 weeks", "By week 8"): SMART objectives are time-bound, goals are not;
 *  - the mechanism starts at the last column boundary after that, where a column
 *    boundary is a lower-case word (not a function word such as "the" or "using",
 *    which a proper noun may follow inside a clause) followed by a capitalised word.
 *    The objective is a clause that ends in a lower-case word; the mechanism begins
 *    with a capital. Acronyms ("AAI") count only when no capitalised word does.
 * Rows printed with tabs or " | " between columns are split on those instead.
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

export function readSmartSection(body: NumberedLine[], sourceCount: number): SmartSectionBody {
  const headerIndex = body.findIndex((line) => isSmartHeaderLine(line.text));
  if (headerIndex < 0) return { objectives: [], prose: body };
  const objectives: ParsedSmartObjective[] = [];
  let next = headerIndex + 1;
  for (; next < body.length; next++) {
    const line = body[next] as NumberedLine;
    if (isBlank(line.text)) continue;
    if (!isSmartRowLine(line.text)) break;
    objectives.push(parseSmartRow(line, sourceCount));
  }
  return { objectives, prose: [...body.slice(0, headerIndex), ...body.slice(next)] };
}

const OPENER_WORDS = new Set(['Within', 'Over', 'By', 'In', 'After', 'During', 'For', 'Across', 'Before', 'Until', 'Throughout', 'At', 'Each', 'Every']);
const OPENER_FOLLOWERS =
  /^(?:\d+|the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|week|weeks|session|sessions|month|months|day|days|end|each|every|discharge|termination)\b/i;
/** Words after which a capitalised word is a proper noun inside the clause, not the next column. */
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'of', 'in', 'on', 'to', 'for', 'with', 'by', 'from', 'at', 'as', 'and', 'or', 'but', 'nor',
  'per', 'via', 'using', 'into', 'onto', 'than', 'that', 'which', 'who', 'whom', 'whose', 'is', 'are', 'was',
  'were', 'be', 'will', 'can', 'may', 'might', 'should', 'would', 'could', 'its', 'their', 'his', 'her', 'our',
  'your', 'my', 'such', 'like', 'about', 'during', 'within', 'over', 'under',
]);

interface Word {
  text: string;
  index: number;
}

type BoundaryStrength = 'word' | 'acronym';

export function parseSmartRow(line: NumberedLine, sourceCount: number): ParsedSmartObjective {
  const { text, sourceNumbers } = readMarker(line.text, sourceCount, line.number);
  const columns = splitOnDelimiters(text) ?? splitOnWordShapes(text);
  if (!columns) {
    throw new ArticleFormatError(line.number, 'cannot split the SMART row into goal, objective (a time-bound clause such as "Within 12 sessions, …") and mechanism');
  }
  return { row: line.text.trim(), ...columns, sourceNumbers };
}

type Columns = Pick<ParsedSmartObjective, 'goal' | 'objective' | 'mechanism'>;

function splitOnDelimiters(row: string): Columns | null {
  const cells = (row.includes('\t') ? row.split('\t') : row.split(' | ')).map((cell) => cell.trim());
  if (cells.length !== 3 || cells.some((cell) => !cell)) return null;
  const [goal, objective, mechanism] = cells as [string, string, string];
  return { goal, objective, mechanism };
}

function splitOnWordShapes(row: string): Columns | null {
  const words: Word[] = [...row.matchAll(/\S+/g)].map((m) => ({ text: m[0], index: m.index ?? 0 }));
  const objectiveStart = findObjectiveStart(words);
  if (objectiveStart === undefined) return null;
  const mechanismStart =
    lastBoundary(words, objectiveStart + 2, 'word') ?? lastBoundary(words, objectiveStart + 2, 'acronym');
  if (mechanismStart === undefined) return null;
  const at = (wordIndex: number) => (words[wordIndex] as Word).index;
  return {
    goal: row.slice(0, at(objectiveStart)).trim(),
    objective: row.slice(at(objectiveStart), at(mechanismStart)).trim(),
    mechanism: row.slice(at(mechanismStart)).trim(),
  };
}

/** The first capitalised time phrase after the goal, else the first column boundary. */
function findObjectiveStart(words: Word[]): number | undefined {
  for (let k = 1; k < words.length - 1; k++) {
    const word = (words[k] as Word).text;
    const following = (words[k + 1] as Word).text;
    if (OPENER_WORDS.has(word) && OPENER_FOLLOWERS.test(following)) return k;
  }
  for (let k = 1; k < words.length; k++) if (boundaryStrength(words, k) === 'word') return k;
  return undefined;
}

function lastBoundary(words: Word[], from: number, strength: BoundaryStrength): number | undefined {
  for (let k = words.length - 1; k >= from; k--) if (boundaryStrength(words, k) === strength) return k;
  return undefined;
}

/** Whether a new column can start at word k: a clause-final lower-case word, then a capital. */
function boundaryStrength(words: Word[], k: number): BoundaryStrength | null {
  const previous = (words[k - 1] as Word | undefined)?.text;
  const current = (words[k] as Word | undefined)?.text;
  if (!previous || !current) return null;
  const previousLetters = previous.replace(/^[("“‘']+/, '');
  const endsClause =
    (isLowerLetter(previousLetters[0]) || isDigit(previousLetters[0])) &&
    !/[,;:]$/.test(previous) &&
    !FUNCTION_WORDS.has(previousLetters.toLowerCase());
  if (!endsClause || !isUpperLetter(current[0])) return null;
  if (isLowerLetter(current[1]) || current === 'A') return 'word';
  return 'acronym';
}
