import type { EvidenceTier, ParsedSource } from '../model/article';
import type { ParseWarnings } from './parse-warnings';
import { isBlank, splitSentences, type NumberedLine } from './sentences';

/**
 * The "Sources" list: "  1. Roisman, G. I., … (2002). Title. Venue. — linkT1".
 * The evidence tier is glued to the end (after "— link" when the export had a
 * link); the reference itself is read APA-style where it can be, and kept whole
 * in `citation` either way.
 */

const NUMBERED_SOURCE = /^\s*(\d{1,4})[.)]\s+(\S.*)$/;
/** "… — linkT1", "… T2", "… [T3]". The tier must not be the tail of a longer word ("PTSDT1"). */
const TIER_AT_END = /(?:^|[^A-Za-z0-9]|link)[([]?(T[123])[)\]]?\s*$/;
const URL = /https?:\/\/[^\s<>"”’)\]]+/;
const URL_GLOBAL = new RegExp(URL.source, 'g');
/** "10.1037/xyz", "doi:10.1037/xyz", "https://doi.org/10.1037/xyz". */
const DOI = /(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)?(10\.\d{4,9}\/[^\s<>"”’]+)/i;
const DOI_GLOBAL = new RegExp(DOI.source, 'gi');
/** "(2002)", "(2002a)", "(2002, March 3)", "(1969/1982)" (original and reprint: the first is the work's), "(n.d.)". */
const YEAR_GROUP = /\((?:(\d{4})[a-z]?(?:\/\d{4}[a-z]?)?(?:,[^()]*)?|n\.\s?d\.)\)/i;
/** "Video: Title (Channel). YouTube." */
const MEDIA_PREFIX = /^(?:video|podcast|audio|webinar|talk|lecture|film)\s*:\s*/i;
/** "G. I.", "B.", "J.-P.": the initials half of an APA author. */
const INITIALS = /^(?:[A-Z\u00C0-\u00DE][a-z]?\.[\s-]*)+$/;
const TRAILING_PUNCTUATION = /[.,;:]+$/;

/**
 * Reads the list, keeping each source's printed number (the one markers use).
 * A doubtful line is read the likeliest way and reported: an unnumbered line
 * is the next source, a number out of sequence is kept as printed (a repeated
 * one is left out), a source without a tier is T3, the lowest.
 */
export function parseSources(lines: NumberedLine[], warnings: ParseWarnings): ParsedSource[] {
  const sources: ParsedSource[] = [];
  for (const line of lines) {
    if (isBlank(line.text)) continue;
    const printed = Number(NUMBERED_SOURCE.exec(line.text)?.[1] ?? Number.NaN);
    if (sources.some((listed) => listed.number === printed)) {
      warnings.add(line.number, 'DOUBTFUL_READING', {
        found: `${printed}.`,
        reading: 'left out',
        message: `source ${printed} is listed twice; the second one was left out`,
      });
      continue;
    }
    sources.push(parseSourceLine(line, (sources[sources.length - 1]?.number ?? 0) + 1, warnings));
  }
  return sources;
}

function parseSourceLine(line: NumberedLine, expectedNumber: number, warnings: ParseWarnings): ParsedSource {
  const numbered = NUMBERED_SOURCE.exec(line.text);
  const number = numbered ? Number(numbered[1]) : expectedNumber;
  if (!numbered) {
    warnings.add(line.number, 'DOUBTFUL_READING', {
      found: line.text.trim().slice(0, 60),
      reading: `source ${expectedNumber}`,
      message: `expected a numbered source ("1. Author (year). Title. — linkT1"); read as source ${expectedNumber}`,
    });
  } else if (number !== expectedNumber) {
    warnings.add(line.number, 'DOUBTFUL_READING', {
      found: `${number}.`,
      reading: `source ${number}`,
      alternatives: [`source ${expectedNumber}`],
      message: `expected source ${expectedNumber}, found source ${number}: kept as printed, the number markers use`,
    });
  }
  const reference = (numbered ? (numbered[2] as string) : line.text.trim()).trimEnd();
  const tier = TIER_AT_END.exec(reference);
  if (!tier) {
    warnings.add(line.number, 'DOUBTFUL_READING', {
      found: reference.slice(-40),
      reading: 'T3',
      message: `source ${number} has no evidence tier (T1, T2 or T3) at the end; read as T3, the lowest`,
    });
  }
  const citation = withoutLinkLabel(tier ? reference.slice(0, tier.index + tier[0].indexOf(tier[1] as string)) : reference);
  return {
    number,
    citation,
    ...readReference(citation),
    tier: tier ? (tier[1] as EvidenceTier) : 'T3',
    url: readUrl(citation),
    doi: readDoi(citation),
  };
}

/** "… 1204-1219. — link" → "… 1204-1219." (trimmed by hand: a regex with \s* on both sides backtracks on long runs of spaces). */
function withoutLinkLabel(text: string): string {
  let rest = text.trimEnd().replace(/[([]$/, '').trimEnd();
  if (/link$/i.test(rest)) rest = rest.slice(0, -'link'.length).trimEnd();
  if (/[—–-]$/.test(rest)) rest = rest.slice(0, -1).trimEnd();
  return rest.trim();
}

function readUrl(citation: string): string | null {
  const url = URL.exec(citation);
  return url ? url[0].replace(TRAILING_PUNCTUATION, '') : null;
}

function readDoi(citation: string): string | null {
  const doi = DOI.exec(citation);
  return doi ? (doi[1] as string).replace(/[.,;:)\]]+$/, '').toLowerCase() : null;
}

interface ReferenceParts {
  authors: string[];
  year: number | null;
  title: string;
  venue: string | null;
}

/** Authors, year, title and venue, read APA-style; a reference that is not APA still gets a title. */
export function readReference(citation: string): ReferenceParts {
  // Links are not part of the bibliographic text; drop them and the stray punctuation they leave.
  const text = citation
    .replace(DOI_GLOBAL, '')
    .replace(URL_GLOBAL, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:])/g, '$1')
    .replace(/\.{2,}/g, '.')
    .trim();
  const media = MEDIA_PREFIX.exec(text);
  if (media) return readMediaReference(text.slice(media[0].length));

  const yearGroup = YEAR_GROUP.exec(text);
  if (yearGroup) {
    const afterYear = text.slice(yearGroup.index + yearGroup[0].length).replace(/^[.,:;\s]+/, '');
    return {
      authors: readAuthors(text.slice(0, yearGroup.index)),
      year: yearGroup[1] ? Number(yearGroup[1]) : null,
      ...readTitleAndVenue(afterYear, citation),
    };
  }
  // No year: "The Attachment Project. From attachment insecurity to … ." — the organisation, then the title.
  const sentences = splitSentences(text);
  if (sentences.length >= 2) {
    const author = withoutFinalPeriod(sentences[0] as string);
    const rest = text.slice(text.indexOf(sentences[1] as string));
    return { authors: author ? [author] : [], year: null, ...readTitleAndVenue(rest, citation) };
  }
  return { authors: [], year: null, ...readTitleAndVenue(text, citation) };
}

/** "Earned Secure Attachment and Authenticity (LynnFraserStillpoint). YouTube." — the channel is the author. */
function readMediaReference(text: string): ReferenceParts {
  const { title, venue } = readTitleAndVenue(text, text);
  const open = title.lastIndexOf('(');
  if (!title.endsWith(')') || open <= 0) return { authors: [], year: null, title, venue };
  const inParentheses = title.slice(open + 1, -1).trim();
  const bareTitle = title.slice(0, open).trim();
  if (/^\d{4}$/.test(inParentheses)) return { authors: [], year: Number(inParentheses), title: bareTitle, venue };
  return { authors: inParentheses ? [inParentheses] : [], year: null, title: bareTitle, venue };
}

/**
 * The first sentence is the title; what follows ("Child Development, 73(4), 1204-1219.") is
 * the venue. A title may run on over sentence-like breaks: a question with a subtitle ("Does
 * schema therapy change schemas? A systematic review. Venue …") and a volume ("Attachment and
 * Loss: Vol. 1. Attachment (2nd ed.). Basic Books.") take the next sentence in, as long as a
 * venue is left after them.
 */
function readTitleAndVenue(text: string, fallbackTitle: string): { title: string; venue: string | null } {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return { title: fallbackTitle, venue: null };
  let parts = 1;
  // "In M. T. Greenberg (Eds.), …" after a question is the book a chapter is in, no subtitle.
  while (parts + 1 < sentences.length && RUNS_ON.test(sentences[parts - 1] as string) && !/^In\s/.test(sentences[parts] as string)) parts++;
  const last = sentences[parts - 1] as string;
  const titleEnd = text.indexOf(last) + last.length;
  const venue = withoutFinalPeriod(text.slice(titleEnd));
  return { title: withoutFinalPeriod(text.slice(0, titleEnd).trim()) || fallbackTitle, venue: venue || null };
}

/** A title sentence that goes on in the next: a question before its subtitle, or a volume number. */
const RUNS_ON = /\?$|\b(?:vol|volume|no|part|book)\.?\s*\d+[a-z]?\.$/i;

/**
 * "Roisman, G. I., Padrón, E., Sroufe, L. A., & Egeland, B." → ["Roisman, G. I.", "Padrón, E.", …].
 * A name with no initials after it is an organisation and stands alone.
 */
export function readAuthors(text: string): string[] {
  const parts = text
    .replace(/,?\s*&\s*/g, ', ')
    .replace(/,\s+and\s+/g, ', ')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part && !/^et al\.?$/i.test(part));
  const authors: Array<{ name: string; hasInitials: boolean }> = [];
  for (const part of parts) {
    const previous = authors[authors.length - 1];
    if (INITIALS.test(part) && previous && !previous.hasInitials) {
      previous.name = `${previous.name}, ${part}`;
      previous.hasInitials = true;
    } else {
      authors.push({ name: part, hasInitials: false });
    }
  }
  return authors
    .map((author) => (author.hasInitials ? author.name : withoutFinalPeriod(author.name)))
    .filter((name) => name !== '');
}

/** Drops one closing period (a title's "?" or "!" is part of it). */
const withoutFinalPeriod = (text: string): string => text.trim().replace(/\.$/, '').trim();
