import { nameKey } from '../cross-link/tokens';
import { buildMatcher, VocabularyIndex, type Vocabulary } from '../cross-link/vocabulary';
import { readVocabulary } from '../cross-link/vocabulary.repository';
import { AppError, ArticleFormatError, badInput } from '../errors';
import type { GraphChange, GraphWrites } from '../graph-changes/graph-change';
import type { NameChange } from '../graph-changes/relink';
import { linkArticle, readingMentions, resolveEntryName } from '../linking/link-article';
import { FIGURE_SECTION, type ParsedArticle, type ParsedClaim, type ParseWarning } from '../model/article';
import { entryKindOf } from './entry-kind';
import { claimId, contentHash, entryNameKey, keyTermId, normaliseText, outsideReadingKey, slugify, smartObjectiveId, sourceKey } from '../model/identity';
import * as repository from './ingest.repository';
import { parseArticle } from './parse-article';
import { alignSentences } from '../revisions/claim-alignment';
import type { SentenceChanges } from '../revisions/records';
import { currentSentences, existingClaimIds, retireClaims, type StoredSentence } from '../revisions/revisions.repository';

export type IngestStatus = 'CREATED' | 'UPDATED' | 'UNCHANGED';

export interface ArticleIngestReport {
  slug: string;
  status: IngestStatus;
  claims: number;
  sources: number;
  keyTerms: number;
  /** See-also names that match no entry, so no link was made (yet: a later entry of that name gets the link). */
  unresolvedSeeAlso: string[];
  /** The parse's doubtful readings; stored with the entry until the article is ingested without them. */
  warnings: ParseWarning[];
  /** Names that linked to another entry and now link elsewhere (an article's name beats an alias). */
  relinkedNames: NameChange[];
  /** The entry's current revision after the ingest (the one it recorded, unless UNCHANGED). */
  revision: number;
}

export type { NameChange };

export interface ArticleIngestOptions {
  /** Refuse the article, writing nothing, when its parse has any warning. */
  strict?: boolean;
  /** Refuse with CONFLICT, writing nothing, unless the entry is at this revision (0: it must not exist yet). */
  expectedRevision?: number | null;
  /** The revision's note. */
  note?: string | null;
  /** Who the revision is by: an editor's token subject; `seed` or `import` for bulk paths. */
  author?: string;
}

/** How an article write is recorded: a save (ARTICLE) or the restore of an earlier revision (REVERT). */
export interface ArticleRevision {
  action: 'ARTICLE' | 'REVERT';
  note: string | null;
  revertedTo?: number;
}

export interface OutsideReadingInput {
  title: string;
  text: string;
  url?: string | null;
}

export interface OutsideReadingReport {
  key: string;
  status: IngestStatus;
  mentions: number;
}

const MAX_ARTICLE_CHARS = 2_000_000;

/** Normalises line endings so the same article saved on Windows is the same article. */
const canonicalText = (text: string) => text.replace(/\r\n?/g, '\n');

/**
 * Turns wiki article exports and outside readings into graph writes: parse
 * (nothing written on a format error), resolve names against the graph's
 * vocabulary, derive relations, then write the whole article in one transaction.
 */
export class IngestService {
  constructor(private readonly writes: GraphWrites) {}

  async ingestArticle(rawText: string, options: ArticleIngestOptions = {}): Promise<ArticleIngestReport> {
    if (rawText.length > MAX_ARTICLE_CHARS) throw badInput(`The article is longer than ${MAX_ARTICLE_CHARS} characters.`);
    const text = canonicalText(rawText);
    const article = parseArticle(text);
    if (options.strict && article.warnings.length > 0) throw strictRefusal(article.warnings);
    const { result, consequences } = await this.writes.write(
      (change) => this.writeArticle(change, text, article, { expectedRevision: options.expectedRevision, revision: { action: 'ARTICLE', note: options.note ?? null } }),
      options.author ?? 'import',
    );
    return { ...result, relinkedNames: consequences.nameChanges, revision: consequences.revisions.get(result.slug) ?? result.revision };
  }

