import type { EntryKind } from '../model/kinds';
import { CrossLinkMatcher, type LinkTarget, type NamedTarget } from './matcher';

/**
 * The graph's vocabulary: every name text can link to (entries and key terms,
 * with their aliases) and the abbreviations articles define in passing. One
 * definition of it serves ingestion (mentions, see-also lines) and the
 * crossLink query, so both link a name to the same place.
 */

export interface VocabularyEntry {
  slug: string;
  name: string;
  kind: EntryKind;
  aliases: string[];
  /** Abbreviations the entry's article defines ("Reflective Functioning Questionnaire (RFQ)"). */
  definitions: DefinedAbbreviation[];
}

export interface VocabularyKeyTerm {
  id: string;
  term: string;
  aliases: string[];
}

export interface DefinedAbbreviation {
  longForm: string;
  shortForm: string;
}

export interface Vocabulary {
  entries: VocabularyEntry[];
  keyTerms: VocabularyKeyTerm[];
}

/**
 * Every target with its names: its own name first, then its aliases, then
 * the names an article's abbreviation gives it: when one form of a defined
 * pair names a target, the other form becomes its alias ("complex PTSD" names
 * the entry, so "Complex post-traumatic stress disorder" links there too).
 * Pure and independent of the order entries were written in.
 */
export function namedTargets(vocabulary: Vocabulary): NamedTarget[] {
  const targets: NamedTarget[] = [
    ...vocabulary.entries.map((e) => ({ target: { kind: 'ENTRY' as const, id: e.slug }, names: [e.name, ...e.aliases] })),
    ...vocabulary.keyTerms.map((k) => ({ target: { kind: 'KEY_TERM' as const, id: k.id }, names: [k.term, ...k.aliases] })),
  ];
  const definitions = vocabulary.entries.flatMap((e) => e.definitions);
  if (definitions.length === 0) return targets;

  const named = CrossLinkMatcher.build(targets);
  const byTarget = new Map(targets.map((t) => [key(t.target), t]));
  for (const { longForm, shortForm } of definitions) {
    const longTarget = named.targetOf(longForm);
    const shortTarget = named.targetOf(shortForm);
    if (longTarget && !shortTarget) byTarget.get(key(longTarget))?.names.push(shortForm);
    else if (shortTarget && !longTarget) byTarget.get(key(shortTarget))?.names.push(longForm);
  }
  return targets;
}

export const buildMatcher = (vocabulary: Vocabulary): CrossLinkMatcher => CrossLinkMatcher.build(namedTargets(vocabulary));

/**
 * A vocabulary made ready for linking many texts: its matchers are built once
 * (a build walks every name) and shared by every text linked against it.
 */
export class VocabularyIndex {
  /** Entries and key terms, as running text names them. */
  readonly matcher: CrossLinkMatcher;
  /** The entries alone: see-also lines name entries, never key terms. */
  readonly entryMatcher: CrossLinkMatcher;
  /** Every target with its names (namedTargets). */
  readonly targets: NamedTarget[];
  private readonly kinds: Map<string, EntryKind>;

  constructor(readonly vocabulary: Vocabulary) {
    this.targets = namedTargets(vocabulary);
    this.matcher = CrossLinkMatcher.build(this.targets);
    this.entryMatcher = CrossLinkMatcher.build(this.targets.filter((t) => t.target.kind === 'ENTRY'));
    this.kinds = new Map(vocabulary.entries.map((entry) => [entry.slug, entry.kind]));
  }

  kindOf(slug: string): EntryKind | undefined {
    return this.kinds.get(slug);
  }
}

const key = (target: LinkTarget) => `${target.kind}\u0000${target.id}`;
