/**
 * See-also ranking: pure functions from the raw evidence that two entries are
 * related (one row per connection) to a ranked list with reasons and labels.
 * The weights are documented in docs/see-also.md; change both together.
 */

import { relationByReason, type RelationReason } from '../model/relations';

/** Reasons of the see-also panels' own (curation, shared neighbours) and those of the registry of relations. */
export type ReasonKind = 'CURATED' | 'SHARED_SOURCE' | 'SHARED_PROBLEM' | 'SHARED_TERM' | RelationReason;

/** One connection between the entry asked about and a candidate, as the repository reads it. */
export interface Connection {
  slug: string;
  name: string;
  kind: ReasonKind;
  /** OUTGOING: the asked entry points at the candidate. */
  direction: 'OUTGOING' | 'INCOMING' | null;
  /** For shared neighbours: how many entries share that neighbour (its degree). */
  degree: number | null;
  /** What the connection runs through: a relation name, a source, problem or term. */
  via: { label: string; tier?: string | null; relation?: string | null; rank?: number | null } | null;
}

export interface Reason {
  kind: ReasonKind;
  label: string;
  weight: number;
}

export interface RankedEntry {
  slug: string;
  score: number;
  reasons: Reason[];
}

/** A curated entry weighs most; a relation weighs what the registry declares (src/model/relations.ts). */
export const CURATED_WEIGHT = 4;

/** A T3 source shared says less than a T1 source shared. */
export const TIER_FACTOR: Record<string, number> = { T1: 1, T2: 0.85, T3: 0.7 };

/**
 * Adamic–Adar: a neighbour shared by d entries contributes 1 / ln(d). Two
 * entries sharing something only they have (d = 2) gain 1.44; sharing a source
 * that 1,000 entries cite gains 0.14.
 */
export const adamicAdar = (degree: number) => 1 / Math.log(Math.max(degree, 2));

export function weightOf(connection: Connection): number {
  switch (connection.kind) {
    case 'CURATED':
      // Editors' order is kept among curated entries: each later one weighs a little less.
      return CURATED_WEIGHT - 0.01 * Math.min(connection.via?.rank ?? 0, 50);
    case 'SHARED_SOURCE':
      return adamicAdar(connection.degree ?? 2) * (TIER_FACTOR[connection.via?.tier ?? 'T3'] ?? TIER_FACTOR.T3!);
    case 'SHARED_PROBLEM':
    case 'SHARED_TERM':
      return adamicAdar(connection.degree ?? 2);
    default:
      return relationByReason(connection.kind)!.seeAlsoWeight;
  }
}

export function labelOf(connection: Connection, selfName: string): string {
  const out = connection.direction !== 'INCOMING';
  const [subject, object] = out ? [selfName, connection.name] : [connection.name, selfName];
  const via = connection.via?.label ?? '';
  switch (connection.kind) {
    case 'CURATED':
      return `Editors list ${connection.name} under See also`;
    case 'SHARED_SOURCE':
      return `Both cite ${via}${connection.via?.tier ? `, ${connection.via.tier}` : ''}`;
    case 'SHARED_PROBLEM':
      return `Both target ${via}`;
    case 'SHARED_TERM':
      return `Both define “${via}”`;
    default:
      return relationByReason(connection.kind)!.label(subject, object, connection.via?.relation ?? null);
  }
}

/** "Steele, H.", "Steele, M." → "Steele & Steele"; three or more → "Roisman et al.". */
export function shortAuthors(authors: string[]): string {
  const families = authors.map((author) => author.split(',')[0]!.trim()).filter(Boolean);
  if (families.length === 0) return '';
  if (families.length === 1) return families[0]!;
  if (families.length === 2) return `${families[0]} & ${families[1]}`;
  return `${families[0]} et al.`;
}

/** Groups connections by candidate, sums weights, and sorts best first (ties by name, then slug). */
export function rank(connections: Connection[], selfName: string): RankedEntry[] {
  const byCandidate = new Map<string, { name: string; reasons: Reason[] }>();
  for (const connection of connections) {
    const candidate = byCandidate.get(connection.slug) ?? { name: connection.name, reasons: [] };
    candidate.reasons.push({ kind: connection.kind, label: labelOf(connection, selfName), weight: round(weightOf(connection)) });
    byCandidate.set(connection.slug, candidate);
  }
  return [...byCandidate]
    .map(([slug, { name, reasons }]) => {
      const shown = dedupe(reasons).sort((a, b) => b.weight - a.weight || a.label.localeCompare(b.label));
      // The score is the sum of the reasons shown, so the panel can always explain it.
      return { slug, name, reasons: shown, score: round(shown.reduce((sum, reason) => sum + reason.weight, 0)) };
    })
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug))
    .map(({ slug, score, reasons }) => ({ slug, score, reasons }));
}

const round = (value: number) => Math.round(value * 1000) / 1000;

function dedupe(reasons: Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((reason) => {
    const key = `${reason.kind}\u0000${reason.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