  /**
   * Writes a parsed article inside a write (an ingest, or a revert restoring
   * an earlier text): takes the entry's lock, compares the text with what is
   * stored, aligns the new sentences with the old (src/revisions/claim-alignment.ts)
   * so that unchanged ones keep their claims and edited ones become new
   * versions of theirs, and declares the revision.
   */
  async writeArticle(
    change: GraphChange,
    text: string,
    article: ParsedArticle,
    options: { expectedRevision?: number | null; revision: ArticleRevision },
  ): Promise<ArticleIngestReport> {
    // The parser has warned of a kind it does not know; the article is still read, as a construct.
    const kind = entryKindOf(article.header.kind) ?? 'CONSTRUCT';
    const slug = slugify(article.title);
    if (!slug) throw new ArticleFormatError(5, 'the title has no letters or digits');
    const hash = contentHash(text);
    const { tx } = change;

    const { revision: current, created } = await change.lockEntry(slug, options.expectedRevision, { create: true });
    if ((await repository.readContentHash(tx, slug)) === hash) return unchangedReport(slug, article, current);
    const vocabulary = await change.namesWillChange({ linkedByTheWrite: slug });
    const previous = await currentSentences(tx, slug);
    const takenIds = await existingClaimIds(tx, articleSentences(article).map((sentence, position) => claimId(slug, position, sentence.claim.text)));
    const write = planArticleWrite(article, { slug, kind, hash, revision: current + 1, previous, takenIds }, vocabulary);
    await change.entriesWillChange([slug]);
    const cleared = await repository.clearArticle(tx, slug);
    await retireClaims(tx, write.retiredClaimIds, current + 1);
    const written = await repository.writeArticle(tx, write.article);
    change.sourcesChanged([...cleared.sourceKeys, ...write.article.sources.map((s) => s.key)]);
    change.sourceRecordsChanged(written.sourceRecordsChanged);
    change.termsChanged([...cleared.termKeys, ...write.article.keyTerms.map((k) => k.key)]);
    change.revised(slug, { ...options.revision, changes: write.changes, article: { hash, text } });
    return {
      slug,
      status: created ? 'CREATED' : 'UPDATED',
      claims: write.article.claims.length,
      sources: write.article.sources.length,
      keyTerms: write.article.keyTerms.length,
      unresolvedSeeAlso: write.unresolvedSeeAlso,
      warnings: article.warnings,
      relinkedNames: [],
      revision: current + 1,
    };
  }

  /** A text from outside the wiki: one T3 source holding the text, linked to what it names. */
  async ingestOutsideReading(input: OutsideReadingInput): Promise<OutsideReadingReport> {
    const title = input.title.trim();
    const text = canonicalText(input.text).trim();
    if (!title) throw badInput('An outside reading needs a title.');
    if (!text) throw badInput('The outside reading is empty.');
    if (text.length > MAX_ARTICLE_CHARS) throw badInput(`The text is longer than ${MAX_ARTICLE_CHARS} characters.`);
    const key = outsideReadingKey(title);

    // A reading changes no name nor relation: nothing follows from it but its own mentions.
    const { result } = await this.writes.write(async (change) => {
      const { tx } = change;
      const vocabulary = await readVocabulary(tx);
      const mentions = readingMentions(text, buildMatcher(vocabulary));
      const status = await repository.writeOutsideReading(tx, {
        key,
        title,
        url: input.url ?? null,
        text,
        contentHash: contentHash(`${title}\n${input.url ?? ''}\n${text}`),
        ...mentions,
      });
      if (status !== 'UNCHANGED') change.readingChanged(key);
      return { key, status, mentions: mentions.mentionedEntries.length + mentions.mentionedKeyTerms.length };
    });
    return result;
  }

