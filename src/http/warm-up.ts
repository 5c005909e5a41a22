import { randomUUID } from 'node:crypto';
import { Kind, OperationTypeNode, parse } from 'graphql';

/**
 * What a new server does before it reports ready: it sends itself the
 * contract's reads over HTTP, to its own address (the whole path a reader's
 * request takes: node:http, Fastify, Apollo, graphql-jit, resolvers, the
 * driver), over the first entries of the graph, until its time is up. A
 * freshly started server and Neo4j answer their first seconds of load cold
 * (every statement planned for the first time, the pages it reads not yet
 * cached, the evidence expander and the cross-link vocabulary not yet built,
 * V8's and the JVM's code not yet optimised: docs/performance.md, "Cold
 * start"); the warm-up takes that time before readers arrive, while
 * /health/ready answers 503 "warming".
 */

/**
 * Marks the warm-up's own requests with a value no client can know, so the
 * request log and the request metrics (what clients see) leave them out.
 */
export const WARM_UP_HEADER = 'x-warm-up';
const WARM_UP_TOKEN = randomUUID();

/** Whether a request's `x-warm-up` header (its value, as Node or Apollo's HeaderMap gives it) is this process's warm-up's. */
export function isWarmUpRequest(header: string | string[] | undefined): boolean {
  return header === WARM_UP_TOKEN;
}

export interface WarmUpReport {
  /** Requests sent, and those answered with an error (a status other than 200, or GraphQL errors). */
  requests: number;
  failed: number;
  /** Entries all of whose reads were sent. */
  entries: number;
  /** The contract's reads sent and answered at least once, and those the warm-up has no variables for. */
  operations: string[];
  skipped: string[];
  ms: number;
}

/** Entries whose reads are sent at most (the first by name); the warm-up stops earlier when its time is up. */
const MAX_ENTRIES = 50;
/**
 * When none of those has an article, the entries after them are looked at
 * (their page only) until one has, up to this many in all: a graph whose
 * first entries by name are all stubs still gets its article reads warmed.
 */
const MAX_LOOKED_AT = 2_000;
const LISTING_PAGE = 100;

const ENTRY_SLUGS =
  'query WarmUpEntries($first: Int!, $after: String) { entries(first: $first, after: $after) { edges { node { slug } } pageInfo { hasNextPage endCursor } } }';

