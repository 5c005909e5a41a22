/**
 * System under test 2: @neo4j/graphql 7's generated API over the same graph,
 * served by the same stack as this API (Apollo Server 5 on Express 5).
 *
 * Type definitions map the labels the ingest writes. EntryPage is answered by
 * nested relationship fields (one generated Cypher query). SeeAlsoPanel is a
 * @cypher field that gathers the same candidates as src/see-also and ranks
 * them in Cypher with the same weights (ranking.ts); Evidence is a @cypher
 * field over the same full-text index. CrossLink cannot be expressed: the
 * @cypher field here is a naive scan (every name, CONTAINS), without offsets,
 * word boundaries or longest-match, and is reported as not equivalent.
 */
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { Neo4jGraphQL } from '@neo4j/graphql';
import Fastify from 'fastify';
import neo4j from 'neo4j-driver';
import { upvotesOf } from '../../src/graph/projections';
import { HUB_DEGREE_LIMIT } from '../../src/see-also/see-also.repository';
import { serveUntilStdinCloses } from './lifecycle';
import { processMetrics } from './process-metrics';

const weight = (degree: string) => `1.0 / log(CASE WHEN ${degree} < 2 THEN 2 ELSE ${degree} END)`;

/** ranking.ts's weights and labels, in Cypher. */
const SEE_ALSO_CYPHER = `
CALL (this) {
  MATCH (this)-[r:SEE_ALSO]->(o:Entry)
  RETURN o, 'CURATED' AS kind, 4 - 0.01 * CASE WHEN r.rank > 50 THEN 50 ELSE coalesce(r.rank, 0) END AS weight,
         'Editors list ' + o.name + ' under See also' AS label
  UNION ALL
  MATCH (this)-[r:LINEAGE]-(o:Entry) WHERE o <> this
  RETURN o, 'LINEAGE' AS kind, 2.0 AS weight,
         CASE WHEN startNode(r) = this THEN this.name + ' ' + coalesce(r.relation, 'draws on') + ' ' + o.name
              ELSE o.name + ' ' + coalesce(r.relation, 'draws on') + ' ' + this.name END AS label
  UNION ALL
  MATCH (this)-[r:TARGETS|INDICATED_FOR|REFERS_TO]-(o:Entry) WHERE o <> this
  WITH this, o, type(r) AS t, CASE WHEN startNode(r) = this THEN [this.name, o.name] ELSE [o.name, this.name] END AS names
  RETURN o, CASE t WHEN 'REFERS_TO' THEN 'MENTIONS' ELSE t END AS kind, CASE t WHEN 'REFERS_TO' THEN 1.0 ELSE 1.5 END AS weight,
         CASE t WHEN 'TARGETS' THEN names[0] + ' targets ' + names[1]
                WHEN 'INDICATED_FOR' THEN names[0] + ' is indicated for ' + names[1]
                ELSE 'The article on ' + names[0] + ' mentions ' + names[1] END AS label
  UNION ALL
  MATCH (this)-[:LISTS]->(s:Source) WHERE s.entryCount <= ${HUB_DEGREE_LIMIT}
  MATCH (s)<-[:LISTS]-(o:Entry) WHERE o <> this
  WITH DISTINCT o, s, [a IN coalesce(s.authors, []) | trim(split(a, ',')[0])] AS families
  RETURN o, 'SHARED_SOURCE' AS kind,
         ${weight('s.entryCount')} * CASE s.tier WHEN 'T1' THEN 1.0 WHEN 'T2' THEN 0.85 ELSE 0.7 END AS weight,
         'Both cite ' + CASE size(families) WHEN 0 THEN coalesce(s.title, 'a source') WHEN 1 THEN families[0]
                                            WHEN 2 THEN families[0] + ' & ' + families[1] ELSE families[0] + ' et al.' END
           + ' (' + coalesce(toString(s.year), 'n.d.') + ')' + CASE WHEN s.tier IS NULL THEN '' ELSE ', ' + s.tier END AS label
  UNION ALL
  MATCH (this)-[:TARGETS]->(p:Entry) WHERE p.targetedByCount <= ${HUB_DEGREE_LIMIT}
  MATCH (p)<-[:TARGETS]-(o:Entry) WHERE o <> this
  RETURN o, 'SHARED_PROBLEM' AS kind, ${weight('p.targetedByCount')} AS weight, 'Both target ' + p.name AS label
  UNION ALL
  MATCH (this)-[:DEFINES]->(k:KeyTerm) WHERE k.entryCount <= ${HUB_DEGREE_LIMIT}
  MATCH (:KeyTerm {key: k.key})<-[:DEFINES]-(o:Entry) WHERE o <> this
  WITH DISTINCT o, k
  RETURN o, 'SHARED_TERM' AS kind, ${weight('k.entryCount')} AS weight, 'Both define “' + k.term + '”' AS label
}
WITH o, {kind: kind, label: label, weight: round(weight * 1000) / 1000} AS reason
WITH o, collect(reason) AS all, collect(DISTINCT reason) AS reasons
WITH o, reasons, round(reduce(total = 0.0, r IN all | total + r.weight) * 1000) / 1000 AS score
ORDER BY score DESC, o.name, o.slug
LIMIT $first
RETURN {score: score, reasons: reasons, slug: o.slug, name: o.name, kind: o.kind, summary: o.summary} AS edge`;

