import { createHash } from 'node:crypto';
import { clientKey } from '../auth/viewer';
import type { EntriesRepository } from '../entries/entries.repository';
import type { EntryRecord, SourceRecord } from '../entries/records';
import type { EntryKind } from '../model/kinds';
import { AppError, badInput, notFound } from '../errors';
import type { SourcesRepository } from '../evidence/sources.repository';
import type { Graph } from '../graph/graph';
import type { ArticleIngestReport, IngestService, OutsideReadingReport } from '../ingest/ingest.service';
import { outsideReadingKey, slugify } from '../model/identity';
import type { GraphWrites } from '../graph-changes/graph-change';
import { relationByType, type EditableRelation } from '../model/relations';
import * as repository from './editing.repository';
import { describePhi, screenCreditName, screenForPhi, type PhiFinding } from './phi-screen';
import type { PublicWriteLimiter } from './rate-limit';
import type {
  CreditPreference,
  EntryChange,
  LinkChange,
  RevisionSuggestionRecord,
  SourceChange,
  SuggestionChange,
  UnlinkChange,
} from './records';
import * as validate from './validation';
import { LIMITS } from './validation';

export interface UpsertEntryInput {
  slug?: string | null;
  name: string;
  kind: EntryKind;
  aliases?: readonly string[] | null;
  /** Absent: keep; null: clear. */
  summary?: string | null;
}

export interface LinkInput {
  from: string;
  to: string;
  relation: EditableRelation;
  lineageRelation?: string | null;
  /** A global Claim ID. */
  claimId: string;
}

export type UnlinkInput = Omit<LinkInput, 'claimId'>;

export interface SuggestRevisionInput {
  slug: string;
  text: string;
  sources?: readonly string[] | null;
  creditPreference: CreditPreference;
  creditName?: string | null;
}

