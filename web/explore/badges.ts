import type { EntryKind, EvidenceTier } from '../generated/contract';
import { h } from './dom';
import { KIND_LABELS, TIER_LABELS } from './labels';

/** A source's tier as the wiki prints it (T1), its meaning spelled out for screen readers and on hover. */
export const tierBadge = (tier: EvidenceTier) =>
  h('span', { class: `tier tier-${tier.toLowerCase()}`, title: TIER_LABELS[tier] }, tier, h('span', { class: 'visually-hidden' }, `: ${TIER_LABELS[tier]}`));

export const kindBadge = (kind: EntryKind) => h('span', { class: `kind kind-${kind.toLowerCase().replace(/_/g, '-')}` }, KIND_LABELS[kind]);

/** `Roisman, Padrón, Sroufe & Egeland (2002)`: authors' family names and the year, as a citation reads. */
export function citation(source: { authors?: string[]; year: number | null }): string {
  const names = (source.authors ?? []).map((author) => author.split(',')[0]!.trim()).filter(Boolean);
  const who = names.length > 1 ? `${names.slice(0, -1).join(', ')} & ${names.at(-1)}` : (names[0] ?? '');
  const year = source.year === null ? '' : `(${source.year})`;
  return [who, year].filter(Boolean).join(' ');
}
