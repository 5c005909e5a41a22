import type { ClaimRecord, SourceRecord } from '../entries/records';
import type { EvidenceTier } from '../model/article';
import { asksAQuestion } from './answer-cues';
import { analysedText, phraseTokens, type Token } from './english';
import { STRENGTH, type Concept, type ExpandedStatement, type MatchKind } from './expansion';

/**
 * Evidence ranking, pure and kept in step with docs/evidence.md#ranking: how
 * well a sentence answers a statement (the share of the statement's concepts
 * it has, Lucene's score as a tie-breaker), how well it is supported (its
 * sources, retracted ones counting against it), and which sources stand
 * behind the statement.
 */

export interface Candidate {
  claim: ClaimRecord;
  /** Lucene's score, or null for a sentence found as one of a named article's. */
  lexical: number | null;
  /** The sentence before it in its section, when it leans on it ("It cannot: …"); else null. */
  previous?: string | null;
}

/** Why a sentence matched: one of the statement's terms and how the sentence has it. */
export interface Match {
  term: string;
  /** The sentence's words that matched; for ARTICLE, the name of the entry whose article it is. */
  found: string;
  via: MatchKind;
}

export interface RankedClaim {
  claim: ClaimRecord;
  score: number;
  matches: Match[];
  citesRetracted: boolean;
  strongestTier: EvidenceTier | null;
}

/** Lucene's score (relative to the best candidate's) adds at most this much: it orders sentences that cover the same concepts. */
export const LEXICAL_SHARE = 0.2;
/** Added when a question asks for a kind of answer (who: a person; when: a date; how many: a number) and the sentence has one. */
export const ANSWER_BONUS = 0.1;
/** A term a leaning sentence lacks but the sentence before it has counts this share of what it would. */
export const PREVIOUS_SHARE = 0.5;
/** A sentence all of whose sources are retracted keeps this share of its score. */
export const RETRACTED_KEEPS = 0.5;
/** Added for the strongest tier a sentence cites (not retracted): orders equally relevant sentences by their support. */
export const TIER_BONUS: Record<EvidenceTier, number> = { T1: 0.04, T2: 0.02, T3: 0 };
const TIER_ORDER: EvidenceTier[] = ['T1', 'T2', 'T3'];

/** Ranks candidates; those citing nothing come back apart, never as support. */
export function rankCandidates(expanded: ExpandedStatement, candidates: Candidate[]): { supported: RankedClaim[]; uncited: RankedClaim[] } {
  const totalWeight = expanded.concepts.reduce((sum, c) => sum + c.weight, 0);
  const bestLexical = Math.max(0, ...candidates.map((c) => c.lexical ?? 0));
  const supported: RankedClaim[] = [];
  const uncited: RankedClaim[] = [];
  const lexicalOf = new Map<string, number>();
  for (const { claim, lexical, previous } of candidates) {
    // A sentence that asks (a question in an article's body, like the reflective ones) asserts nothing, whatever it cites.
    if (asksAQuestion(claim.text)) continue;
    const text = analysedText(claim.text);
    const tokens = phraseTokens(claim.text);
    const positions = positionsOf(tokens);
    let covered = 0;
    let literal = false;
    const matches: Match[] = [];
    const conceptMatches = expanded.concepts.map((concept) => matchConcept(concept, claim.entrySlug, text, tokens, positions));
    const before = previous && PREVIOUS_SHARE > 0 ? sentenceBefore(previous) : null;
    expanded.concepts.forEach((concept, i) => {
      let match = conceptMatches[i] ?? (concept.saidByPossessive ? possessiveOfNamed(expanded, conceptMatches, text, tokens) : null);
      // A sentence that leans on the one before it ("It cannot: …") has, at a share, what that one says.
      const borrowed = before ? matchWords(concept, before.text, before.tokens, before.positions) : null;
      if (borrowed && borrowed.strength * PREVIOUS_SHARE > (match?.strength ?? 0)) {
        match = { strength: borrowed.strength * PREVIOUS_SHARE, found: borrowed.found, via: 'PREVIOUS' };
      }
      if (!match) return;
      covered += concept.weight * match.strength;
      literal ||= match.via !== 'ARTICLE' && match.via !== 'DEFINITION';
      matches.push({ term: concept.term, found: match.found, via: match.via });
    });
    if (!literal || totalWeight === 0) continue;
    const relative = bestLexical > 0 ? (lexical ?? 0) / bestLexical : 0;
    lexicalOf.set(claim.id, relative);
    const relevance = covered / totalWeight + LEXICAL_SHARE * relative + (expanded.answer?.has(claim.text) ? ANSWER_BONUS : 0);
    const retracted = claim.sources.filter((s) => s.retracted).length;
    const strongestTier = TIER_ORDER.find((tier) => claim.sources.some((s) => s.tier === tier && !s.retracted)) ?? null;
    const support = claim.sources.length === 0 ? 1 : 1 - (1 - RETRACTED_KEEPS) * (retracted / claim.sources.length);
    const score = round(relevance * support + (strongestTier ? TIER_BONUS[strongestTier] : 0));
    (claim.sources.length > 0 ? supported : uncited).push({ claim, score, matches, citesRetracted: retracted > 0, strongestTier });
  }
  const order = (a: RankedClaim, b: RankedClaim) =>
    b.score - a.score || lexicalOf.get(b.claim.id)! - lexicalOf.get(a.claim.id)! || (a.claim.id < b.claim.id ? -1 : a.claim.id > b.claim.id ? 1 : 0);
  return { supported: supported.sort(order), uncited: uncited.sort(order) };
}

