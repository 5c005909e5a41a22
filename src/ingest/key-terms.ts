import type { ParsedKeyTerm } from '../model/article';
import type { ParseWarnings } from './parse-warnings';
import { isBlank, readMarker, splitSentences, stripListMarker, type NumberedLine } from './sentences';

/**
 * The Key Terms section: "Term – definition marker." items, usually run
 * together in one paragraph, so items are read sentence by sentence. A
 * sentence with no term separator continues the previous definition.
 */

/** Between term and definition: an en dash as exported, an em dash or a spaced hyphen also accepted. */
const TERM_SEPARATORS = [' – ', ' — ', ' - '];

export function parseKeyTerms(lines: NumberedLine[], sourceCount: number, warnings: ParseWarnings): ParsedKeyTerm[] {
  const terms: ParsedKeyTerm[] = [];
  for (const line of lines) {
    if (isBlank(line.text)) continue;
    for (const sentence of splitSentences(stripListMarker(line.text))) {
      const { text, sourceNumbers } = readMarker(sentence, sourceCount, line.number, warnings);
      const item = splitAtSeparator(text);
      const previous = terms[terms.length - 1];
      if (item) {
        terms.push({ ...termAndAliases(item.term), definition: item.definition, sourceNumbers });
      } else if (previous) {
        previous.definition = `${previous.definition} ${text}`;
        previous.sourceNumbers = [...new Set([...previous.sourceNumbers, ...sourceNumbers])];
      } else {
        warnings.add(line.number, 'DOUBTFUL_READING', {
          found: text,
          reading: 'not a key term',
          message: `a key term reads "Term – definition"; "${excerpt(text)}" has no dash after a term, so it was left out of the key terms`,
        });
      }
    }
  }
  return terms.map((term) => ({ ...term, definition: withoutFinalPeriod(term.definition) }));
}

function splitAtSeparator(text: string): { term: string; definition: string } | null {
  let at = -1;
  let width = 0;
  for (const separator of TERM_SEPARATORS) {
    const index = text.indexOf(separator);
    if (index > 0 && (at < 0 || index < at)) {
      at = index;
      width = separator.length;
    }
  }
  if (at < 0) return null;
  const term = text.slice(0, at).trim();
  const definition = text.slice(at + width).trim();
  return term && definition ? { term, definition } : null;
}

/**
 * "Adult Attachment Interview (AAI)" → term "Adult Attachment Interview", aliases ["AAI"]:
 * a one-word parenthesis is an abbreviation or code, so an alias, wherever it
 * stands ("Frightened/frightening (FR) behavior" → "Frightened/frightening behavior", FR).
 * "Secure base / haven of safety" stays as printed, each half an alias.
 */
export function termAndAliases(printed: string): { term: string; aliases: string[] } {
  const aliases: string[] = [];
  let term = printed
    .trim()
    .replace(/\s*\(([^\s()]+)\)(?=\s|$)/g, (whole, inside: string, offset: number) => {
      if (offset === 0) return whole; // a term that opens with a parenthesis keeps it
      aliases.push(inside);
      return '';
    })
    .replace(/\s{2,}/g, ' ')
    .trim();
  if (!term) {
    term = printed.trim();
    aliases.length = 0;
  }
  if (term.includes(' / ')) {
    const halves = term.split(' / ').map((half) => half.trim()).filter(Boolean);
    aliases.unshift(...halves);
  }
  return { term, aliases: [...new Set(aliases)].filter((alias) => alias !== term) };
}

const withoutFinalPeriod = (text: string): string => text.trim().replace(/\.$/, '').trim();
const excerpt = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
