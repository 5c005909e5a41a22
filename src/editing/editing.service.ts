import { createHash } from 'node:crypto';
import { clientKey } from '../auth/viewer';
import type { EntriesRepository } from '../entries/entries.repository';
import type { EntryRecord, SourceRecord } from '../entries/records';
import type { EntryKind } from '../model/kinds';
import { AppError, badInput, notFound } from '../errors';
import { entryTag, suggestionTag } from '../graph/cache-tags';
import type { SourcesRepository } from '../evidence/sources.repository';
import type { Graph } from '../graph/graph';
import type { ArticleIngestReport, IngestService, OutsideReadingReport } from '../ingest/ingest.service';
import { entryNameKey, outsideReadingKey, slugify } from '../model/identity';
import type { GraphWrites } from '../graph-changes/graph-change';
import { parseArticle } from '../ingest/parse-article';
import { decompressArticle } from '../revisions/article-text';
import { readArticleText, readEntryState, revisionsById as readRevisions, type EntryState } from '../revisions/revisions.repository';
import { revisionId } from '../revisions/records';
import { relationByType, type EditableRelation } from '../model/relations';
import * as repository from './editing.repository';
import { describePhi, screenCreditName, screenForPhi, type PhiFinding } from './phi-screen';
import type { PublicWriteLimiter } from './rate-limit';
import type {
  CreditPreference,
  EntryChange,
  LinkChange,
  RevisionStatus,
  RevisionSuggestionRecord,
  SourceChange,
  SuggestionDecision,
  SuggestionChange,
  UnlinkChange,
} from './records';
import * as validate from './validation';
import { LIMITS } from './validation';

/** What every editor's write to an entry may carry. */
export interface RevisionOptions {
  /** Refuse with CONFLICT, writing nothing, unless the entry is at this revision. */
  expectedRevision?: number | null;
  /** The revision's note. */
  note?: string | null;
}

export interface UpsertEntryInput extends RevisionOptions {
  slug?: string | null;
  name: string;
  kind: EntryKind;
  aliases?: readonly string[] | null;
  /** Absent: keep; null: clear. */
  summary?: string | null;
}

export interface LinkInput extends RevisionOptions {
  from: string;
  to: string;
  relation: EditableRelation;
  lineageRelation?: string | null;
  /** A global Claim ID. */
  claimId: string;
}

export type UnlinkInput = Omit<LinkInput, 'claimId'>;

/** Validates a write's revision options; `prefix` names where they sit in the arguments. */
function revisionOptions(options: RevisionOptions, prefix = ''): { expectedRevision: number | null; note: string | null } {
  const expected = options.expectedRevision ?? null;
  if (expected !== null && (!Number.isInteger(expected) || expected < 0)) {
    throw badInput(`"${prefix}expectedRevision" must be a revision number (0 for an entry that must not exist yet).`, { argument: `${prefix}expectedRevision` });
  }
  const note = options.note == null || options.note.trim() === '' ? null : validate.line(options.note, `${prefix}note`, LIMITS.note);
  return { expectedRevision: expected, note };
}

export interface SuggestRevisionInput {
  slug: string;
  text: string;
  sources?: readonly string[] | null;
  creditPreference: CreditPreference;
  creditName?: string | null;
}

const MAX_ARTICLE_CHARS = 2_000_000;

/** Suggestion ids as suggestRevision makes them. */
const SUGGESTION_ID = /^rs_[A-Za-z0-9_-]{22}$/;

/**
 * Every write the API offers beyond the ingest CLI: editors' curation and
 * readers' upvotes and suggestions. Each method validates its whole input
 * first, then makes exactly one write transaction that reads what it needs,
 * decides whether anything changes, writes only then, and returns the changed
 * records read inside that transaction. Callers check authorisation first.
 */
export class EditingService {
  constructor(
    private readonly graph: Graph,
    /** Writes whose consequences (links, degrees, panels, versions) follow through graph-changes. */
    private readonly writes: GraphWrites,
    private readonly ingest: IngestService,
    private readonly entries: EntriesRepository,
    private readonly sources: SourcesRepository,
    private readonly limiter: PublicWriteLimiter,
  ) {}

