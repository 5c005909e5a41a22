import { ArticleFormatError } from '../errors';
import type {
  ArticleHeader,
  ArticleProvenance,
  ParsedArticle,
  ParsedClaim,
  ParsedFigure,
  ParsedKeyTerm,
  ParsedSection,
  ParsedSmartObjective,
} from './article';
import { parseKeyTerms } from './key-terms';
import {
  isBlank,
  isDigit,
  isListItem,
  isSpace,
  isUpperLetter,
  readMarker,
  splitSentences,
  stripListMarker,
  type NumberedLine,
} from './sentences';
import { isSmartHeaderLine, readSmartSection } from './smart-table';
import { parseSources } from './sources';

/**
 * Parses one plain-text article export of the clinical wiki. Pure: text in,
 * structure out, and an ArticleFormatError (naming the 1-based line) for
 * anything that does not follow the format.
 *
 * The format, top to bottom:
 *   1  "… Clinical Wiki" banner
 *   2  the LLM warning
 *   3  "kind · discipline · tradition"
 *      title, summary paragraph and "N upvotes", separated by blank lines
 *      optional figure: a description line and a caption line, right after the upvotes
 *      sections: a heading (a short flush-left line with no sentence punctuation
 *      and a blank line after it), then its body, up to "Sources" and "See also"
 *      "Provenance. …" line; anything after it is site boilerplate and ignored.
 *
 * Inside sections, one line is one paragraph (or one list item or table row);
 * sentences are claims, each carrying its marker (see sentences.ts).
 * Sections are recognised by the shape of their heading, never by a fixed list:
 *   - Sources / References: the numbered source list (not in `sections`);
 *   - See also / Related …: curated entry names (not in `sections`);
 *   - Key Terms / Glossary: "Term – definition" items; in `sections` with no claims,
 *     since the items are definitions, read into `keyTerms` with their sources;
 *   - … SMART …: the objectives table; its prose is the section's claims;
 *   - … Reflective … / … Questions …: claims, the bullets also in `reflectiveQuestions`;
 *   - … Resources … / … Further Reading …: links, so a section with no claims;
 *   - anything else: prose, every sentence a claim.
 */

type SectionKind = 'prose' | 'smart' | 'keyTerms' | 'reflective' | 'resources' | 'sources' | 'seeAlso';

interface RawSection {
  heading: string;
  headingLine: number;
  kind: SectionKind;
  body: NumberedLine[];
}

interface FrontMatter {
  title: string;
  header: ArticleHeader;
  summary: string;
  upvotes: number;
  figureLines: NumberedLine[];
  /** 0-based index of the first line after the figure (or the upvotes line). */
  bodyStart: number;
}

interface Layout {
  sections: RawSection[];
  provenanceLine: NumberedLine;
}

const BANNER = /clinical wiki/i;
const HEADER_SEPARATOR = '·';
/** "0 upvotes", "1 upvote", "1,204 upvotes", "1.2k upvotes". */
const UPVOTES = /^(\d[\d,]*(?:\.\d+)?)\s*(k)?\s+upvotes?$/i;
const PROVENANCE = /^\s*provenance\s*[.:]/i;
/** Lines that embed media ("▶ Watch — a video introduction …"): links, not claims. */
const MEDIA_LINE = /^\s*[▶►▷⏵]/;
const MAX_HEADING_LENGTH = 120;
const MAX_HEADING_WORDS = 14;

export function parseArticle(text: string): ParsedArticle {
  if (typeof text !== 'string') throw new ArticleFormatError(1, 'the article is not text');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const front = readFrontMatter(lines);
  const layout = readLayout(lines, front.bodyStart);

  const sourcesSection = layout.sections.find((section) => section.kind === 'sources');
  if (!sourcesSection) {
    throw new ArticleFormatError(layout.provenanceLine.number, 'expected the "Sources" heading before the Provenance line');
  }
  const sources = parseSources(sourcesSection.body);
  const body = readBodySections(layout.sections, sources.length);

  return {
    title: front.title,
    header: front.header,
    summary: front.summary,
    upvotes: front.upvotes,
    figure: readFigure(front.figureLines, sources.length),
    sections: body.sections,
    smartObjectives: body.smartObjectives,
    keyTerms: body.keyTerms,
    reflectiveQuestions: body.reflectiveQuestions,
    sources,
    seeAlso: layout.sections.filter((s) => s.kind === 'seeAlso').flatMap((s) => readSeeAlso(s.body)),
    provenance: readProvenance(layout.provenanceLine.text),
    definitions: [],
    warnings: [],
  };
}

// ---------------------------------------------------------------------------
// Front matter: banner, warning, header, title, summary, upvotes, figure

