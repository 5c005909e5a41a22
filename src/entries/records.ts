import type { ClaimProvenance, EvidenceTier } from '../model/article';
import type { EntryKind } from '../model/kinds';

/**
 * The shapes repositories return and resolvers receive as parents.
 * Plain data read from Neo4j; the GraphQL layer adds global IDs and links.
 */


export interface ProvenanceRecord {
  model: string | null;
  version: string | null;
  generatedAt: string | null;
  readMinutes: number | null;
  statedSourceCount: number | null;
  listedSourceCount: number;
}

export interface EntryRecord {
  slug: string;
  name: string;
  kind: EntryKind;
  /** The number of the entry's current revision; null before its first. */
  revision: number | null;
  aliases: string[];
  summary: string | null;
  discipline: string | null;
  tradition: string | null;
  upvotes: number;
  hasArticle: boolean;
  provenance: ProvenanceRecord | null;
  figureDescription: string | null;
  /** The last ingest's warnings as stored, one JSON-encoded ParseWarning each. */
  ingestWarnings: string[];
}

/** What names an entry: its slug, name and kind (all that a link to it, or a claim's `entry { slug name }`, shows). */
export type EntryName = Pick<EntryRecord, 'slug' | 'name' | 'kind'>;

/** The fields of an Entry an EntryName answers (its id and type come from its slug and kind). */
export const ENTRY_NAME_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'slug', 'name', 'kind']);

export interface SourceRecord {
  key: string;
  kind: 'REFERENCE' | 'OUTSIDE_READING';
  title: string;
  authors: string[];
  year: number | null;
  venue: string | null;
  tier: EvidenceTier;
  url: string | null;
  doi: string | null;
  citation: string | null;
  text: string | null;
  retracted: boolean;
  retractionReason: string | null;
}

/** What a citation shows of a source: evidence reads its sentences' sources so when that is all its selection asks. */
export type SourceCitation = Pick<SourceRecord, 'key' | 'title' | 'authors' | 'year' | 'tier' | 'url' | 'retracted'>;

/**
 * The fields of a Source a SourceCitation answers: its own (id from its key)
 * and those read by key (the entries listing it, the claims citing it, what
 * mentions it).
 */
export const SOURCE_CITATION_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'title', 'authors', 'year', 'tier', 'url', 'retracted', 'entries', 'claims', 'mentions']);

export interface ClaimRecord {
  id: string;
  text: string;
  provenance: ClaimProvenance;
  section: string;
  position: number;
  entrySlug: string;
  /** The id of the claim's first version, shared by all its versions. */
  lineage: string;
  /** The revision that wrote this version; null for claims loaded before the entry had a history. */
  revision: number | null;
  /** True for the version that stands in the article now; false for one a later revision replaced or removed. */
  current: boolean;
  /** The cited sources in marker order: every query that returns claims returns them. */
  sources: SourceRecord[];
  /**
   * The claim's entry as named, when the query that read the claim read only
   * that of it (evidence, when its selection asks no more): `Claim.entry`
   * answers a selection of those fields from it without a query.
   */
  entryName?: EntryName;
}

export interface SectionRecord {
  heading: string;
  claims: ClaimRecord[];
}

export interface KeyTermRecord {
  id: string;
  term: string;
  aliases: string[];
  definition: string;
  entrySlug: string;
  sources: SourceRecord[];
}

export interface SmartObjectiveRecord {
  goal: string;
  objective: string;
  mechanism: string;
  sources: SourceRecord[];
}

export interface FigureRecord {
  description: string | null;
  caption: ClaimRecord | null;
}

/** Everything an article page shows beyond the entry's own properties, read in one query. */
export interface ArticleContent {
  sections: SectionRecord[];
  keyTerms: KeyTermRecord[];
  sources: SourceRecord[];
  smartObjectives: SmartObjectiveRecord[];
  reflectiveQuestions: ClaimRecord[];
  figureCaption: ClaimRecord | null;
}
