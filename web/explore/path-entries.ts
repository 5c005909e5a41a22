import type { EntryKind } from '../generated/contract';
import { run, type Result } from './api';
import { KIND_OF_TYPENAME } from './labels';
import { idKnownFor, knownEntry, rememberEntry } from './names';

type Path = NonNullable<Result<'Connection'>['path']>;

/** Entries whose ids are asked for at most, per hop. */
const CANDIDATES = 8;

/**
 * Learns which entries a connection passes through. The contract's
 * Connection gives each hop's entry as an id and a type; each is a neighbour
 * of the hop before it, so the explorer asks that entry's Neighbourhood for
 * its neighbours of that type, and their EntryPage for their ids, until the
 * id is known. An entry the Neighbourhood does not list (reached by the
 * previous one's own mentions or see-also) stays unnamed, and so do the rest.
 */
export async function learnPathEntries(from: string, path: Path, signal: AbortSignal): Promise<void> {
  let previous = from;
  for (const step of path.steps.slice(0, -1)) {
    if (!knownEntry(step.node.id)) {
      const { entry: around } = await run('Neighbourhood', { slug: previous }, signal);
      const kind = KIND_OF_TYPENAME[step.node.__typename];
      const neighbours: Array<{ slug: string; kind: EntryKind }> = around
        ? [...around.lineage.map((link) => link.node), ...around.targets.map((target) => ({ ...target, kind: 'PROBLEM_FOR_WORK' as const })), ...around.backlinks]
        : [];
      const candidates = [...new Set(neighbours.filter((n) => n.kind === kind && !idKnownFor(n.slug)).map((n) => n.slug))].slice(0, CANDIDATES);
      await Promise.all(
        candidates.map(async (slug) => {
          const { entry } = await run('EntryPage', { slug }, signal);
          if (entry) rememberEntry(entry);
        }),
      );
    }
    const entry = knownEntry(step.node.id);
    if (!entry) return;
    previous = entry.slug;
  }
}
