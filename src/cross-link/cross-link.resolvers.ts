import type { QueryResolvers, Resolvers } from '../generated/graphql';
import { badInput } from '../errors';
import { MAX_CROSS_LINK_CHARS } from '../graphql/limits';

const Query: QueryResolvers = {
  crossLink: async (_root, { text }, { services, loaders }) => {
    if (text.length > MAX_CROSS_LINK_CHARS) throw badInput(`"text" is limited to ${MAX_CROSS_LINK_CHARS} characters.`, { argument: 'text' });
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

export const crossLinkResolvers: Resolvers = { Query };