  async ingestArticle(text: string, options: { strict: boolean } & RevisionOptions, editor: string): Promise<{ report: ArticleIngestReport; entry: EntryRecord }> {
    if (text.length > MAX_ARTICLE_CHARS) throw badInput(`"text" is longer than ${MAX_ARTICLE_CHARS} characters.`, { argument: 'text' });
    if (!text.trim()) throw badInput('"text" must not be empty.', { argument: 'text' });
    const revision = revisionOptions(options);
    const report = await this.ingest.ingestArticle(validate.document(text, 'text'), { strict: options.strict, ...revision, author: editor });
    const [entry] = await this.entries.entriesBySlug([report.slug]);
    return { report, entry: entry! };
  }

  async ingestOutsideReading(input: { title: string; text: string; url?: string | null }): Promise<{ report: OutsideReadingReport; source: SourceRecord }> {
    const title = validate.line(input.title, 'title', LIMITS.title);
    if (!slugify(title)) throw badInput('"title" needs a letter or digit.', { argument: 'title' });
    const url = input.url == null || input.url.trim() === '' ? null : validate.httpUrl(input.url, 'url');
    if (input.text.length > MAX_ARTICLE_CHARS) throw badInput(`"text" is longer than ${MAX_ARTICLE_CHARS} characters.`, { argument: 'text' });
    if (!input.text.trim()) throw badInput('"text" must not be empty.', { argument: 'text' });
    const report = await this.ingest.ingestOutsideReading({ title, text: validate.document(input.text, 'text'), url });
    const [source] = await this.sources.sourcesByKey([outsideReadingKey(title)]);
    return { report, source: source! };
  }

  async upsertEntry(input: UpsertEntryInput, editor: string): Promise<EntryChange> {
    const revision = revisionOptions(input, 'input.');
    const name = validate.entryName(input.name, 'input.name');
    const slug = input.slug == null ? slugify(name) : validate.slug(input.slug, 'input.slug');
    if (!slug) throw badInput('"input.name" needs a letter or digit to make a slug from.', { argument: 'input.name' });
    const aliases = input.aliases == null ? null : validate.aliases(input.aliases, name, 'input.aliases');
    const summary = input.summary === undefined ? undefined : input.summary === null ? null : validate.paragraph(input.summary, 'input.summary', LIMITS.summary);

    const nameKey = entryNameKey(name);
    const { result } = await this.writes.write(async (change) => {
      const { tx } = change;
      const lock = await change.lockEntry(slug, revision.expectedRevision, { create: true });
      const existing = lock.created ? null : await repository.readEntry(tx, slug);
      const namesakes = await repository.entriesNamed(tx, nameKey, slug);
      if (namesakes.length > 0) {
        throw new AppError('CONFLICT', `Another entry is already named "${name}" (${namesakes.join(', ')}).`, { argument: 'input.name' });
      }
      const fields = {
        slug,
        name,
        kind: input.kind,
        aliases: aliases ?? existing?.aliases ?? [],
        summary: summary === undefined ? (existing?.summary ?? null) : summary,
      };
      if (existing && sameEntryFields(existing, fields)) return { status: 'UNCHANGED' as const, changed: false, entry: existing };
      await change.namesWillChange({ renamed: slug });
      // Names appear in see-also labels and order.
      await change.entriesWillChange([slug]);
      await repository.writeEntry(tx, { ...fields, nameKey });
      change.revised(slug, { action: 'FIELDS', note: revision.note });
      return { status: existing ? ('UPDATED' as const) : ('CREATED' as const), changed: true, entry: null };
    }, editor);
    // A changed entry is read after the commit: its revision is recorded last, as a consequence.
    return { ...result, entry: result.entry ?? (await this.entryNow(slug)) };
  }

  async linkEntries(input: LinkInput, editor: string): Promise<LinkChange> {
    const revision = revisionOptions(input);
    const { from, to, relation, lineageRelation } = this.linkArguments(input);
    const claimId = validate.globalId(input.claimId, 'Claim', 'claimId');

    const { result } = await this.writes.write(async (change) => {
      const { tx } = change;
      await change.lockEntry(from, revision.expectedRevision, { mustExist: true });
      const { fromEntry, toEntry } = await this.linkedEntries(tx, from, to, relation);
      const claim = await repository.readClaim(tx, claimId);
      if (!claim) throw notFound(`The claim "${input.claimId.slice(0, 100)}"`);
      const existing = await repository.readLink(tx, from, to, relation, lineageRelation);
      const changed = !(existing && existing.curated && existing.claimId === claimId);
      if (changed) {
        await change.entriesWillChange([from, to]);
        await repository.writeLink(tx, { from, to, relation, lineageRelation, claimId, editor });
        change.relationsChanged();
        if (relation === 'TARGETS') change.targetsChanged([to]);
        change.revised(from, { action: 'LINKS', note: revision.note ?? `Linked ${relation} to ${to}` });
      }
      return { changed, from: fromEntry, to: toEntry, relation, lineageRelation, claim };
    }, editor);
    return result;
  }

