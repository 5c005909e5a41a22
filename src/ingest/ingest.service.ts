import type { ManagedTransaction } from 'neo4j-driver';
import { CrossLinkMatcher, type LinkTarget } from '../cross-link/matcher';
import { nameKey } from '../cross-link/tokens';
import { buildEntryMatcher, buildMatcher, namedTargets, type Vocabulary } from '../cross-link/vocabulary';
import { bumpVocabularyVersion, readVocabulary } from '../cross-link/vocabulary.repository';
import { toLucenePhraseQueries } from '../graph/fulltext';
import { AppError, ArticleFormatError, badInput } from '../errors';
import type { Graph } from '../graph/graph';
import { markPanelsStale } from '../see-also/see-also.repository';
import type { ParsedArticle, ParsedClaim, ParseWarning } from './article';
import { deriveRelations } from './derive-relations';
import { entryKindOf } from './entry-kind';
import { claimId, contentHash, keyTermId, normaliseText, outsideReadingKey, slugify, smartObjectiveId, sourceKey } from './identity';
import * as repository from './ingest.repository';
import { parseArticle } from './parse-article';

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
}

/** A name whose links moved from one entry to another. */
export interface NameChange {
  name: string;
  from: string;
  to: string;
}

export interface ArticleIngestOptions {
  /** Refuse the article, writing nothing, when its parse has any warning. */
  strict?: boolean;
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
  constructor(
    private readonly graph: Graph,
    private readonly onVocabularyChanged: () => void = () => undefined,
  ) {}

  async ingestArticle(rawText: string, options: ArticleIngestOptions = {}): Promise<ArticleIngestReport> {
    if (rawText.length > MAX_ARTICLE_CHARS) throw badInput(`The article is longer than ${MAX_ARTICLE_CHARS} characters.`);
    const text = canonicalText(rawText);
    const article = parseArticle(text);
    if (options.strict && article.warnings.length > 0) throw strictRefusal(article.warnings);
    // The parser has warned of a kind it does not know; the article is still read, as a construct.
    const kind = entryKindOf(article.header.kind) ?? 'CONSTRUCT';
    const slug = slugify(article.title);
    if (!slug) throw new ArticleFormatError(5, 'the title has no letters or digits');
    const hash = contentHash(text);

    const report = await this.graph.write(async (tx) => {
      if ((await repository.readContentHash(tx, slug)) === hash) return unchangedReport(slug, article);
      const vocabulary = await readVocabulary(tx);
      const existed = vocabulary.entries.some((entry) => entry.slug === slug);
      const write = planArticleWrite(article, { slug, kind, hash }, vocabulary);
      // See-also panels around the article's old connections and around its new ones.
      await markPanelsStale(tx, [slug]);
      const previous = await repository.clearArticle(tx, slug);
      await repository.writeArticle(tx, write.article);
      const relinked = await relinkArticlesNaming(tx, vocabulary, { except: slug });
      await repository.refreshDegrees(
        tx,
        [...new Set([...previous.sourceKeys, ...write.article.sources.map((s) => s.key)])],
        [...new Set([...previous.termKeys, ...write.article.keyTerms.map((k) => k.key)])],
      );
      await markPanelsStale(tx, [slug]);
      await bumpVocabularyVersion(tx);
      return {
        slug,
        status: existed ? 'UPDATED' : 'CREATED',
        claims: write.article.claims.length,
        sources: write.article.sources.length,
        keyTerms: write.article.keyTerms.length,
        unresolvedSeeAlso: write.unresolvedSeeAlso,
        warnings: article.warnings,
        relinkedNames: relinked.nameChanges,
      } satisfies ArticleIngestReport;
    });
    if (report.status !== 'UNCHANGED') this.onVocabularyChanged();
    return report;
  }

  /** A text from outside the wiki: one T3 source holding the text, linked to what it names. */
  async ingestOutsideReading(input: OutsideReadingInput): Promise<OutsideReadingReport> {
    const title = input.title.trim();
    const text = canonicalText(input.text).trim();
    if (!title) throw badInput('An outside reading needs a title.');
    if (!text) throw badInput('The outside reading is empty.');
    if (text.length > MAX_ARTICLE_CHARS) throw badInput(`The text is longer than ${MAX_ARTICLE_CHARS} characters.`);
    const key = outsideReadingKey(title);

    const result = await this.graph.write(async (tx) => {
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
      return { key, status, mentions: mentions.mentionedEntries.length + mentions.mentionedKeyTerms.length };
    });
    if (result.status !== 'UNCHANGED') this.onVocabularyChanged();
    return result;
  }