function readFrontMatter(lines: string[]): FrontMatter {
  const at = (index: number): string => lines[index] ?? '';
  if (!BANNER.test(at(0))) throw new ArticleFormatError(1, 'expected the "… Clinical Wiki" banner');

  // Line 2 is the LLM warning; an export without it has the header there.
  const headerIndex = looksLikeHeaderLine(at(1)) ? 1 : 2;
  const header = readHeader(at(headerIndex), headerIndex + 1);

  let index = skipBlankLines(lines, headerIndex + 1);
  const title = at(index).trim();
  if (index >= lines.length || UPVOTES.test(title)) throw new ArticleFormatError(index + 1, 'expected the title');

  index = skipBlankLines(lines, index + 1);
  const summaryLines: string[] = [];
  for (; index < lines.length && !isBlank(at(index)) && !UPVOTES.test(at(index).trim()); index++) {
    summaryLines.push(at(index).trim());
  }
  if (summaryLines.length === 0) throw new ArticleFormatError(index + 1, 'expected the summary paragraph after the title');

  index = skipBlankLines(lines, index);
  const upvotes = UPVOTES.exec(at(index).trim());
  if (!upvotes) throw new ArticleFormatError(index + 1, 'expected the "N upvotes" line after the summary');

  const figureLines = readFigureBlock(lines, index + 1);
  return {
    title,
    header,
    summary: summaryLines.join(' '),
    upvotes: Math.round(Number((upvotes[1] as string).replace(/,/g, '')) * (upvotes[2] ? 1000 : 1)),
    figureLines,
    bodyStart: index + 1 + figureLines.length,
  };
}

const looksLikeHeaderLine = (line: string): boolean => line.includes(HEADER_SEPARATOR);

function readHeader(line: string, lineNumber: number): ArticleHeader {
  const fields = line.split(HEADER_SEPARATOR).map((field) => field.trim());
  const [kind, discipline, tradition] = fields;
  if (fields.length < 2 || fields.length > 3 || !kind) {
    throw new ArticleFormatError(lineNumber, 'the header must be "kind · discipline · tradition"');
  }
  return { kind: kind.toLowerCase(), discipline: discipline || null, tradition: tradition || null };
}

function skipBlankLines(lines: string[], from: number): number {
  let index = from;
  while (index < lines.length && isBlank(lines[index] ?? '')) index++;
  return index;
}

/** The lines right after the upvotes line, up to the first blank: the figure's description and caption. */
function readFigureBlock(lines: string[], from: number): NumberedLine[] {
  const block: NumberedLine[] = [];
  for (let index = from; index < lines.length && !isBlank(lines[index] ?? ''); index++) {
    block.push({ number: index + 1, text: lines[index] ?? '' });
  }
  // A heading straight after the upvotes line is the first section, not a figure.
  if (block.length === 1 && isHeadingAt(lines, from, from)) return [];
  return block;
}

/** The last line is the caption when it carries a marker or tag; the lines before it describe the image. */
function readFigure(block: NumberedLine[], sourceCount: number): ParsedFigure | null {
  if (block.length === 0) return null;
  const last = block[block.length - 1] as NumberedLine;
  const marked = readMarker(last.text, sourceCount, last.number);
  const captioned = marked.provenance !== 'UNMARKED';
  const descriptionLines = captioned ? block.slice(0, -1) : block;
  const description = descriptionLines.map((line) => line.text.trim()).join(' ');
  return {
    description: description || null,
    caption: captioned ? { ...marked, line: last.number } : null,
  };
}

// ---------------------------------------------------------------------------
// Layout: headings, section bodies, the Provenance line

function readLayout(lines: string[], bodyStart: number): Layout {
  const sections: RawSection[] = [];
  let current: RawSection | undefined;
  for (let index = bodyStart; index < lines.length; index++) {
    const text = lines[index] ?? '';
    if (PROVENANCE.test(text)) return { sections, provenanceLine: { number: index + 1, text } };
    // Every line of "See also" up to Provenance is an entry name, however heading-like.
    if (current?.kind !== 'seeAlso' && isHeadingAt(lines, index, bodyStart)) {
      current = startSection(text.trim(), index + 1, current);
      sections.push(current);
      continue;
    }
    if (current) current.body.push({ number: index + 1, text });
    else if (!isBlank(text)) throw new ArticleFormatError(index + 1, 'expected a section heading (a short line followed by a blank line)');
  }
  throw new ArticleFormatError(Math.max(lines.length, 1), 'the article ends before the Provenance line (truncated?)');
}

function startSection(heading: string, headingLine: number, previous: RawSection | undefined): RawSection {
  const kind = sectionKindOf(heading);
  const afterSources = previous?.kind === 'sources' || previous?.kind === 'seeAlso';
  if (afterSources && kind !== 'seeAlso') {
    throw new ArticleFormatError(headingLine, `expected "See also" or the Provenance line after the sources, found "${heading}"`);
  }
  return { heading, headingLine, kind, body: [] };
}

function sectionKindOf(heading: string): SectionKind {
  if (/^(?:sources|references|bibliography)(?:\s*(?:&|and)\s*\S+)?$/i.test(heading)) return 'sources';
  if (/^(?:see also|related\b)/i.test(heading)) return 'seeAlso';
  if (/\bkey terms?\b|\bglossary\b/i.test(heading)) return 'keyTerms';
  if (/\bsmart\b/i.test(heading)) return 'smart';
  if (/\breflective\b|\bsupervision\b|\bquestions\b/i.test(heading)) return 'reflective';
  if (/\bresources\b|\bfurther reading\b/i.test(heading)) return 'resources';
  return 'prose';
}

