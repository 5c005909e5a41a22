import { ArticleFormatError } from '../errors';
import type {
  ArticleHeader,
  ArticleProvenance,
  ParsedArticle,
  ParsedClaim,
  ParsedDefinition,
  ParsedFigure,
  ParsedKeyTerm,
  ParsedSection,
  ParsedSmartObjective,
} from '../model/article';
import { findAbbreviations } from './abbreviations';
import { entryKindOf } from './entry-kind';
import { parseKeyTerms } from './key-terms';
import { NO_SOURCE_LIST } from './markers';
import { ParseWarnings } from './parse-warnings';
import {
  endsLikeSentence,
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
  /** 1-based line where the summary starts. */
  summaryLine: number;
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
  const warnings = new ParseWarnings();
  const front = readFrontMatter(lines, warnings);
  const layout = readLayout(lines, front.bodyStart, warnings);

  const sourceSections = layout.sections.filter((section) => section.kind === 'sources');
  const sources = parseSources(sourceSections.flatMap((section) => section.body), warnings);
  const sourceCount = sourceSections.length > 0 ? Math.max(0, ...sources.map((source) => source.number)) : NO_SOURCE_LIST;
  const figure = readFigure(front.figureLines, sourceCount, warnings);
  const body = readBodySections(layout.sections, sourceCount, warnings);
  const keyTermLines = layout.sections.filter((s) => s.kind === 'keyTerms').flatMap((s) => s.body);

  return {
    title: front.title,
    header: front.header,
    summary: front.summary,
    upvotes: front.upvotes,
    figure,
    sections: body.sections,
    smartObjectives: body.smartObjectives,
    keyTerms: body.keyTerms,
    reflectiveQuestions: body.reflectiveQuestions,
    sources,
    seeAlso: layout.sections.filter((s) => s.kind === 'seeAlso').flatMap((s) => readSeeAlso(s.body)),
    provenance: readProvenance(layout.provenanceLine.text),
    definitions: readDefinitions([
      { number: front.summaryLine, text: front.summary },
      ...body.sections.flatMap((section) => section.claims.map((claim) => ({ number: claim.line, text: claim.text }))),
      ...layout.sections.filter((s) => s.kind === 'smart').flatMap((s) => s.body),
      ...keyTermLines,
    ]),
    warnings: warnings.toArray(),
  };
}

// ---------------------------------------------------------------------------
// Front matter: banner, warning, header, title, summary, upvotes, figure

function readFrontMatter(lines: string[], warnings: ParseWarnings): FrontMatter {
  const at = (index: number): string => lines[index] ?? '';
  // The banner and the LLM warning come first; an export without either has the header earlier.
  const headerIndex = [0, 1, 2].find((index) => looksLikeHeaderLine(at(index)) && !BANNER.test(at(index)));
  if (headerIndex === undefined) throw new ArticleFormatError(BANNER.test(at(0)) ? 3 : 1, 'expected the kind line "kind · discipline · tradition" near the top');
  if (!BANNER.test(at(0))) {
    warnings.add(1, 'DOUBTFUL_READING', { found: at(0).trim(), reading: 'no banner', message: 'the "… Clinical Wiki" banner is missing; read on from the kind line' });
  }
  const header = readHeader(at(headerIndex), headerIndex + 1);
  if (!entryKindOf(header.kind)) {
    warnings.add(headerIndex + 1, 'DOUBTFUL_READING', {
      found: header.kind,
      reading: 'construct',
      message: `unknown entry kind "${header.kind}" (construct, modality, problem-for-work, population, person, instrument): read as a construct`,
    });
  }

  let index = skipBlankLines(lines, headerIndex + 1);
  const title = at(index).trim();
  if (index >= lines.length || UPVOTES.test(title) || PROVENANCE.test(title)) throw new ArticleFormatError(index + 1, 'expected the title');

  index = skipBlankLines(lines, index + 1);
  const summaryLine = index + 1;
  const summaryLines: string[] = [];
  for (; index < lines.length && !isBlank(at(index)) && !UPVOTES.test(at(index).trim()); index++) {
    summaryLines.push(at(index).trim());
  }
  if (summaryLines.length === 0) {
    warnings.add(summaryLine, 'DOUBTFUL_READING', { found: at(index).trim(), reading: 'no summary', message: 'expected the summary paragraph after the title; the entry has no summary' });
  }

  index = skipBlankLines(lines, index);
  const upvotes = UPVOTES.exec(at(index).trim());
  if (!upvotes) {
    warnings.add(index + 1, 'DOUBTFUL_READING', { found: at(index).trim(), reading: '0 upvotes', message: 'expected the "N upvotes" line after the summary; read as 0 upvotes' });
  }
  const afterUpvotes = upvotes ? index + 1 : index;
  const figureLines = upvotes ? readFigureBlock(lines, afterUpvotes) : [];
  return {
    title,
    header,
    summary: summaryLines.join(' '),
    summaryLine,
    upvotes: upvotes ? Math.round(Number((upvotes[1] as string).replace(/,/g, '')) * (upvotes[2] ? 1000 : 1)) : 0,
    figureLines,
    bodyStart: afterUpvotes + figureLines.length,
  };
}

