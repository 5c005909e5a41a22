import { badInput } from '../errors';
import { fromGlobalId, type NodeType } from '../graphql/global-id';
import { normaliseText, slugify } from '../model/identity';

/**
 * Input checks for every mutation argument: lengths, slugs, IDs, URLs. Each
 * failure is BAD_USER_INPUT naming the argument (`extensions.argument`), and
 * runs before any write, so a rejected input writes nothing.
 */

export const LIMITS = {
  slug: 200,
  name: 200,
  aliases: 30,
  alias: 100,
  summary: 2_000,
  lineageRelation: 60,
  reason: 500,
  note: 500,
  title: 300,
  url: 2_000,
  seeAlsoTargets: 50,
  suggestionMin: 10,
  suggestion: 10_000,
  suggestionSources: 20,
  suggestionSource: 500,
  creditName: 100,
} as const;

/** Control characters other than tab and newline have no place in text people write. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;

/**
 * Bidirectional embeddings, overrides and isolates reorder how text is shown:
 * "\u202E7654-321 )555(" displays as a phone number that nothing screening the
 * stored order would see, and a name could display as another. English clinical
 * prose does not need them (the Unicode bidi algorithm lays out Hebrew or Arabic
 * citations without), so they are refused, telling the writer, not silently dropped.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Characters that show nothing: zero-width space, non-joiner and joiner, word
 * joiner and invisible operators, byte-order mark, soft hyphen, combining
 * grapheme joiner, the Mongolian vowel separator, and the direction marks
 * (LRM, RLM, ALM). Removed on write: "Earned\u200BSecurity" must be the same
 * name as "EarnedSecurity", and hidden characters would split words that
 * PHI screening and cross-linking read.
 */
