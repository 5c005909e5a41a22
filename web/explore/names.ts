/**
 * Names of the entries this page has been told about. Some of the contract's
 * results name an entry by slug only (SourceUsage) or by id only (Connection);
 * like a client's normalised cache, the explorer shows the name when another
 * answer gave it.
 */
const nameBySlug = new Map<string, string>();
const entryById = new Map<string, { slug: string; name: string }>();
const slugsWithId = new Set<string>();

export function rememberEntry(entry: { slug: string; name: string; id?: string }): void {
  nameBySlug.set(entry.slug, entry.name);
  if (!entry.id) return;
  entryById.set(entry.id, { slug: entry.slug, name: entry.name });
  slugsWithId.add(entry.slug);
}

export const knownName = (slug: string): string | undefined => nameBySlug.get(slug);
export const knownEntry = (id: string): { slug: string; name: string } | undefined => entryById.get(id);
export const idKnownFor = (slug: string): boolean => slugsWithId.has(slug);