  /** Entries the seeds name before any article about them exists; each created or given aliases gets a revision. */
  async mergeStubEntries(stubs: repository.StubEntry[], author = 'seed'): Promise<number> {
    const { result } = await this.writes.write(async (change) => {
      const slugs = [...new Set(stubs.map((stub) => stub.slug))].sort();
      for (const slug of slugs) await change.lockEntry(slug);
      await change.namesWillChange();
      await change.entriesWillChange(slugs);
      const merged = await repository.mergeStubEntries(change.tx, stubs.map((stub) => ({ ...stub, nameKey: entryNameKey(stub.name) })));
      for (const slug of merged.changed) change.revised(slug, { action: 'FIELDS', note: 'Stub entry from the seeds' });
      return merged.created;
    }, author);
    return result;
  }
}

function unchangedReport(slug: string, article: ParsedArticle, revision: number): ArticleIngestReport {
  return {
    slug,
    revision,
    status: 'UNCHANGED',
    claims: countClaims(article),
    sources: article.sources.length,
    keyTerms: article.keyTerms.length,
    unresolvedSeeAlso: [],
    warnings: article.warnings,
    relinkedNames: [],
  };
}

/** `--strict`: every warning refuses the article; the first few are named. */
function strictRefusal(warnings: ParseWarning[]): AppError {
  const named = warnings.slice(0, 3).map((w) => `line ${w.line}: ${w.message}`);
  const more = warnings.length > named.length ? ` (and ${warnings.length - named.length} more)` : '';
  return new AppError('INVALID_ARTICLE', `Refused in strict mode: ${warnings.length} doubtful reading${warnings.length === 1 ? '' : 's'}. ${named.join('; ')}${more}`, {
    warnings: warnings.map(({ line, code, message }) => ({ line, code, message })),
  });
}

const countClaims = (article: ParsedArticle) =>
  article.sections.reduce((sum, section) => sum + section.claims.length, article.figure?.caption ? 1 : 0);

/** The article's sentences in reading order: the figure caption, then each section's (reflective questions marked). */
function articleSentences(article: ParsedArticle): Array<{ claim: ParsedClaim; section: string; sectionIndex: number; role: repository.ClaimWrite['role'] }> {
  const questionLines = new Set(article.reflectiveQuestions.map((q) => `${q.line}\u0000${q.text}`));
  const sentences: Array<{ claim: ParsedClaim; section: string; sectionIndex: number; role: repository.ClaimWrite['role'] }> = [];
  if (article.figure?.caption) sentences.push({ claim: article.figure.caption, section: FIGURE_SECTION, sectionIndex: -1, role: 'CAPTION' });
  article.sections.forEach((section, sectionIndex) => {
    for (const claim of section.claims) {
      sentences.push({ claim, section: section.heading, sectionIndex, role: questionLines.has(`${claim.line}\u0000${claim.text}`) ? 'QUESTION' : 'BODY' });
    }
  });
  return sentences;
}