  /** Entries the seeds name before any article about them exists. */
  async mergeStubEntries(stubs: repository.StubEntry[]): Promise<number> {
    const created = await this.graph.write(async (tx) => {
      const before = await readVocabulary(tx);
      const count = await repository.mergeStubEntries(tx, stubs);
      await relinkArticlesNaming(tx, before);
      await repository.refreshDegrees(tx, [], []);
      await markPanelsStale(tx, stubs.map((stub) => stub.slug));
      await bumpVocabularyVersion(tx);
      return count;
    });
    this.onVocabularyChanged();
    return created;
  }
}

function unchangedReport(slug: string, article: ParsedArticle): ArticleIngestReport {
  return {
    slug,
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

/** What an outside reading names, with how often. */
function readingMentions(text: string, matcher: CrossLinkMatcher): Pick<repository.OutsideReadingWrite, 'mentionedEntries' | 'mentionedKeyTerms'> {
  const spans = matcher.match(text);
  const entryCounts = countBy(spans.filter((s) => s.target.kind === 'ENTRY').map((s) => s.target.id));
  const termCounts = countBy(spans.filter((s) => s.target.kind === 'KEY_TERM').map((s) => s.target.id));
  return {
    mentionedEntries: [...entryCounts].map(([slug, count]) => ({ slug, count })),
    mentionedKeyTerms: [...termCounts].map(([id, count]) => ({ id, count })),
  };
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Decides every node and edge the article becomes; pure, so the write is one transaction of plain data. */
function planArticleWrite(
  article: ParsedArticle,
  self: { slug: string; kind: repository.EntryWrite['kind']; hash: string },
  graphVocabulary: Vocabulary,
): { article: repository.ArticleWrite; unresolvedSeeAlso: string[] } {
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
  const questionLines = new Set(article.reflectiveQuestions.map((q) => `${q.line}\u0000${q.text}`));
  const claims: Array<Omit<repository.ClaimWrite, 'mentionedEntries' | 'mentionedKeyTerms'>> = [];
  const addClaim = (claim: ParsedClaim, section: string, sectionIndex: number, role: repository.ClaimWrite['role']) => {
    const position = claims.length;
    claims.push({
      id: claimId(slug, position, claim.text),
      text: claim.text,
      provenance: claim.provenance,
      section,
      sectionIndex,
      position,
      role,
      sourceKeys: keysOf(claim.sourceNumbers),
    });
  };
  if (article.figure?.caption) addClaim(article.figure.caption, 'Figure', -1, 'CAPTION');
  article.sections.forEach((section, sectionIndex) => {
    for (const claim of section.claims) {
      addClaim(claim, section.heading, sectionIndex, questionLines.has(`${claim.line}\u0000${claim.text}`) ? 'QUESTION' : 'BODY');
    }
  });
  const links = linkArticle(slug, claims, article.seeAlso, vocabulary);
  const mentionsById = new Map(links.claims.map((c) => [c.id, c]));
  const unresolvedSeeAlso = article.seeAlso.filter((name) => !resolveEntryName(name, vocabulary));

  return {
    unresolvedSeeAlso,
    article: {
      entry: {
        slug,
        name: article.title,
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
      lineage: links.lineage,
      targets: links.targets,
      indicatedFor: links.indicatedFor,
      refersTo: links.refersTo,
      seeAlso: links.seeAlso,
    },
  };
}

/**
 * What each sentence names (entries and key terms), the relations that follow
 * from where it names them, and the entries its see-also lines name.
 */
function linkArticle(
  slug: string,
  claims: Array<{ id: string; text: string; section: string }>,
  seeAlsoNames: string[],
  vocabulary: Vocabulary,
): repository.ArticleLinks & { claims: Array<{ id: string; mentionedEntries: string[]; mentionedKeyTerms: string[] }> } {
  const matcher = buildMatcher(vocabulary);
  const linked = claims.map((claim) => {
    const spans = matcher.match(claim.text);
    return {
      ...claim,
      mentionedEntries: [...new Set(spans.filter((s) => s.target.kind === 'ENTRY').map((s) => s.target.id))],
      mentionedKeyTerms: [...new Set(spans.filter((s) => s.target.kind === 'KEY_TERM').map((s) => s.target.id))],
    };
  });
  const kindBySlug = new Map(vocabulary.entries.map((e) => [e.slug, e.kind]));
  const relations = deriveRelations(
    slug,
    linked.map((c) => ({ id: c.id, section: c.section, text: c.text, entrySlugs: c.mentionedEntries })),
    (other) => kindBySlug.get(other),
  );
  const seeAlso = [...new Set(seeAlsoNames.map((name) => resolveEntryName(name, vocabulary)).filter((s): s is string => !!s && s !== slug))];
  return { claims: linked, ...relations, seeAlso };
}

/** The entry a see-also line names: by its name or alias (a name beats an alias), else by its slug. */
function resolveEntryName(name: string, vocabulary: Vocabulary): string | undefined {
  const target = buildEntryMatcher(vocabulary).targetOf(name);
  if (target) return target.id;
  const slug = slugify(name);
  return vocabulary.entries.find((entry) => entry.slug === slug)?.slug;
}

/**
 * Which target every name of either vocabulary links to, before and after a
 * write: the names whose target changed (new, gone, or taken by an article's
 * own name from another entry's alias).
 */
function changedNames(before: Vocabulary, after: Vocabulary): { names: string[]; moves: NameChange[] } {
  const beforeTargets = namedTargets(before);
  const afterTargets = namedTargets(after);
  const beforeMatcher = CrossLinkMatcher.build(beforeTargets);
  const afterMatcher = CrossLinkMatcher.build(afterTargets);
  const names = new Map<string, string>();
  for (const { names: targetNames } of [...beforeTargets, ...afterTargets]) for (const name of targetNames) names.set(nameKey(name), name);
  const changed: string[] = [];
  const moves: NameChange[] = [];
  for (const [key, name] of names) {
    if (!key) continue;
    const from = beforeMatcher.targetOf(name);
    const to = afterMatcher.targetOf(name);
    if (sameTarget(from, to)) continue;
    changed.push(name);
    if (from?.kind === 'ENTRY' && to?.kind === 'ENTRY') moves.push({ name, from: from.id, to: to.id });
  }
  return { names: changed, moves };
}

const sameTarget = (a: LinkTarget | undefined, b: LinkTarget | undefined) => a?.kind === b?.kind && a?.id === b?.id;

/**
 * After a write that changed names (a stub, a new article, a new key term, an
 * abbreviation, a rename), every stored sentence and see-also line that
 * contains a name whose target changed is linked again, so the graph does not
 * depend on the order things were written in. Returns the re-linked articles
 * and the names that moved from one entry to another.
 */
export async function relinkArticlesNaming(
  tx: ManagedTransaction,
  before: Vocabulary,
  options: { except?: string; renamed?: string } = {},
): Promise<{ slugs: string[]; nameChanges: NameChange[] }> {
  const { except } = options;
  const after = await readVocabulary(tx);
  const changed = changedNames(before, after);
  // A renamed entry may have lost names: sentences that named it by an old one are re-checked too.
  const candidates = new Set<string>(options.renamed ? await repository.articlesMentioning(tx, options.renamed) : []);
  for (const query of toLucenePhraseQueries(changed.names)) {
    for (const slug of await repository.articlesPossiblyNaming(tx, query)) candidates.add(slug);
  }
  for (const slug of await repository.articlesListingSeeAlso(tx, changed.names.map(nameKey))) candidates.add(slug);
  candidates.delete(except ?? '');
  const slugs = [...candidates].sort();
  // A re-linked article may stop naming an entry as well as start: see-also panels around both are marked.
  await markPanelsStale(tx, slugs);
  for (const { slug, claims, seeAlsoNames } of await repository.readArticleClaims(tx, slugs)) {
    await repository.writeLinks(tx, slug, linkArticle(slug, claims, seeAlsoNames, after));
  }
  const firstWords = [...new Set(changed.names.map((name) => nameKey(name).split(' ')[0] ?? '').filter(Boolean))];
  const readings = await repository.readingsPossiblyNaming(tx, firstWords);
  const matcher = readings.length > 0 ? buildMatcher(after) : null;
  for (const reading of readings) await repository.writeReadingMentions(tx, { key: reading.key, ...readingMentions(reading.text, matcher!) });
  await markPanelsStale(tx, slugs);
  return { slugs, nameChanges: changed.moves };
}

function existingAliases(vocabulary: Vocabulary, slug: string): string[] {
  return vocabulary.entries.find((e) => e.slug === slug)?.aliases ?? [];
}