  async unlinkEntries(input: UnlinkInput, editor: string): Promise<UnlinkChange> {
    const revision = revisionOptions(input);
    const { from, to, relation, lineageRelation } = this.linkArguments(input, { lineageOptional: true });
    const { result } = await this.writes.write(async (change) => {
      const { tx } = change;
      await change.lockEntry(from, revision.expectedRevision, { mustExist: true });
      const { fromEntry, toEntry } = await this.linkedEntries(tx, from, to, relation, { checkKinds: false });
      // Both ends' neighbourhoods hold every panel the link was part of, degrees included.
      if ((await repository.readLink(tx, from, to, relation, lineageRelation)) === null) return { changed: false, removed: 0, from: fromEntry, to: toEntry };
      await change.entriesWillChange([from, to]);
      const removed = await repository.deleteLinks(tx, from, to, relation, lineageRelation);
      change.relationsChanged();
      if (relation === 'TARGETS') change.targetsChanged([to]);
      change.revised(from, { action: 'LINKS', note: revision.note ?? `Unlinked ${relation} to ${to}` });
      return { changed: removed > 0, removed, from: fromEntry, to: toEntry };
    }, editor);
    return result;
  }

  async setSeeAlso(
    slugArgument: string,
    targetArguments: readonly string[],
    editor: string,
    options: RevisionOptions = {},
  ): Promise<{ changed: boolean; entry: EntryRecord }> {
    const revision = revisionOptions(options);
    const slug = validate.slug(slugArgument, 'slug');
    const targets = validate.slugList(targetArguments, slug, 'targets', LIMITS.seeAlsoTargets);
    const { result } = await this.writes.write(async (change) => {
      const { tx } = change;
      await change.lockEntry(slug, revision.expectedRevision, { mustExist: true });
      const entry = (await repository.readEntry(tx, slug))!;
      const missing = await repository.missingEntries(tx, targets);
      if (missing.length > 0) throw new AppError('NOT_FOUND', `No entry has the slug ${missing.slice(0, 10).map((s) => `"${s}"`).join(', ')}.`, { argument: 'targets' });
      const current = await repository.readSeeAlso(tx, slug);
      const unchanged =
        current.length === targets.length && current.every((link, i) => link.slug === targets[i] && link.curated && !link.fromArticle);
      if (unchanged) return { changed: false, entry: entry as EntryRecord | null };
      // Curated links count in the listing entry's panel only; marking its neighbourhood covers it.
      await change.entriesWillChange([slug]);
      await repository.replaceSeeAlso(tx, slug, targets, editor);
      change.relationsChanged();
      change.revised(slug, { action: 'SEE_ALSO', note: revision.note });
      return { changed: true, entry: null };
    }, editor);
    return { ...result, entry: result.entry ?? (await this.entryNow(slug)) };
  }

  /** Every entry whose article lists or cites the source gets a revision saying so: what its readers see changed. */
  async retractSource(id: string, reasonArgument: string, editor: string): Promise<SourceChange> {
    const key = validate.globalId(id, 'Source', 'id');
    const reason = validate.line(reasonArgument, 'reason', LIMITS.reason, 3);
    const { result } = await this.writes.write(async (change) => {
      const { tx } = change;
      const source = await repository.readSource(tx, key);
      if (!source) throw notFound(`The source "${id.slice(0, 100)}"`);
      if (source.retracted && source.retractionReason === reason) return { changed: false, source };
      const affected = await repository.entriesUsingSource(tx, key);
      for (const slug of affected) await change.lockEntry(slug);
      const retracted = await repository.retractSource(tx, key, reason, editor);
      change.sourceRecordsChanged([key]);
      for (const slug of affected) change.revised(slug, { action: 'RETRACTION', note: `Source retracted: "${source.title.slice(0, 200)}" (${reason})` });
      return { changed: true, source: retracted };
    }, editor);
    return result;
  }