/** A heading: heading-shaped, after a blank line (or first in the body), before a blank line or Provenance. */
function isHeadingAt(lines: string[], index: number, bodyStart: number): boolean {
  const text = lines[index] ?? '';
  if (!looksLikeHeading(text)) return false;
  const afterBlank = index === bodyStart || isBlank(lines[index - 1] ?? '');
  const next = lines[index + 1];
  const beforeBlank = next === undefined || isBlank(next) || PROVENANCE.test(next);
  return afterBlank && beforeBlank;
}

/** Short, flush-left, capitalised, no sentence punctuation at the end, no marker or tag. */
function looksLikeHeading(text: string): boolean {
  const trimmed = text.trimEnd();
  if (!trimmed || trimmed.length > MAX_HEADING_LENGTH || isSpace(trimmed[0])) return false;
  if (!isUpperLetter(trimmed[0]) && !isDigit(trimmed[0])) return false;
  if (isListItem(trimmed) || isSmartHeaderLine(trimmed) || PROVENANCE.test(trimmed)) return false;
  if (/[.?!:;,]$/.test(trimmed) || /(?:^|\s)LLM$/.test(trimmed)) return false;
  return trimmed.split(/\s+/).length <= MAX_HEADING_WORDS;
}

// ---------------------------------------------------------------------------
// Section bodies

interface BodySections {
  sections: ParsedSection[];
  smartObjectives: ParsedSmartObjective[];
  keyTerms: ParsedKeyTerm[];
  reflectiveQuestions: ParsedClaim[];
}

function readBodySections(rawSections: RawSection[], sourceCount: number): BodySections {
  const result: BodySections = { sections: [], smartObjectives: [], keyTerms: [], reflectiveQuestions: [] };
  for (const raw of rawSections) {
    const claims: ParsedClaim[] = [];
    switch (raw.kind) {
      case 'sources':
      case 'seeAlso':
        continue;
      case 'prose':
        claims.push(...readClaims(raw.body, sourceCount));
        break;
      case 'reflective': {
        claims.push(...readClaims(raw.body, sourceCount));
        const bulletLines = new Set(raw.body.filter((line) => isListItem(line.text)).map((line) => line.number));
        const questions = claims.filter((claim) => bulletLines.has(claim.line));
        result.reflectiveQuestions.push(...(questions.length > 0 ? questions : claims));
        break;
      }
      case 'smart': {
        const table = readSmartSection(raw.body, sourceCount);
        result.smartObjectives.push(...table.objectives);
        claims.push(...readClaims(table.prose, sourceCount));
        break;
      }
      case 'keyTerms':
        // The items are definitions, read into `keyTerms` (which keep their sources), not claims.
        result.keyTerms.push(...parseKeyTerms(raw.body, sourceCount));
        break;
      case 'resources':
        break;
    }
    result.sections.push({ heading: raw.heading, claims });
  }
  return result;
}

/** Every sentence of every paragraph or list item, with its marker read. Media lines are skipped. */
function readClaims(lines: NumberedLine[], sourceCount: number): ParsedClaim[] {
  const claims: ParsedClaim[] = [];
  for (const line of lines) {
    if (isBlank(line.text) || MEDIA_LINE.test(line.text)) continue;
    for (const sentence of splitSentences(stripListMarker(line.text))) {
      claims.push({ ...readMarker(sentence, sourceCount, line.number), line: line.number });
    }
  }
  return claims;
}

/** One name per line; bullets, or several names on a line separated by "·", "•", ";", "," or "|", also read. */
function readSeeAlso(lines: NumberedLine[]): string[] {
  return lines
    .filter((line) => !isBlank(line.text))
    .flatMap((line) => stripListMarker(line.text).split(/\s*[·•;,|]\s*/))
    .map((name) => name.trim().replace(/\.$/, '').trim())
    .filter(Boolean);
}

// ---------------------------------------------------------------------------
// Provenance: each field found by its own pattern, in any order, each optional

/** The fields sit at the start of the line; reading only that much keeps the patterns cheap on hostile input. */
const PROVENANCE_FIELDS_LENGTH = 1000;

function readProvenance(fullLine: string): ArticleProvenance {
  const line = fullLine.slice(0, PROVENANCE_FIELDS_LENGTH);
  const find = (pattern: RegExp): string | null => pattern.exec(line)?.[1] ?? null;
  const readMinutes = find(/(\d+)\s*-?\s*min(?:ute)?s?\s+read\b/i);
  const statedSourceCount = find(/(\d+)\s+sources?\b/i);
  return {
    model: find(/\bmodel\s*:\s*([^\s)·,;]+)/i),
    version: find(/\bversion\s*:?\s*v?(\d+(?:\.\d+)*)/i),
    generatedAt: find(/\bgenerated(?:\s+on)?\s*:?\s*(\d{4}-\d{2}-\d{2})\b/i) ?? find(/\b(\d{4}-\d{2}-\d{2})\b/),
    readMinutes: readMinutes === null ? null : Number(readMinutes),
    statedSourceCount: statedSourceCount === null ? null : Number(statedSourceCount),
  };
}
