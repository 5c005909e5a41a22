import type { SentenceChangeRecord } from './records';

/** A sentence as a diff sees it: its version's id and its claim's lineage (shared by every version of one claim). */
export interface VersionedSentence {
  id: string;
  lineage: string;
}

/**
 * What changed between two revisions' sentences, in article order. Two
 * sentences are versions of one claim when they share a lineage (the rule
 * that decides it, when a revision is saved, is in claim-alignment.ts): the
 * same id is unchanged and left out, another id is CHANGED. The rest are
 * REMOVED (only before) and ADDED (only after). A removed sentence is listed
 * where it stood, ahead of sentences added in its place (as a diff of lines
 * shows a replaced line: the old one, then the new).
 */
export function diffSentences(before: readonly VersionedSentence[], after: readonly VersionedSentence[]): SentenceChangeRecord[] {
  const beforeByLineage = new Map(before.map((sentence, index) => [sentence.lineage, index]));
  const afterLineages = new Set(after.map((sentence) => sentence.lineage));
  const changes: SentenceChangeRecord[] = [];
  let nextBefore = 0;
  const removedUpTo = (end: number) => {
    for (; nextBefore < end; nextBefore++) {
      const sentence = before[nextBefore]!;
      if (!afterLineages.has(sentence.lineage)) changes.push({ change: 'REMOVED', before: sentence.id, after: null });
    }
  };
  // For each later sentence: where in `before` the next sentence kept from it stands (before.length when none follows).
  const nextKept: number[] = new Array(after.length + 1).fill(before.length);
  for (let i = after.length - 1; i >= 0; i--) nextKept[i] = beforeByLineage.get(after[i]!.lineage) ?? nextKept[i + 1]!;
  for (const [position, sentence] of after.entries()) {
    const index = beforeByLineage.get(sentence.lineage);
    if (index === undefined) {
      removedUpTo(nextKept[position]!);
      changes.push({ change: 'ADDED', before: null, after: sentence.id });
      continue;
    }
    removedUpTo(index + 1);
    if (before[index]!.id !== sentence.id) changes.push({ change: 'CHANGED', before: before[index]!.id, after: sentence.id });
  }
  removedUpTo(before.length);
  return changes;
}