/** Decides every node and edge the article becomes; pure, so the write is one transaction of plain data. */
function planArticleWrite(
  article: ParsedArticle,
  self: { slug: string; kind: repository.EntryWrite['kind']; hash: string; revision: number; previous: StoredSentence[]; takenIds: ReadonlySet<string> },
  graphVocabulary: Vocabulary,
): { article: repository.ArticleWrite; unresolvedSeeAlso: string[]; retiredClaimIds: string[]; changes: SentenceChanges } {
  const { slug } = self;
  const sourceKeyByNumber = new Map(article.sources.map((source) => [source.number, sourceKey(source)]));
  const keysOf = (numbers: number[]) => numbers.map((n) => sourceKeyByNumber.get(n)!).filter(Boolean);

  const keyTerms = article.keyTerms.map((term, position) => ({
    id: keyTermId(slug, term.term),
    key: normaliseText(term.term),
    term: term.term,
    aliases: term.aliases,
    definition: term.definition,
    position,
    sourceKeys: keysOf(term.sourceNumbers),
  }));

  // The article's own entry and key terms replace whatever an earlier version had.
  const vocabulary: Vocabulary = {
    entries: [
      ...graphVocabulary.entries.filter((e) => e.slug !== slug),
      { slug, name: article.title, kind: self.kind, aliases: existingAliases(graphVocabulary, slug), definitions: article.definitions },
    ],
    keyTerms: [
      ...graphVocabulary.keyTerms.filter((k) => !k.id.startsWith(`${slug}/t/`)),
      ...keyTerms.map((k) => ({ id: k.id, term: k.term, aliases: k.aliases })),
    ],
  };
  const sentences = articleSentences(article).map((sentence) => ({ ...sentence, sourceKeys: keysOf(sentence.claim.sourceNumbers) }));
  // Unchanged sentences keep their claims; edited ones are new versions of theirs.
  const alignment = alignSentences(
    self.previous,
    sentences.map(({ claim, sourceKeys }) => ({ text: claim.text, sourceKeys })),
  );
  const claims: Array<Omit<repository.ClaimWrite, 'mentionedEntries' | 'mentionedKeyTerms'>> = sentences.map((sentence, position) => {
    const continued = alignment.next[position]!;
    const predecessor = continued.status === 'ADDED' ? null : self.previous[continued.previous]!;
    const fresh = claimId(slug, position, sentence.claim.text);
    const id = continued.status === 'KEPT' ? predecessor!.id : self.takenIds.has(fresh) ? claimId(slug, position, sentence.claim.text, self.revision) : fresh;
    return {
      id,
      lineage: predecessor?.lineage ?? id,
      isNew: continued.status !== 'KEPT',
      revision: self.revision,
      text: sentence.claim.text,
      provenance: sentence.claim.provenance,
      section: sentence.section,
      sectionIndex: sentence.sectionIndex,
      position,
      role: sentence.role,
      sourceKeys: sentence.sourceKeys,
    };
  });
  const retiredClaimIds = [
    ...alignment.next.flatMap((c) => (c.status === 'CHANGED' ? [self.previous[c.previous]!.id] : [])),
    ...alignment.removed.map((index) => self.previous[index]!.id),
  ];
  const index = new VocabularyIndex(vocabulary);
  const links = linkArticle(slug, claims, article.seeAlso, index);
  const mentionsById = new Map(links.claims.map((c) => [c.id, c]));
  const unresolvedSeeAlso = article.seeAlso.filter((name) => !resolveEntryName(name, index));

  return {
    unresolvedSeeAlso,
    retiredClaimIds,
    changes: alignment.counts,
    article: {
      entry: {
        slug,
        name: article.title,
        nameKey: entryNameKey(article.title),
        kind: self.kind,
        aliases: [],
        summary: article.summary,
        discipline: article.header.discipline,
        tradition: article.header.tradition,
        upvotes: article.upvotes,
        figureDescription: article.figure?.description ?? null,
        provenance: article.provenance,
        contentHash: self.hash,
        seeAlsoNames: article.seeAlso,
        seeAlsoKeys: article.seeAlso.map(nameKey),
        definitions: article.definitions.map(({ longForm, shortForm }) => ({ longForm, shortForm })),
        warnings: article.warnings.map((warning) => JSON.stringify(warning)),
      },
      sections: article.sections.map((s) => s.heading),
      sources: article.sources.map((source) => ({
        key: sourceKeyByNumber.get(source.number)!,
        number: source.number,
        title: source.title,
        authors: source.authors,
        year: source.year,
        venue: source.venue,
        tier: source.tier,
        url: source.url,
        doi: source.doi,
        citation: source.citation,
      })),
      claims: claims.map((claim) => ({ ...claim, ...mentionsById.get(claim.id)! })),
      keyTerms,
      smartObjectives: article.smartObjectives.map((row, position) => ({
        id: smartObjectiveId(slug, position, row.goal),
        goal: row.goal,
        objective: row.objective,
        mechanism: row.mechanism,
        position,
        sourceKeys: keysOf(row.sourceNumbers),
      })),
      relations: links.relations,
      seeAlso: links.seeAlso,
    },
  };
}

function existingAliases(vocabulary: Vocabulary, slug: string): string[] {
  return vocabulary.entries.find((e) => e.slug === slug)?.aliases ?? [];
}