function positionsOf(tokens: Token[]): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  tokens.forEach((token, i) => {
    const list = positions.get(token.stem);
    if (list) list.push(i);
    else positions.set(token.stem, [i]);
  });
  return positions;
}

/** How a sentence has one concept; `at` is the token where it says it (none for its article or a definition). */
interface ConceptMatch {
  strength: number;
  found: string;
  via: MatchKind;
  at?: number;
}

function sentenceBefore(previous: string): { text: string; tokens: Token[]; positions: Map<string, number[]> } {
  const tokens = phraseTokens(previous);
  return { text: analysedText(previous), tokens, positions: positionsOf(tokens) };
}

/** The strongest way the sentence has the concept: one of its alternatives in a row, else its article or definition. */
function matchConcept(
  concept: Concept,
  entrySlug: string,
  /** The sentence as its tokens' offsets read it (analysedText). */
  text: string,
  tokens: Token[],
  positions: Map<string, number[]>,
): ConceptMatch | null {
  const best = matchWords(concept, text, tokens, positions);
  if (best) return best;

  const article = concept.articles.find((a) => a.slug === entrySlug);
  if (article) return { strength: STRENGTH.ARTICLE, found: article.name, via: 'ARTICLE' };
  if (concept.definition) {
    const { keys } = concept.definition;
    const found = tokens.filter((t) => keys.includes(t.stem));
    const distinct = new Set(found.map((t) => t.stem));
    if (distinct.size >= Math.min(2, keys.length)) {
      return { strength: STRENGTH.DEFINITION, found: [...new Set(found.map((t) => t.surface))].join(', '), via: 'DEFINITION' };
    }
  }
  return null;
}

/** The strongest of the concept's alternatives the text says, its words in a row. */
function matchWords(concept: Concept, text: string, tokens: Token[], positions: Map<string, number[]>): ConceptMatch | null {
  let best: ConceptMatch | null = null;
  for (const alternative of concept.alternatives) {
    if (best && best.strength >= alternative.strength) continue;
    const at = (positions.get(alternative.keys[0]!) ?? []).find((p) => alternative.keys.every((key, i) => tokens[p + i]?.stem === key));
    if (at === undefined) continue;
    const found = text.slice(tokens[at]!.start, tokens[at + alternative.keys.length - 1]!.end);
    const via: MatchKind =
      alternative.kind === 'SYNONYM' || alternative.kind === 'LEXICON' ? alternative.kind : concept.articles.length > 0 || alternative.kind === 'NAME' ? 'NAME' : 'WORD';
    best = { strength: alternative.strength, found, via, at };
  }
  return best;
}

/**
 * A relation a person's possessive states (authorship), found where a
 * person's possessive stands before one of the statement's names in the
 * sentence: "John Bowlby’s attachment theory" says who founded attachment
 * theory. Counts as a synonym would.
 */
function possessiveOfNamed(expanded: ExpandedStatement, conceptMatches: Array<ConceptMatch | null>, text: string, tokens: Token[]): ConceptMatch | null {
  for (const [i, concept] of expanded.concepts.entries()) {
    const at = conceptMatches[i]?.at;
    if (concept.alternatives[0]?.kind !== 'NAME' || at === undefined) continue;
    const possessive = expanded.possessorBefore(text, tokens[at]!.start);
    if (possessive) return { strength: STRENGTH.SYNONYM, found: possessive, via: 'SYNONYM' };
  }
  return null;
}

export interface SupportingSourceRecord {
  source: SourceRecord;
  score: number;
  /** The sentences citing it that support the statement, best first. */
  claims: RankedClaim[];
}

export interface TierCount {
  tier: EvidenceTier;
  count: number;
}

export interface StatementSourcesRecord {
  sources: SupportingSourceRecord[];
  tiers: TierCount[];
  summary: string;
}

/** Sentences scoring at least this share of the best one support the statement; the rest only match words of it. */
export const SUPPORT_SHARE = 0.5;
/** Each further sentence of a source counts this much less than the one before: how often adds, how well leads. */
export const REPEAT_DECAY = 0.5;

/**
 * The sources behind a statement: every source cited by a supporting
 * sentence, once, scored by its sentences (the best in full, the next half,
 * the next a quarter …), halved when retracted; best first, then by tier.
 */
export function sourcesOf(supported: RankedClaim[]): StatementSourcesRecord {
  const best = supported[0]?.score ?? 0;
  const bySource = new Map<string, SupportingSourceRecord>();
  for (const hit of supported) {
    if (hit.score < best * SUPPORT_SHARE) break;
    for (const source of hit.claim.sources) {
      const entry = bySource.get(source.key) ?? { source, score: 0, claims: [] };
      if (entry.claims.some((c) => c.claim.id === hit.claim.id)) continue;
      entry.claims.push(hit);
      bySource.set(source.key, entry);
    }
  }
  const sources = [...bySource.values()].map((entry) => {
    const score = entry.claims.reduce((sum, hit, i) => sum + hit.score * REPEAT_DECAY ** i, 0) * (entry.source.retracted ? RETRACTED_KEEPS : 1);
    return { ...entry, score: round(score) };
  });
  sources.sort(
    (a, b) =>
      b.score - a.score ||
      TIER_ORDER.indexOf(a.source.tier) - TIER_ORDER.indexOf(b.source.tier) ||
      a.source.title.localeCompare(b.source.title) ||
      (a.source.key < b.source.key ? -1 : 1),
  );
  const tiers = TIER_ORDER.map((tier) => ({ tier, count: sources.filter((s) => s.source.tier === tier).length })).filter((t) => t.count > 0);
  return { sources, tiers, summary: tiers.length > 0 ? tiers.map((t) => `${t.count} ${t.tier}`).join(', ') : 'no sources' };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
