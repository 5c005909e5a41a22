import { ENTRY_NAME_FIELDS, type EntryName, type EntryRecord, type KeyTermRecord } from '../entries/records';
import type { QueryResolvers, Resolvers } from '../generated/graphql';
import { badInput } from '../errors';
import { articleTag, entryTag, GRAPH_WIDE, ownerOf, type ReadTags } from '../graph/cache-tags';
import { MAX_CROSS_LINK_CHARS } from '../graphql/limits';
import { selectsOnlyUnder } from '../graphql/selection';
import type { KeyTermName, NamedSpan } from './cross-link.service';

/**
 * The fields of a target the cross-link dictionary itself knows (an entry's
 * slug, name and kind; a key term's id and term): a selection of these only,
 * like the contract's CrossLink, is answered without reading the targets'
 * records.
 */
const NAMED_FIELDS = new Set([...ENTRY_NAME_FIELDS, 'term']);

const Query: QueryResolvers = {
  crossLink: async (_root, { text }, { services, loaders, reads }, info) => {
    if (text.length > MAX_CROSS_LINK_CHARS) throw badInput(`"text" is limited to ${MAX_CROSS_LINK_CHARS} characters.`, { argument: 'text' });
    if (selectsOnlyUnder(info, 'target', NAMED_FIELDS)) return withNamedTargets(await services.crossLink.matchNamed(text), reads);
    const { spans, entries, keyTerms } = await services.crossLink.matchWithTargets(text);
    // The targets came with the vocabulary's version in one query: the loaders give them (and record what was
    // read for the response cache) without another; one not found is primed as null, so it is not asked again.
    const entryRecords = new Map(entries.map((entry) => [entry.slug, entry]));
    const termRecords = new Map(keyTerms.map((term) => [term.id, term]));
    for (const { target } of spans) {
      if (target.kind === 'ENTRY') loaders.entryBySlug.prime(target.id, entryRecords.get(target.id) ?? null);
      else loaders.keyTermById.prime(target.id, termRecords.get(target.id) ?? null);
    }
    const targets = await Promise.all(
      spans.map((span) => (span.target.kind === 'ENTRY' ? loaders.entryBySlug.load(span.target.id) : loaders.keyTermById.load(span.target.id))),
    );
    // A target deleted since the dictionary was built is dropped rather than linked.
    return spans.flatMap((span, i) => (targets[i] ? [{ start: span.start, end: span.end, surface: span.surface, target: targets[i] }] : []));
  },
};

/**
 * Spans whose targets are what the dictionary knows of them; the response
 * cache is told what they show, as the loaders would tell it of the records.
 */
function withNamedTargets(spans: NamedSpan[], reads: ReadTags) {
  return spans.map(({ start, end, surface, named }) => {
    reads.add(tagOf(named));
    // Only fields the dictionary holds are selected (NAMED_FIELDS): their resolvers read nothing else of the record.
    return { start, end, surface, target: named as EntryRecord | KeyTermRecord };
  });
}

/** The entry's own record for an entry; a key term is its article's (the tags the loaders record for the records). */
function tagOf(named: EntryName | KeyTermName): string {
  if ('slug' in named) return entryTag(named.slug);
  const owner = ownerOf(named.id);
  return owner === null ? GRAPH_WIDE : articleTag(owner);
}

export const crossLinkResolvers: Resolvers = { Query };