/**
 * The statement goes to Lucene as typed: @neo4j/graphql has no hook to
 * sanitise it (the API's toLuceneTerms), so the benchmark sends words only.
 */
const EVIDENCE_CYPHER = `
CALL db.index.fulltext.queryNodes('claim_text', $statement, {limit: $first}) YIELD node AS c, score
MATCH (e:Entry {slug: c.entrySlug})
RETURN {score: score, claim: {id: c.id, text: c.text, provenance: c.provenance, entrySlug: e.slug, entryName: e.name,
        sources: COLLECT { MATCH (c)-[r:CITES]->(s:Source) WITH s, r ORDER BY r.order RETURN s {.key, .title, .year, .tier} }}} AS hit`;

/** Not equivalent to crossLink: a scan of every name, CONTAINS between spaces, no offsets or longest match. */
const CROSS_LINK_CYPHER = `
WITH ' ' + toLower($text) + ' ' AS text
CALL (text) {
  MATCH (e:Entry) WHERE any(name IN [e.name] + coalesce(e.aliases, []) WHERE text CONTAINS ' ' + toLower(name) + ' ')
  RETURN 'ENTRY' AS kind, e.slug AS id, e.name AS surface
  UNION
  MATCH (k:KeyTerm) WHERE any(name IN [k.term] + coalesce(k.aliases, []) WHERE text CONTAINS ' ' + toLower(name) + ' ')
  WITH k.key AS key, min(k.id) AS id, min(k.term) AS surface
  RETURN 'KEY_TERM' AS kind, id, surface
}
RETURN {kind: kind, id: id, surface: surface} AS hit`;

export const TYPE_DEFS = /* GraphQL */ `
  type Entry @node(labels: ["Entry"]) {
    slug: String!
    name: String!
    kind: String!
    aliases: [String!]
    summary: String
    discipline: String
    tradition: String
    upvotes: Int @cypher(statement: "RETURN ${upvotesOf('this')} AS upvotes", columnName: "upvotes")
    hasArticle: Boolean
    sections: [String!]
    provenanceModel: String
    provenanceVersion: String
    generatedAt: String
    readMinutes: Int
    claims: [Claim!]! @relationship(type: "HAS_CLAIM", direction: OUT)
    keyTerms: [KeyTerm!]! @relationship(type: "DEFINES", direction: OUT)
    sources: [Source!]! @relationship(type: "LISTS", direction: OUT, properties: "Listing")
    seeAlso(first: Int = 10): [SeeAlsoEdge!]! @cypher(statement: """${SEE_ALSO_CYPHER}""", columnName: "edge")
  }

  type Listing @relationshipProperties {
    number: Int!
  }

  type Citation @relationshipProperties {
    order: Int!
  }

  type Claim @node(labels: ["Claim"]) {
    id: String!
    text: String!
    provenance: String!
    section: String!
    sectionIndex: Int!
    position: Int!
    role: String!
    entrySlug: String!
    sources: [Source!]! @relationship(type: "CITES", direction: OUT, properties: "Citation")
  }

  type KeyTerm @node(labels: ["KeyTerm"]) {
    id: String!
    term: String!
    definition: String!
    position: Int!
    sources: [Source!]! @relationship(type: "CITES", direction: OUT, properties: "Citation")
  }

  type Source @node(labels: ["Source"]) {
    key: String!
    title: String!
    authors: [String!]
    year: Int
    tier: String!
    url: String
  }

  type SeeAlsoReason {
    kind: String!
    label: String!
    weight: Float!
  }

  type SeeAlsoEdge {
    score: Float!
    reasons: [SeeAlsoReason!]!
    slug: String!
    name: String!
    kind: String!
    summary: String
  }

  type EvidenceSource {
    key: String!
    title: String!
    year: Int
    tier: String!
  }

  type EvidenceClaim {
    id: String!
    text: String!
    provenance: String!
    entrySlug: String!
    entryName: String!
    sources: [EvidenceSource!]!
  }

  type EvidenceHit {
    score: Float!
    claim: EvidenceClaim!
  }

  type CrossLinkHit {
    kind: String!
    id: String!
    surface: String!
  }

  type Query {
    evidence(statement: String!, first: Int!): [EvidenceHit!]! @cypher(statement: """${EVIDENCE_CYPHER}""", columnName: "hit")
    crossLink(text: String!): [CrossLinkHit!]! @cypher(statement: """${CROSS_LINK_CYPHER}""", columnName: "hit")
  }
`;

async function main(): Promise<void> {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI is required');
  const driver = neo4j.driver(uri, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''), {
    maxConnectionPoolSize: 100,
  });
  const schema = await new Neo4jGraphQL({ typeDefs: TYPE_DEFS, driver }).getSchema();

  // The stack this API runs on (Apollo Server 5 on Fastify 5), with Apollo's own Fastify integration.
  const app = Fastify({ bodyLimit: 2 * 1024 * 1024 });
  const apollo = new ApolloServer({ schema, introspection: true, plugins: [fastifyApolloDrainPlugin(app)] });
  await apollo.start();
  await app.register(fastifyApollo(apollo));
  const metrics = processMetrics();
  app.get('/metrics', async (_request, reply) => reply.type(metrics.contentType).send(await metrics.text()));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  serveUntilStdinCloses(`http://127.0.0.1:${port}/graphql`, async () => {
    await apollo.stop();
    await app.close();
    await driver.close();
  });
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
