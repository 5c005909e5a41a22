import type DataLoader from 'dataloader';
import type { ClaimRecord } from '../entries/records';
import type { Resolvers } from '../generated/graphql';
import type { CapabilityResolvers, EntryFieldResolvers } from '../graphql/capability';
import { notFound } from '../errors';
import { toGlobalId } from '../graphql/global-id';
import { connectionOf, pageOf } from '../graphql/pagination';
import { diffSentences } from './diff';
import { revisionId } from './records';

const MAX_PAGE = 100;

/** A revision's sentences by id: every version is kept, so every id resolves. */
async function claimsOf(ids: string[], loaders: { claimById: DataLoader<string, ClaimRecord | null> }): Promise<ClaimRecord[]> {
  const claims = await Promise.all(ids.map((id) => loaders.claimById.load(id)));
  return claims.filter((claim): claim is ClaimRecord => claim !== null);
}

const entryFields: EntryFieldResolvers = {
  currentRevision: (entry, _args, { loaders }) => (entry.revision ? loaders.revisionById.load(revisionId(entry.slug, entry.revision)) : null),
  revisions: async (entry, { first, after }, { loaders }) => {
    const page = pageOf(first, after, MAX_PAGE);
    const { total, revisions } = await loaders.revisionPage.load({ key: entry.slug, ...page });
    return connectionOf(revisions, page, total);
  },
  revision: (entry, { number }, { loaders }) => loaders.revisionById.load(revisionId(entry.slug, number)),
  diff: async (entry, { from, to }, { loaders }) => {
    const [before, after] = await Promise.all([from, to].map((number) => loaders.revisionById.load(revisionId(entry.slug, number))));
    if (!before) throw notFound(`Revision ${from} of "${entry.slug}"`);
    if (!after) throw notFound(`Revision ${to} of "${entry.slug}"`);
    const [beforeClaims, afterClaims] = await Promise.all([claimsOf(before.claimIds, loaders), claimsOf(after.claimIds, loaders)]);
    return diffSentences(beforeClaims, afterClaims);
  },
};

const resolvers: Resolvers = {
  Revision: {
    id: (revision) => toGlobalId('Revision', revisionId(revision.entrySlug, revision.number)),
    entry: async (revision, _args, { loaders }) => (await loaders.entryBySlug.load(revision.entrySlug))!,
    articleText: (revision, _args, { loaders }) => (revision.articleHash ? loaders.articleTextByHash.load(revision.articleHash) : null),
    claims: (revision, _args, { loaders }) => claimsOf(revision.claimIds, loaders),
  },
  SentenceChange: {
    before: (change, _args, { loaders }) => (change.before ? loaders.claimById.load(change.before) : null),
    after: (change, _args, { loaders }) => (change.after ? loaders.claimById.load(change.after) : null),
  },
  Claim: {
    revision: (claim, _args, { loaders }) => (claim.revision ? loaders.revisionById.load(revisionId(claim.entrySlug, claim.revision)) : null),
    current: (claim, _args, { loaders }) => (claim.current ? claim : loaders.currentClaimOf.load(claim.id)),
  },
};

/** History: an entry's revisions and diffs, a claim's revision and the version of it that stands now. */
export const revisionsResolvers: CapabilityResolvers = { entryFields, resolvers };
