import type { Transaction } from '../graph/graph';
import { CrossLinkMatcher, type LinkTarget } from '../cross-link/matcher';
import { nameKey } from '../cross-link/tokens';
import { namedTargets, VocabularyIndex, type Vocabulary } from '../cross-link/vocabulary';
import { toLucenePhraseQueries } from '../graph/fulltext';
import { linkArticle, readingMentions } from '../linking/link-article';
import * as links from '../linking/links.repository';
import { panelsAround, type MarkedPanels } from '../see-also/see-also.repository';

/** A name whose links moved from one entry to another. */
export interface NameChange {
  name: string;
  from: string;
  to: string;
}

/**
 * Which target every name of either vocabulary links to, before and after a
 * write: the names whose target changed (new, gone, or taken by an article's
 * own name from another entry's alias).
 */
function changedNames(before: Vocabulary, after: VocabularyIndex): { names: string[]; moves: NameChange[] } {
  const beforeTargets = namedTargets(before);
  const afterTargets = after.targets;
  const beforeMatcher = CrossLinkMatcher.build(beforeTargets);
  const afterMatcher = after.matcher;
  const names = new Map<string, string>();
  for (const { names: targetNames } of [...beforeTargets, ...afterTargets]) for (const name of targetNames) names.set(nameKey(name), name);
  const changed: string[] = [];
  const moves: NameChange[] = [];
  for (const [key, name] of names) {
    if (!key) continue;
    const from = beforeMatcher.targetOf(name);
    const to = afterMatcher.targetOf(name);
    if (sameTarget(from, to)) continue;
    changed.push(name);
    if (from?.kind === 'ENTRY' && to?.kind === 'ENTRY') moves.push({ name, from: from.id, to: to.id });
  }
  return { names: changed, moves };
}

const sameTarget = (a: LinkTarget | undefined, b: LinkTarget | undefined) => a?.kind === b?.kind && a?.id === b?.id;

/** Whether two readings of the vocabulary (readVocabulary, in its order) hold the same names. */
export const sameVocabulary = (a: Vocabulary, b: Vocabulary): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What re-linking found and did. */
export interface Relinked {
  /** The articles linked again. */
  slugs: string[];
  /** Names that linked to one entry and now link to another. */
  nameChanges: NameChange[];
  /** Whether any name now links elsewhere, or nowhere, or newly somewhere: the cross-link dictionary changed. */
  namesMoved: boolean;
  /** The outside readings whose mentions were read again. */
  readings: string[];
  /** The panels around the re-linked articles' old links, to be marked when the write settles. */
  before: MarkedPanels;
}

/**
 * After a write that changed names (a stub, a new article, a new key term, an
 * abbreviation, a rename), every stored sentence, see-also line and outside
 * reading that contains a name whose target changed is linked again, so the
 * graph does not depend on the order things were written in. Returns the
 * re-linked articles and readings and the names that moved.
 */
export async function relinkTextsNaming(
  tx: Transaction,
  before: Vocabulary,
  after: Vocabulary,
  options: { namesChanged: boolean; except: ReadonlySet<string>; renamed: readonly string[]; relink?: readonly string[] },
): Promise<Relinked> {
  // Most writes change no name (an article saved again with the names it had): nothing to compare, no matcher to build.
  const unchanged = !options.namesChanged;
  let built: VocabularyIndex | null = null;
  const index = () => (built ??= new VocabularyIndex(after));
  const changed = unchanged ? { names: [], moves: [] } : changedNames(before, index());
  const candidates = new Set<string>(options.relink);
  // A renamed entry may have lost names: sentences that named it by an old one are re-checked too (none when no name changed).
  if (!unchanged) for (const slug of options.renamed) for (const naming of await links.articlesMentioning(tx, slug)) candidates.add(naming);
  for (const query of toLucenePhraseQueries(changed.names)) {
    for (const slug of await links.articlesPossiblyNaming(tx, query)) candidates.add(slug);
  }
  for (const slug of await links.articlesListingSeeAlso(tx, changed.names.map(nameKey))) candidates.add(slug);
  const relink = new Set(options.relink ?? []);
  const slugs = [...candidates].filter((slug) => relink.has(slug) || !options.except.has(slug)).sort();
  // A re-linked article may stop naming an entry as well as start: the panels around its old links are marked too.
  const around = await panelsAround(tx, slugs);
  const articles = await links.readArticleClaims(tx, slugs);
  const firstWords = [...new Set(changed.names.map((name) => nameKey(name).split(' ')[0] ?? '').filter(Boolean))];
  const readings = await links.readingsPossiblyNaming(tx, firstWords);
  for (const { slug, claims, seeAlsoNames } of articles) await links.writeLinks(tx, slug, linkArticle(slug, claims, seeAlsoNames, index()));
  for (const reading of readings) await links.writeReadingMentions(tx, { key: reading.key, ...readingMentions(reading.text, index().matcher) });
  return { slugs, nameChanges: changed.moves, namesMoved: changed.names.length > 0, readings: readings.map((reading) => reading.key), before: around };
}
