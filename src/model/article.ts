/**
 * The structure read from one wiki article export (the plain-text format of
 * seeds/articles/*.wiki.txt). Pure data: the parser produces it, the ingest
 * service writes it to the graph.
 */

/** Where a sentence's support comes from, as the article marks it. */
export type ClaimProvenance = 'CITED' | 'LLM' | 'UNMARKED';

export type EvidenceTier = 'T1' | 'T2' | 'T3';

/** The header line "construct · Developmental / clinical psychology · Attachment theory". */
export interface ArticleHeader {
  /** Lower-cased first field: "construct", "modality", "problem-for-work" ... */
  kind: string;
  discipline: string | null;
  tradition: string | null;
}

/** One sentence of the article, with the sources its marker resolves to. */
export interface ParsedClaim {
  /** The sentence without its trailing marker or LLM tag, ending punctuation kept. */
  text: string;
  provenance: ClaimProvenance;
  /** 1-based numbers into the article's source list, in marker order, no duplicates. */
  sourceNumbers: number[];
  /** 1-based line in the file where the sentence starts, for error messages and audits. */
  line: number;
}

export interface ParsedSection {
  heading: string;
  /** Sentences of the section's prose (and bullets), in reading order. */
  claims: ParsedClaim[];
}

/** A row of the "Treatment-Plan Suggestions & SMART Objectives" table. */
export interface ParsedSmartObjective {
  /** The row as printed (trimmed, marker included): kept whatever the split. */
  row: string;
  goal: string;
  objective: string;
  /** The mechanism column without its marker. */
  mechanism: string;
  sourceNumbers: number[];
}

export interface ParsedKeyTerm {
  term: string;
  /** Alternative names given in the term itself: "Adult Attachment Interview (AAI)" gives ["AAI"]. */
  aliases: string[];
  definition: string;
  sourceNumbers: number[];
}

export interface ParsedSource {
  /** Its number in the article's list (1-based). */
  number: number;
  /** The full reference as printed, without the trailing "— link" and tier. */
  citation: string;
  /** Author names as printed ("Roisman, G. I."), or the organisation. Empty when none can be read. */
  authors: string[];
  year: number | null;
  title: string;
  venue: string | null;
  tier: EvidenceTier;
  url: string | null;
  doi: string | null;
}

/** "Provenance. This article is AI-generated (model: …) · version 1.0 · last generated 2026-06-04 · 24 min read · 6 sources." */
export interface ArticleProvenance {
  model: string | null;
  version: string | null;
  /** ISO date (YYYY-MM-DD). */
  generatedAt: string | null;
  readMinutes: number | null;
  statedSourceCount: number | null;
}

/** The section a figure's caption is filed under: it sits outside the article's sections. */
export const FIGURE_SECTION = 'Figure';

export interface ParsedFigure {
  description: string | null;
  caption: ParsedClaim | null;
}

/** What a warning is about; see docs/model.md for each reading rule. */
export type ParseWarningCode =
  /** A source marker with more than one valid reading: the rule's choice was taken. */
  | 'AMBIGUOUS_MARKER'
  /** A trailing number that was kept as text (no valid reading, or a word before it that cannot end a sentence). */
  | 'NUMBER_NOT_MARKER'
  /** A SMART row whose best two column splits score close: the best was taken. */
  | 'AMBIGUOUS_SMART_ROW'
  /** A SMART row that could not be split into three columns: kept whole as the objective. */
  | 'UNSPLIT_SMART_ROW'
  /** Anything else read with doubt (a key term without a separator, an unknown kind ...). */
  | 'DOUBTFUL_READING';

/** A doubtful reading the parser made instead of rejecting the article. */
export interface ParseWarning {
  /** 1-based line in the file. */
  line: number;
  code: ParseWarningCode;
  /** One sentence for editors: what was found, the reading chosen, the alternatives. */
  message: string;
  /** The text the doubt is about, as printed ("112", the SMART row ...). */
  found: string;
  /** The reading taken, in words ("sources 11, 2", "goal | objective | mechanism", "text"). */
  reading: string;
  /** The other readings considered, in the same words, best first. */
  alternatives: string[];
}

/** "Reflective Functioning Questionnaire (RFQ)": a long form and its short form, defined in the text. */
export interface ParsedDefinition {
  longForm: string;
  shortForm: string;
  line: number;
}

export interface ParsedArticle {
  title: string;
  header: ArticleHeader;
  summary: string;
  upvotes: number;
  figure: ParsedFigure | null;
  /** Every body section in order, from the first heading after the figure to "Sources". */
  sections: ParsedSection[];
  smartObjectives: ParsedSmartObjective[];
  keyTerms: ParsedKeyTerm[];
  /** The bullets of the reflective / supervision questions section (also present as claims of that section). */
  reflectiveQuestions: ParsedClaim[];
  sources: ParsedSource[];
  /** Names on the curated "See also" lines, in order. */
  seeAlso: string[];
  provenance: ArticleProvenance;
  /** Abbreviations the article defines in its prose and key terms, each pair once. */
  definitions: ParsedDefinition[];
  /** Doubtful readings, in line order; empty for a clean article. */
  warnings: ParseWarning[];
}