/** "kind · discipline · tradition", or the kind alone ("construct"). */
const looksLikeHeaderLine = (line: string): boolean => line.includes(HEADER_SEPARATOR) || entryKindOf(line) !== undefined;

function readHeader(line: string, lineNumber: number): ArticleHeader {
  const fields = line.split(HEADER_SEPARATOR).map((field) => field.trim());
  const [kind, discipline, tradition] = fields;
  if (fields.length > 3 || !kind) {
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
function readFigure(block: NumberedLine[], sourceCount: number, warnings: ParseWarnings): ParsedFigure | null {
  if (block.length === 0) return null;
  const last = block[block.length - 1] as NumberedLine;
  const marked = readMarker(last.text, sourceCount, last.number, warnings);
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

function readLayout(lines: string[], bodyStart: number, warnings: ParseWarnings): Layout {
  const sections: RawSection[] = [];
  let current: RawSection | undefined;
  for (let index = bodyStart; index < lines.length; index++) {
    const text = lines[index] ?? '';
    if (PROVENANCE.test(text)) return { sections, provenanceLine: { number: index + 1, text } };
    // Every line of "See also" up to Provenance is an entry name, however heading-like.
    if (current?.kind !== 'seeAlso' && isHeadingAt(lines, index, bodyStart)) {
      current = startSection(text.trim(), index + 1, current, warnings);
      sections.push(current);
      continue;
    }
    if (!current && !isBlank(text)) {
      warnings.add(index + 1, 'DOUBTFUL_READING', {
        found: excerpt(text.trim()),
        reading: 'an untitled section',
        message: 'text before the first section heading (a short line followed by a blank line): read as an untitled section',
      });
      current = { heading: '', headingLine: index + 1, kind: 'prose', body: [] };
      sections.push(current);
    }
    if (current) current.body.push({ number: index + 1, text });
  }
  warnings.add(Math.max(lines.length, 1), 'DOUBTFUL_READING', {
    found: '',
    reading: 'the end of the file',
    message: 'the article ends without the Provenance line: it may be truncated',
  });
  return { sections, provenanceLine: { number: Math.max(lines.length, 1), text: '' } };
}

function startSection(heading: string, headingLine: number, previous: RawSection | undefined, warnings: ParseWarnings): RawSection {
  const kind = sectionKindOf(heading);
  const afterSources = previous?.kind === 'sources' || previous?.kind === 'seeAlso';
  if (afterSources && kind !== 'seeAlso' && kind !== 'sources') {
    warnings.add(headingLine, 'DOUBTFUL_READING', {
      found: heading,
      reading: 'a body section',
      message: `expected "See also" or the Provenance line after the sources, found "${heading}": read as a body section`,
    });
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
  // A sentence is no heading: "… simply: “I learned not to need anyone.”", "… converge. 42", "… mind. LLM".
  if (/[.?!:;,]["”’')\]]*$/.test(trimmed) || endsLikeSentence(trimmed) || /(?:^|\s)LLM$/.test(trimmed)) return false;
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

function readBodySections(rawSections: RawSection[], sourceCount: number, warnings: ParseWarnings): BodySections {
  const result: BodySections = { sections: [], smartObjectives: [], keyTerms: [], reflectiveQuestions: [] };
  for (const raw of rawSections) {
    const claims: ParsedClaim[] = [];
    switch (raw.kind) {
      case 'sources':
      case 'seeAlso':
        continue;
      case 'prose':
        claims.push(...readClaims(raw.body, sourceCount, warnings));
        break;
      case 'reflective': {
        claims.push(...readClaims(raw.body, sourceCount, warnings));
        const bulletLines = new Set(raw.body.filter((line) => isListItem(line.text)).map((line) => line.number));
        const questions = claims.filter((claim) => bulletLines.has(claim.line));
        result.reflectiveQuestions.push(...(questions.length > 0 ? questions : claims));
        break;
      }
      case 'smart': {
        const table = readSmartSection(raw.body, sourceCount, warnings);
        result.smartObjectives.push(...table.objectives);
        claims.push(...readClaims(table.prose, sourceCount, warnings));
        break;
      }
      case 'keyTerms':
        // The items are definitions, read into `keyTerms` (which keep their sources), not claims.
        result.keyTerms.push(...parseKeyTerms(raw.body, sourceCount, warnings));
        break;
      case 'resources':
        break;
    }
    result.sections.push({ heading: raw.heading, claims });
  }
  return result;
}

/** Every sentence of every paragraph or list item, with its marker read. Media lines are skipped. */
function readClaims(lines: NumberedLine[], sourceCount: number, warnings: ParseWarnings): ParsedClaim[] {
  const claims: ParsedClaim[] = [];
  for (const line of lines) {
    if (isBlank(line.text) || MEDIA_LINE.test(line.text)) continue;
    const paragraph = stripListMarker(line.text);
    const sentences = splitSentences(paragraph).map((sentence) => ({ ...readMarker(sentence, sourceCount, line.number, warnings), line: line.number }));
    // "Therapeutic framing. Earned security is …": the paragraph's run-in label is no claim.
    if (sentences.length > 1 && isRunInLabel(sentences[0] as ParsedClaim)) sentences.shift();
    // "LLM-generated illustrative example (not a guideline): …": the label speaks for every sentence, not only the tagged last.
    const example = LLM_EXAMPLE.test(paragraph);
    claims.push(...sentences.map((claim) => (example && claim.provenance === 'UNMARKED' ? { ...claim, provenance: 'LLM' as const } : claim)));
  }
  return claims;
}

/** A paragraph whose label says it is LLM-written as a whole. */
const LLM_EXAMPLE = /^LLM-generated\b/i;

/** One to three capitalised words ending in a period, with no marker: a label, not a statement. */
const isRunInLabel = (sentence: ParsedClaim): boolean =>
  sentence.provenance === 'UNMARKED' && /^\p{Lu}[\p{L}-]*(?: [\p{L}-]+){0,2}\.$/u.test(sentence.text);

/** One name per line; bullets, or several names on a line separated by "·", "•", ";", "," or "|", also read. */
function readSeeAlso(lines: NumberedLine[]): string[] {
  return lines
    .filter((line) => !isBlank(line.text))
    .flatMap((line) => stripListMarker(line.text).split(/\s*[·•;,|]\s*/))
    .map((name) => name.trim().replace(/\.$/, '').trim())
    .filter(Boolean);
}

const excerpt = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** Every abbreviation the text defines, each pair once, at its first line. */
function readDefinitions(lines: NumberedLine[]): ParsedDefinition[] {
  const seen = new Set<string>();
  const definitions: ParsedDefinition[] = [];
  for (const line of lines) {
    for (const { longForm, shortForm } of findAbbreviations(line.text)) {
      const key = `${longForm.toLowerCase()}\u0000${shortForm.toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      definitions.push({ longForm, shortForm, line: line.number });
    }
  }
  return definitions;
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