  /**
   * Restores an earlier revision as a new one: its article text (its sentences
   * aligned with the ones standing, so claims that return keep their lineage),
   * its fields, the editor's links and see-also list; derived relations,
   * panels and the cross-link vocabulary follow through graph-changes.
   */
  async revertEntry(
    slugArgument: string,
    toRevision: number,
    expectedRevision: number,
    editor: string,
    note?: string | null,
  ): Promise<{ changed: boolean; entry: EntryRecord; revision: number }> {
    const slug = validate.slug(slugArgument, 'slug');
    const revision = revisionOptions({ expectedRevision, note });
    if (!Number.isInteger(toRevision) || toRevision < 1) throw badInput('"toRevision" must be a revision number (1 or more).', { argument: 'toRevision' });
    const { result, consequences } = await this.writes.write(async (change) => {
      const { tx } = change;
      const lock = await change.lockEntry(slug, revision.expectedRevision, { mustExist: true });
      if (toRevision > lock.revision) throw notFound(`Revision ${toRevision} of "${slug}"`);
      if (toRevision === lock.revision) return { changed: false, revision: lock.revision };
      const target = (await readRevisions(tx, [revisionId(slug, toRevision)])).get(revisionId(slug, toRevision))!;
      const current = await readEntryState(tx, slug);
      // Reverting twice to one revision changes nothing the second time.
      if (sameState(current, target)) return { changed: false, revision: lock.revision };
      const details = { action: 'REVERT' as const, note: revision.note ?? `Reverted to revision ${toRevision}`, revertedTo: toRevision };
      let text: string | null = null;
      if (target.articleHash !== current.articleHash) {
        if (target.articleHash === null) {
          throw badInput(`Revision ${toRevision} of "${slug}" is a stub without an article; an article cannot be reverted to a stub.`, { argument: 'toRevision' });
        }
        const stored = await readArticleText(tx, target.articleHash);
        if (stored === null) throw new AppError('CONFLICT', `The article text of revision ${toRevision} of "${slug}" was not kept (it predates the entry's history).`);
        text = decompressArticle(stored);
      }
      const fields = { slug, name: target.name, kind: target.kind, aliases: target.aliases, summary: target.summary };
      const nameKey = entryNameKey(target.name);
      const namesakes = await repository.entriesNamed(tx, nameKey, slug);
      if (namesakes.length > 0) throw new AppError('CONFLICT', `Another entry is now named "${target.name}" (${namesakes.join(', ')}).`, { argument: 'toRevision' });

      // Everything the revert may change is declared before it writes: names, and the neighbourhoods of what it links.
      await change.namesWillChange({ renamed: slug, relink: slug });
      await change.entriesWillChange([slug, ...target.links.map((link) => link.to), ...(target.seeAlso ?? [])]);
      if (text !== null) {
        const written = await this.ingest.writeArticle(change, text, parseArticle(text), { revision: details });
        if (written.slug !== slug) throw new AppError('CONFLICT', `Revision ${toRevision}'s article is titled for "${written.slug}", not "${slug}".`);
      }
      if (text !== null || !sameEntryFields(current, fields)) await repository.writeEntry(tx, { ...fields, nameKey });
      // The editor's links and list as they stood; the article's own are read again from its text when the write settles (relink).
      await repository.replaceCuratedLinks(tx, slug, target.links, editor);
      await repository.replaceCuratedSeeAlso(tx, slug, target.seeAlso ?? [], editor);
      change.relationsChanged();
      change.revised(slug, details);
      return { changed: true, revision: lock.revision + 1 };
    }, editor);
    return { ...result, revision: consequences.revisions.get(slug) ?? result.revision, entry: await this.entryNow(slug) };
  }

  /** Public: one upvote per client and entry. */
  async upvoteEntry(slugArgument: string, clientId: string): Promise<{ changed: boolean; entry: EntryRecord }> {
    await this.limiter.consume(clientId);
    const slug = validate.slug(slugArgument, 'slug');
    // Around graph-changes: an upvote changes the entry's count and nothing any panel, link or name depends on.
    return this.graph.write(async (tx, changes) => {
      if (!(await repository.readEntry(tx, slug))) throw notFound(`The entry "${slug}"`);
      changes.tag(entryTag(slug));
      const changed = await repository.addUpvote(tx, slug, clientKey(clientId));
      return { changed, entry: (await repository.readEntry(tx, slug))! };
    });
  }

