import type { QueryResolvers, Resolvers } from '../generated/graphql';
import { badInput } from '../errors';
import { MAX_CROSS_LINK_CHARS } from '../graphql/limits';

const Query: QueryResolvers = {
  crossLink: async (_root, { text }, { services, loaders }) => {
    if (text.length > MAX_CROSS_LINK_CHARS) throw badInput(`"text" is limited to ${MAX_CROSS_LINK_CHARS} characters.`, { argument: 'text' });
    const spans = await services.crossLink.match(text);
    const targets = await Promise.all(
      spans.map((span) => (span.target.kind === 'ENTRY' ? loaders.entryBySlug.load(span.target.id) : loaders.keyTermById.load(span.target.id))),
    );
    // A target deleted since the dictionary was built is dropped rather than linked.
    return spans.flatMap((span, i) => (targets[i] ? [{ start: span.start, end: span.end, surface: span.surface, target: targets[i] }] : []));
  },
};

export const crossLinkResolvers: Resolvers = { Query };