interface EntriesAnswer {
  entries: { edges: Array<{ node: { slug: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
interface EntryPageAnswer {
  entry: { name: string; sections: Array<{ claims: Array<{ id: string; text: string }> }>; sources: Array<{ id: string }> } | null;
}
interface EntryHistoryAnswer {
  entry: { currentRevision: { number: number } | null } | null;
}

/** What the reads of one entry are asked with: its slug, its page (EntryPage's answer), its revision, the entry read before it. */
interface Seen {
  slug: string;
  previousSlug: string | null;
  name: string;
  claims: Array<{ id: string; text: string }>;
  sourceIds: string[];
  revision: number;
}

type Variables = Record<string, unknown>;

/**
 * The variables each contract read after EntryPage and EntryHistory is sent
 * with for one entry (none when the entry gives none: no claims, one
 * revision). Evidence in four shapes: on a cold graph a statement's first
 * request of each shape (a whole sentence, a question naming the entry, one
 * word, a few words) is the slowest of all, each shape planned and run for
 * the first time by Neo4j and Lucene (measured: the first ~1 s each).
 */
const READS: Record<string, (seen: Seen) => Variables[]> = {
  SeeAlsoPanel: ({ slug }) => [{ slug, first: 10, after: null }],
  Neighbourhood: ({ slug }) => [{ slug }],
  Connection: ({ slug, previousSlug }) => (previousSlug ? [{ from: previousSlug, to: slug, maxHops: 3 }] : []),
  Search: ({ name }) => [{ query: name, first: 10 }],
  Evidence: ({ claims, name }) => statementsOf(claims.map((claim) => claim.text), name).map((statement) => ({ statement, first: 5 })),
  CrossLink: ({ claims }) => (claims.length ? [{ text: claims.slice(0, 5).map((claim) => claim.text).join(' ') }] : []),
  SourceUsage: ({ sourceIds }) => sourceIds.slice(0, 1).map((id) => ({ id, first: 10 })),
  ClaimAsCited: ({ claims }) => claims.slice(0, 1).map(({ id }) => ({ id })),
  RevisionDiff: ({ slug, revision }) => (revision >= 2 ? [{ slug, from: revision - 1, to: revision }] : []),
};

/** Statements of the shapes readers type, from an article's sentences: one whole, a question naming the entry, its longest word, a sentence's last three words. */
export function statementsOf(sentences: string[], name: string): string[] {
  if (sentences.length === 0) return [];
  const words = (text: string) => text.match(/\p{L}+/gu) ?? [];
  const middle = words(sentences[Math.floor(sentences.length / 2)]!);
  const longest = middle.reduce((best, word) => (word.length > best.length ? word : best), '');
  const lastWords = words(sentences[sentences.length - 1]!).slice(-3).join(' ');
  return [sentences[0]!, `what is ${name}?`, longest, lastWords].filter((statement) => statement.length > 0);
}

const FIRST_READS = ['EntryPage', 'EntryHistory'];

/** The names of the contract's queries, in file order. */
export function contractReads(contract: string): string[] {
  return parse(contract).definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.QUERY && definition.name ? [definition.name.value] : [],
  );
}

/**
 * Sends the reads of `contract` (the front end's operations, one document:
 * src/api/contract.ts) to the GraphQL endpoint at `url`, one at a time,
 * until `budgetMs` is up or MAX_ENTRIES entries are read; but always all the
 * reads of the first entry with an article (a stub's page leaves the claims'
 * reads unsent; past MAX_ENTRIES, up to MAX_LOOKED_AT, only stubs' pages are
 * read while looking for one), however long a cold graph takes to answer
 * them (each is bounded by CYPHER_TIMEOUT_MS): a server that says ready
 * before its first evidence read has been answered sends its first readers'
 * evidence requests into the coldest part of the start. Never throws for an
 * answer.
 */
export async function warmUp(url: string, contract: string, budgetMs: number): Promise<WarmUpReport> {
  const started = performance.now();
  const reads = contractReads(contract);
  const answered = new Set<string>();
  let requests = 0;
  let failed = 0;
  let entries = 0;
  let articleRead = false;
  const done = () => articleRead && performance.now() - started > budgetMs;

  const send = async <T>(query: string, operationName: string, variables: Variables): Promise<T | null> => {
    if (done()) return null;
    requests += 1;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [WARM_UP_HEADER]: WARM_UP_TOKEN },
      body: JSON.stringify({ query, operationName, variables }),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      failed += 1;
      return null;
    }
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (!body.data || body.errors) {
      failed += 1;
      return null;
    }
    answered.add(operationName);
    return body.data;
  };

  /** The entries' slugs by name, a page at a time as they are needed, MAX_LOOKED_AT at most. */
  async function* listedSlugs(): AsyncGenerator<string> {
    let after: string | null = null;
    for (let listed = 0; listed < MAX_LOOKED_AT; ) {
      const page: EntriesAnswer | null = await send<EntriesAnswer>(ENTRY_SLUGS, 'WarmUpEntries', { first: LISTING_PAGE, after });
      for (const { node } of page?.entries.edges.slice(0, MAX_LOOKED_AT - listed) ?? []) yield node.slug;
      listed += LISTING_PAGE;
      if (!page?.entries.pageInfo.hasNextPage) return;
      after = page.entries.pageInfo.endCursor;
    }
  }

  let previousSlug: string | null = null;
  for await (const slug of listedSlugs()) {
    if (done() || (articleRead && entries >= MAX_ENTRIES)) break;
    const page = (await send<EntryPageAnswer>(contract, 'EntryPage', { slug }))?.entry;
    if (!page) continue;
    const claims = page.sections.flatMap((section) => section.claims);
    // Past the first MAX_ENTRIES, only an article's reads are sent (the warm-up is looking for one).
    if (entries >= MAX_ENTRIES && claims.length === 0) continue;
    const history = await send<EntryHistoryAnswer>(contract, 'EntryHistory', { slug, first: 10, after: null });
    const seen: Seen = {
      slug,
      previousSlug,
      name: page.name,
      claims,
      sourceIds: page.sources.map((source) => source.id),
      revision: history?.entry?.currentRevision?.number ?? 0,
    };
    for (const name of reads) {
      for (const variables of READS[name]?.(seen) ?? []) await send(contract, name, variables);
    }
    if (done()) break;
    entries += 1;
    articleRead ||= claims.length > 0;
    previousSlug = slug;
  }
  return {
    requests,
    failed,
    entries,
    operations: reads.filter((name) => answered.has(name)),
    skipped: reads.filter((name) => !READS[name] && !FIRST_READS.includes(name)),
    ms: Math.round(performance.now() - started),
  };
}