  /** Public: a revision suggestion for editors, screened for PHI before anything is stored. */
  async suggestRevision(input: SuggestRevisionInput, clientId: string): Promise<SuggestionChange> {
    await this.limiter.consume(clientId);
    const slug = validate.slug(input.slug, 'input.slug');
    const text = validate.paragraph(input.text, 'input.text', LIMITS.suggestion, LIMITS.suggestionMin);
    const sourcesArgument = input.sources ?? [];
    if (sourcesArgument.length > LIMITS.suggestionSources) {
      throw badInput(`"input.sources" takes at most ${LIMITS.suggestionSources} sources.`, { argument: 'input.sources' });
    }
    const sources = sourcesArgument.map((source, i) => validate.line(source, `input.sources[${i}]`, LIMITS.suggestionSource));
    const credit = this.creditFor(input.creditPreference, input.creditName);

    // Every free-text field is screened; the credit name as given, though only its initials may be stored.
    const findings: Array<PhiFinding & { field: string }> = [
      ...screenForPhi(text).map((f) => ({ ...f, field: 'input.text' })),
      ...sources.flatMap((source, i) => screenForPhi(source).map((f) => ({ ...f, field: `input.sources[${i}]` }))),
      ...(credit ? screenCreditName(credit.given).map((f) => ({ ...f, field: 'input.creditName' })) : []),
    ];
    const creditName = credit?.stored ?? null;
    if (findings.length > 0) {
      throw new AppError(
        'PHI_DETECTED',
        `The suggestion seems to contain ${describePhi(findings)}. Remove anything that could identify a client or patient and try again; nothing was stored.`,
        { findings: findings.slice(0, 20).map(({ kind, field, index }) => ({ kind, field, index })) },
      );
    }

    const client = clientKey(clientId);
    const id = `rs_${createHash('sha256').update([client, slug, text, ...sources].join('\u0000')).digest('base64url').slice(0, 22)}`;
    // Around graph-changes: a suggestion changes nothing but itself, read by its author and editors.
    return this.graph.write(async (tx, changes) => {
      if (!(await repository.readEntry(tx, slug))) throw notFound(`The entry "${slug}"`);
      changes.tag(suggestionTag(id));
      const { created, suggestion } = await repository.addSuggestion(tx, {
        id,
        entrySlug: slug,
        text,
        sources,
        creditPreference: input.creditPreference,
        creditName,
        clientId: client,
      });
      return { changed: created, suggestion };
    });
  }

  /** Editors: suggestions in one status (all: null), oldest first. */
  async suggestions(status: RevisionStatus | null, offset: number, limit: number): Promise<{ total: number; suggestions: RevisionSuggestionRecord[] }> {
    return this.graph.read((tx) => repository.suggestionsInStatus(tx, status, offset, limit));
  }

  /** A suggestion for an editor, or for the client that made it; null for anyone else, as for an unknown id. */
  async suggestion(id: string, viewer: { clientId: string; editor: boolean }): Promise<RevisionSuggestionRecord | null> {
    if (!SUGGESTION_ID.test(id)) return null;
    const found = await this.graph.read((tx) => repository.readSuggestion(tx, id));
    if (!found || (!viewer.editor && found.clientId !== clientKey(viewer.clientId))) return null;
    return found.suggestion;
  }

  /**
   * An editor's decision. ACCEPT names the revision of the suggestion's entry
   * that took it up (default: the current one); REJECT needs a reason. The
   * entry is locked while the revision is checked, so it cannot move under it.
   */
  async resolveSuggestion(
    idArgument: string,
    decision: SuggestionDecision,
    reasonArgument: string | null | undefined,
    revisionArgument: number | null | undefined,
    editor: string,
  ): Promise<SuggestionChange> {
    const reason = reasonArgument == null || reasonArgument.trim() === '' ? null : validate.line(reasonArgument, 'reason', LIMITS.reason);
    if (decision === 'REJECT' && reason === null) throw badInput('A rejection needs a "reason".', { argument: 'reason' });
    if (decision === 'REJECT' && revisionArgument != null) throw badInput('"revision" names the revision that took an accepted suggestion up.', { argument: 'revision' });
    if (revisionArgument != null && (!Number.isInteger(revisionArgument) || revisionArgument < 1)) {
      throw badInput('"revision" must be a revision number (1 or more).', { argument: 'revision' });
    }
    if (!SUGGESTION_ID.test(idArgument)) throw notFound(`The suggestion "${idArgument.slice(0, 100)}"`);
    const { result } = await this.writes.write(async (change) => {
      const { tx } = change;
      const found = await repository.readSuggestion(tx, idArgument);
      if (!found) throw notFound(`The suggestion "${idArgument}"`);
      const { suggestion } = found;
      let revision: number | null = null;
      if (decision === 'ACCEPT') {
        const lock = await change.lockEntry(suggestion.entrySlug);
        revision = revisionArgument ?? lock.revision;
        if (revision < 1) throw badInput(`The entry "${suggestion.entrySlug}" has no revision yet to take the suggestion up.`, { argument: 'revision' });
        if (revision > lock.revision) throw notFound(`Revision ${revision} of "${suggestion.entrySlug}"`);
      }
      const status = decision === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED';
      if (suggestion.status === status && suggestion.reason === reason && suggestion.acceptedIn === revision) return { changed: false, suggestion };
      change.suggestionChanged(idArgument);
      return { changed: true, suggestion: await repository.decideSuggestion(tx, idArgument, { status, editor, reason, revision }) };
    }, editor);
    return result;
  }

