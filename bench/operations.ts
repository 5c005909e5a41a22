/**
 * What the benchmark sends. For this API: the front end's contract operations
 * (shared/contract/operations.graphql), verbatim. For @neo4j/graphql: the same
 * data asked the way its generated schema allows (see servers/neo4j-graphql.ts).
 * For the raw floor: an operation name and the same variables.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { projectRoot } from '../src/config';
import type { CandidateDetail } from '../src/evidence/evidence.repository';

export const OPERATIONS = ['EntryPage', 'SeeAlsoPanel', 'Evidence', 'CrossLink'] as const;
export type OperationName = (typeof OPERATIONS)[number];

/** What the contract's Evidence selection reads of its sentences' entries and sources (`claim { entry { slug name } }`, `sources { id title year tier }`). */
export const EVIDENCE_AS_ASKED: CandidateDetail = { entries: 'names', sources: 'citations' };

/** Where the contract lives: beside the repository (shared/), or CONTRACT_OPERATIONS. */
const contractPaths = [
  process.env.CONTRACT_OPERATIONS,
  path.join(projectRoot, '..', 'shared', 'contract', 'operations.graphql'),
  path.join(projectRoot, 'shared', 'contract', 'operations.graphql'),
].filter((p): p is string => !!p);

/** The contract's operations, used as is when the file is found; a copy of them otherwise. */
export function apiOperations(): Record<OperationName, string> {
  const file = contractPaths.find((p) => fs.existsSync(p));
  if (!file) return CONTRACT_COPY;
  const document = parse(fs.readFileSync(file, 'utf8'));
  const byName = new Map(
    document.definitions
      .filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && !!d.name)
      .map((d) => [d.name!.value, print(d)]),
  );
  return Object.fromEntries(OPERATIONS.map((name) => [name, byName.get(name) ?? CONTRACT_COPY[name]])) as Record<OperationName, string>;
}

/** A copy of the four contract operations (for a checkout without shared/). */
const CONTRACT_COPY: Record<OperationName, string> = {
  EntryPage: `query EntryPage($slug: String!) {
  entry(slug: $slug) {
    id slug name kind summary discipline tradition upvotes
    provenance { model version generatedAt readMinutes }
    sections { heading claims { id text provenance sources { id title year tier } } }
    keyTerms { term definition sources { title } }
    sources { id title authors year tier url }
  }
}`,
  SeeAlsoPanel: `query SeeAlsoPanel($slug: String!, $first: Int!, $after: String) {
  entry(slug: $slug) {
    seeAlso(first: $first, after: $after) {
      edges { cursor score reasons { kind label } node { slug name kind summary } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`,
  Evidence: `query Evidence($statement: String!, $first: Int!) {
  evidence(statement: $statement, first: $first) {
    score
    claim { id text provenance entry { slug name } }
    sources { id title year tier }
  }
}`,
  CrossLink: `query CrossLink($text: String!) {
  crossLink(text: $text) {
    start end surface
    target { __typename ... on Entry { slug } ... on KeyTerm { term } }
  }
}`,
};

/**
 * The same reads against @neo4j/graphql's generated schema. EntryPage asks for
 * the same fields through nested relationship fields (the client groups claims
 * into sections by sectionIndex); the others go through @cypher fields.
 */
export const NEO4J_GRAPHQL_OPERATIONS: Record<OperationName, string> = {
  EntryPage: `query EntryPage($slug: String!) {
  entries(where: { slug: { eq: $slug } }) {
    slug name kind summary discipline tradition upvotes
    provenanceModel provenanceVersion generatedAt readMinutes
    sections
    claims(sort: [{ position: ASC }]) {
      id text provenance sectionIndex role
      sourcesConnection(sort: [{ edge: { order: ASC } }]) { edges { node { key title year tier } } }
    }
    keyTerms(sort: [{ position: ASC }]) {
      term definition
      sourcesConnection(sort: [{ edge: { order: ASC } }]) { edges { node { title } } }
    }
    sourcesConnection(sort: [{ edge: { number: ASC } }]) { edges { node { key title authors year tier url } } }
  }
}`,
  SeeAlsoPanel: `query SeeAlsoPanel($slug: String!, $first: Int!) {
  entries(where: { slug: { eq: $slug } }) {
    seeAlso(first: $first) { score reasons { kind label } slug name kind summary }
  }
}`,
  Evidence: `query Evidence($statement: String!, $first: Int!) {
  evidence(statement: $statement, first: $first) {
    score
    claim { id text provenance entrySlug entryName sources { key title year tier } }
  }
}`,
  CrossLink: `query CrossLink($text: String!) {
  crossLink(text: $text) { kind id surface }
}`,
};