const INVISIBLE = /[\u00AD\u034F\u061C\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g;

/** Refuses bidirectional controls and drops invisible characters. */
function visible(value: string, argument: string): string {
  if (BIDI_CONTROL.test(value)) {
    throw badInput(`"${argument}" contains bidirectional control characters (U+202A–U+202E, U+2066–U+2069), which make text display differently from what it says.`, {
      argument,
    });
  }
  return value.replace(INVISIBLE, '');
}

/** What people type into a form: no control characters, only visible ones (see `visible`), composed (NFC). */
function clean(value: string, argument: string): string {
  if (CONTROL.test(value)) throw badInput(`"${argument}" contains control characters.`, { argument });
  return visible(value, argument).normalize('NFC');
}

function checkLength(cleaned: string, argument: string, max: number, min: number): string {
  if (cleaned.length < min) throw badInput(min === 1 ? `"${argument}" must not be empty.` : `"${argument}" must be at least ${min} characters.`, { argument });
  if (cleaned.length > max) throw badInput(`"${argument}" must be at most ${max} characters.`, { argument });
  return cleaned;
}

/** A short one-line value: cleaned (see `clean`), whitespace collapsed, trimmed; within `max` characters. */
export function line(value: string, argument: string, max: number, min = 1): string {
  return checkLength(clean(value, argument).replace(/\s+/g, ' ').trim(), argument, max, min);
}

/** Multi-line text: cleaned (see `clean`), line endings normalised, trimmed; within `min`..`max` characters. */
export function paragraph(value: string, argument: string, max: number, min = 1): string {
  return checkLength(clean(value, argument).replace(/\r\n?/g, '\n').trim(), argument, max, min);
}

/**
 * An entry name or alias: a line in compatibility form (NFKC), so that
 * full-width letters and ligatures spell the same name as plain ones, as the
 * cross-link matcher already reads them.
 */
export function entryName(value: string, argument: string, max: number = LIMITS.name): string {
  return line(line(value, argument, max).normalize('NFKC'), argument, max);
}

/** A whole document (article, outside reading) as its parser expects it, with only visible characters (see `visible`). */
export function document(value: string, argument: string): string {
  return visible(value, argument);
}

/** A slug is what `slugify` makes of it: lower-case letters, digits, single hyphens. */
export function slug(value: string, argument: string): string {
  if (value.length === 0 || value.length > LIMITS.slug || slugify(value) !== value) {
    throw badInput(`"${argument}" must be a slug: lower-case letters and digits joined by single hyphens (e.g. "earned-security"), at most ${LIMITS.slug} characters.`, { argument });
  }
  return value;
}

/** The local id of a global ID of the expected type. */
export function globalId(value: string, type: NodeType, argument: string): string {
  if (value.length > 1_000) throw badInput(`"${argument}" is not a valid ID.`, { argument });
  let decoded: ReturnType<typeof fromGlobalId>;
  try {
    decoded = fromGlobalId(value);
  } catch {
    throw badInput(`"${argument}" is not a valid ID.`, { argument });
  }
  if (decoded.type !== type) throw badInput(`"${argument}" must be the ID of a ${type}, not of a ${decoded.type}.`, { argument });
  return decoded.localId;
}

export function aliases(values: readonly string[], name: string, argument: string): string[] {
  if (values.length > LIMITS.aliases) throw badInput(`"${argument}" takes at most ${LIMITS.aliases} aliases.`, { argument });
  const seen = new Set([normaliseText(name)]);
  const result: string[] = [];
  values.forEach((value, index) => {
    const alias = entryName(value, `${argument}[${index}]`, LIMITS.alias);
    const key = normaliseText(alias);
    if (!key) throw badInput(`"${argument}[${index}]" needs a letter or digit.`, { argument });
    if (seen.has(key)) return; // repeats of the name or of another alias add nothing
    seen.add(key);
    result.push(alias);
  });
  return result;
}

/** A lineage relation as articles name them: "grows out of", "extends", "sits alongside". */
export function lineageRelation(value: string, argument: string): string {
  const cleaned = line(value, argument, LIMITS.lineageRelation).toLowerCase();
  if (!/^[\p{Ll}][\p{Ll} '’-]*[\p{Ll}]$/u.test(cleaned)) {
    throw badInput(`"${argument}" must be a short phrase of words, e.g. "grows out of".`, { argument });
  }
  return cleaned;
}

export function httpUrl(value: string, argument: string): string {
  const trimmed = line(value, argument, LIMITS.url);
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw badInput(`"${argument}" must be an http(s) URL.`, { argument });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw badInput(`"${argument}" must be an http(s) URL.`, { argument });
  if (parsed.username || parsed.password) throw badInput(`"${argument}" must not contain credentials.`, { argument });
  return parsed.toString();
}

/** A person's name for credit: letters, spaces, hyphens, apostrophes and full stops. */
export function creditName(value: string, argument: string): string {
  const cleaned = line(value, argument, LIMITS.creditName);
  if (!/^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u.test(cleaned)) {
    throw badInput(`"${argument}" may contain only letters, spaces, hyphens, apostrophes and full stops.`, { argument });
  }
  return cleaned;
}

/** "Jane van der Berg-Smith" → "J. v. d. B.-S.": initials only, so the full name is never stored. */
export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) =>
      word
        .split('-')
        .map((part) => `${[...part.replace(/^[^\p{L}]+/u, '')][0] ?? ''}.`)
        .join('-'),
    )
    .join(' ');
}

/** Distinct slugs, in order; the entry itself and repeats are refused. */
export function slugList(values: readonly string[], self: string, argument: string, max: number): string[] {
  if (values.length > max) throw badInput(`"${argument}" takes at most ${max} entries.`, { argument });
  const seen = new Set<string>();
  return values.map((value, index) => {
    const target = slug(value, `${argument}[${index}]`);
    if (target === self) throw badInput(`"${argument}[${index}]" is the entry itself.`, { argument });
    if (seen.has(target)) throw badInput(`"${argument}[${index}]" repeats "${target}".`, { argument });
    seen.add(target);
    return target;
  });
}