  /** The credit name as given (validated) and as it is stored (initials only for INITIALS); null for ANONYMOUS. */
  private creditFor(preference: CreditPreference, name: string | null | undefined): { given: string; stored: string } | null {
    if (preference === 'ANONYMOUS') return null;
    if (name == null || name.trim() === '') {
      throw badInput(`"input.creditName" is needed when "creditPreference" is ${preference}.`, { argument: 'input.creditName' });
    }
    const given = validate.creditName(name, 'input.creditName');
    return { given, stored: preference === 'INITIALS' ? validate.initialsOf(given) : given };
  }

  /** The entry as committed, revision included. */
  private async entryNow(slug: string): Promise<EntryRecord> {
    const [entry] = await this.entries.entriesBySlug([slug]);
    return entry!;
  }

  private linkArguments(input: UnlinkInput, options: { lineageOptional?: boolean } = {}) {
    const from = validate.slug(input.from, 'from');
    const to = validate.slug(input.to, 'to');
    if (from === to) throw badInput('An entry cannot be linked to itself.', { argument: 'to' });
    const relation = input.relation;
    let lineageRelation: string | null = null;
    if (relation === 'LINEAGE') {
      if (input.lineageRelation != null) lineageRelation = validate.lineageRelation(input.lineageRelation, 'lineageRelation');
      else if (!options.lineageOptional) throw badInput('LINEAGE needs "lineageRelation", e.g. "grows out of".', { argument: 'lineageRelation' });
    } else if (input.lineageRelation != null) {
      throw badInput(`"lineageRelation" applies to LINEAGE only, not ${relation}.`, { argument: 'lineageRelation' });
    }
    return { from, to, relation, lineageRelation };
  }

  private async linkedEntries(
    tx: Parameters<Parameters<Graph['write']>[0]>[0],
    from: string,
    to: string,
    relation: EditableRelation,
    options: { checkKinds?: boolean } = {},
  ): Promise<{ fromEntry: EntryRecord; toEntry: EntryRecord }> {
    const fromEntry = await repository.readEntry(tx, from);
    if (!fromEntry) throw notFound(`The entry "${from}"`);
    const toEntry = await repository.readEntry(tx, to);
    if (!toEntry) throw notFound(`The entry "${to}"`);
    const kinds = relationByType(relation).editorTargetKinds;
    if ((options.checkKinds ?? true) && kinds && !kinds.includes(toEntry.kind)) {
      throw badInput(`${relation} must point at a ${kinds.join(' or ')} entry; "${to}" is a ${toEntry.kind}.`, { argument: 'to' });
    }
    return { fromEntry, toEntry };
  }
}

/** Whether the entry stands as a revision recorded it (its sentences follow from its article text). */
function sameState(current: EntryState, revision: EntryState): boolean {
  const comparable = (state: EntryState) =>
    JSON.stringify([
      state.name,
      state.kind,
      state.aliases,
      state.summary ?? null,
      state.articleHash ?? null,
      state.links.map((link) => [link.relation, link.to, link.lineageRelation ?? null, link.claimId ?? null]),
      state.seeAlso ?? null,
    ]);
  return comparable(current) === comparable(revision);
}

function sameEntryFields(entry: Pick<EntryRecord, 'name' | 'kind' | 'aliases' | 'summary'>, fields: { name: string; kind: EntryKind; aliases: string[]; summary: string | null }): boolean {
  return (
    entry.name === fields.name &&
    entry.kind === fields.kind &&
    (entry.summary ?? null) === fields.summary &&
    entry.aliases.length === fields.aliases.length &&
    entry.aliases.every((alias, i) => alias === fields.aliases[i])
  );
}
