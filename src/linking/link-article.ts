import type { CrossLinkMatcher } from '../cross-link/matcher';
import type { VocabularyIndex } from '../cross-link/vocabulary';
import { deriveRelations } from './derive-relations';
import { slugify } from '../model/identity';
import type { ArticleLinks, ReadingMentions } from './links.repository';

/**
 * What text names, decided against a vocabulary: pure, so ingesting an
 * article and linking stored texts again after names change decide it the
 * same way.
 */

/**
 * What each sentence names (entries and key terms), the relations that follow
 * from where it names them, and the entries its see-also lines name.
 */
export function linkArticle(
  slug: string,
  claims: Array<{ id: string; text: string; section: string }>,
  seeAlsoNames: string[],
  index: VocabularyIndex,
): ArticleLinks {
  const linked = claims.map((claim) => {
    const spans = index.matcher.match(claim.text);
    return {
      id: claim.id,
      mentionedEntries: [...new Set(spans.filter((s) => s.target.kind === 'ENTRY').map((s) => s.target.id))],
      mentionedKeyTerms: [...new Set(spans.filter((s) => s.target.kind === 'KEY_TERM').map((s) => s.target.id))],
    };
  });
  const relations = deriveRelations(
    slug,
    claims.map((c, i) => ({ id: c.id, section: c.section, text: c.text, entrySlugs: linked[i]!.mentionedEntries })),
    (other) => index.kindOf(other),
  );
  const seeAlso = [...new Set(seeAlsoNames.map((name) => resolveEntryName(name, index)).filter((s): s is string => !!s && s !== slug))];
  return { claims: linked, relations, seeAlso };
}

/** The entry a see-also line names: by its name or alias (a name beats an alias), else by its slug. */
export function resolveEntryName(name: string, index: VocabularyIndex): string | undefined {
  const target = index.entryMatcher.targetOf(name);
  if (target) return target.id;
  const slug = slugify(name);
  return index.kindOf(slug) ? slug : undefined;
}

/** What an outside reading names, with how often. */
export function readingMentions(text: string, matcher: CrossLinkMatcher): ReadingMentions {
  const spans = matcher.match(text);
  const entryCounts = countBy(spans.filter((s) => s.target.kind === 'ENTRY').map((s) => s.target.id));
  const termCounts = countBy(spans.filter((s) => s.target.kind === 'KEY_TERM').map((s) => s.target.id));
  return {
    mentionedEntries: [...entryCounts].map(([slug, count]) => ({ slug, count })),
    mentionedKeyTerms: [...termCounts].map(([id, count]) => ({ id, count })),
  };
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