const MAX_ARTICLE_CHARS = 2_000_000;

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

  async ingestArticle(text: string, options: { strict: boolean }): Promise<{ report: ArticleIngestReport; entry: EntryRecord }> {
    if (text.length > MAX_ARTICLE_CHARS) throw badInput(`"text" is longer than ${MAX_ARTICLE_CHARS} characters.`, { argument: 'text' });
    if (!text.trim()) throw badInput('"text" must not be empty.', { argument: 'text' });
    const report = await this.ingest.ingestArticle(validate.document(text, 'text'), options);
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

  async upsertEntry(input: UpsertEntryInput): Promise<EntryChange> {
    const name = validate.entryName(input.name, 'input.name');
    const slug = input.slug == null ? slugify(name) : validate.slug(input.slug, 'input.slug');
    if (!slug) throw badInput('"input.name" needs a letter or digit to make a slug from.', { argument: 'input.name' });
    const aliases = input.aliases == null ? null : validate.aliases(input.aliases, name, 'input.aliases');
    const summary = input.summary === undefined ? undefined : input.summary === null ? null : validate.paragraph(input.summary, 'input.summary', LIMITS.summary);

    const { result } = await this.writes.write(async (change) => {
      const { tx } = change;
      const existing = await repository.readEntry(tx, slug);
      const namesakes = await repository.entriesNamed(tx, name, slug);
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
      if (existing && sameEntryFields(existing, fields)) return { status: 'UNCHANGED', changed: false, entry: existing } as const;
      await change.namesWillChange({ renamed: slug });
      // Names appear in see-also labels and order.
      await change.entriesWillChange([slug]);
      const entry = await repository.writeEntry(tx, fields);
      return { status: existing ? 'UPDATED' : 'CREATED', changed: true, entry } as const;
    });
    return result;
  }

  async linkEntries(input: LinkInput, editor: string): Promise<LinkChange> {
    const { from, to, relation, lineageRelation } = this.linkArguments(input);
    const claimId = validate.globalId(input.claimId, 'Claim', 'claimId');

    const { result } = await this.writes.write(async (change) => {
      const { tx } = change;
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
      }
      return { changed, from: fromEntry, to: toEntry, relation, lineageRelation, claim };
    });
    return result;
  }

  async unlinkEntries(input: UnlinkInput): Promise<UnlinkChange> {
    const { from, to, relation, lineageRelation } = this.linkArguments(input, { lineageOptional: true });
    const { result } = await this.writes.write(async (change) => {
      const { tx } = change;
      const { fromEntry, toEntry } = await this.linkedEntries(tx, from, to, relation, { checkKinds: false });
      // Both ends' neighbourhoods hold every panel the link was part of, degrees included.
      if ((await repository.readLink(tx, from, to, relation, lineageRelation)) === null) return { changed: false, removed: 0, from: fromEntry, to: toEntry };
      await change.entriesWillChange([from, to]);
      const removed = await repository.deleteLinks(tx, from, to, relation, lineageRelation);
      change.relationsChanged();
      if (relation === 'TARGETS') change.targetsChanged([to]);
      return { changed: removed > 0, removed, from: fromEntry, to: toEntry };
    });
    return result;
  }

  async setSeeAlso(slugArgument: string, targetArguments: readonly string[], editor: string): Promise<{ changed: boolean; entry: EntryRecord }> {
    const slug = validate.slug(slugArgument, 'slug');
    const targets = validate.slugList(targetArguments, slug, 'targets', LIMITS.seeAlsoTargets);
    const { result } = await this.writes.write(async (change) => {
      const { tx } = change;
      const entry = await repository.readEntry(tx, slug);
      if (!entry) throw notFound(`The entry "${slug}"`);
      const missing = await repository.missingEntries(tx, targets);
      if (missing.length > 0) throw new AppError('NOT_FOUND', `No entry has the slug ${missing.slice(0, 10).map((s) => `"${s}"`).join(', ')}.`, { argument: 'targets' });
      const current = await repository.readSeeAlso(tx, slug);
      const unchanged =
        current.length === targets.length && current.every((link, i) => link.slug === targets[i] && link.curated && !link.fromArticle);
      if (unchanged) return { changed: false, entry };
      // Curated links count in the listing entry's panel only; marking its neighbourhood covers it.
      await change.entriesWillChange([slug]);
      await repository.replaceSeeAlso(tx, slug, targets, editor);
      change.relationsChanged();
      return { changed: true, entry };
    });
    return result;
  }

  async retractSource(id: string, reasonArgument: string, editor: string): Promise<SourceChange> {
    const key = validate.globalId(id, 'Source', 'id');
    const reason = validate.line(reasonArgument, 'reason', LIMITS.reason, 3);
    return this.graph.write(async (tx) => {
      const source = await repository.readSource(tx, key);
      if (!source) throw notFound(`The source "${id.slice(0, 100)}"`);
      if (source.retracted && source.retractionReason === reason) return { changed: false, source };
      return { changed: true, source: await repository.retractSource(tx, key, reason, editor) };
    });
  }

  /** Public: one upvote per client and entry. */
  async upvoteEntry(slugArgument: string, clientId: string): Promise<{ changed: boolean; entry: EntryRecord }> {
    await this.limiter.consume(clientId);
    const slug = validate.slug(slugArgument, 'slug');
    return this.graph.write(async (tx) => {
      if (!(await repository.readEntry(tx, slug))) throw notFound(`The entry "${slug}"`);
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
    return this.graph.write(async (tx) => {
      if (!(await repository.readEntry(tx, slug))) throw notFound(`The entry "${slug}"`);
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

  /** Editors: pending suggestions, oldest first. */
  async pendingRevisions(offset: number, limit: number): Promise<{ total: number; suggestions: RevisionSuggestionRecord[] }> {
    return this.graph.read((tx) => repository.pendingSuggestions(tx, offset, limit));
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

function sameEntryFields(entry: EntryRecord, fields: { name: string; kind: EntryKind; aliases: string[]; summary: string | null }): boolean {
  return (
    entry.name === fields.name &&
    entry.kind === fields.kind &&
    (entry.summary ?? null) === fields.summary &&
    entry.aliases.length === fields.aliases.length &&
    entry.aliases.every((alias, i) => alias === fields.aliases[i])
  );
}
