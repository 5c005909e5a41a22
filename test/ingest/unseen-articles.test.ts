import fs from 'node:fs';
import path from 'node:path';
import type { ParsedArticle, ParsedClaim } from '../../src/model/article';
import { parseArticle } from '../../src/ingest/parse-article';

/**
 * Four articles of the export format written by someone who had not read the
 * parser (a construct with 9 sources, a modality with 11, a problem-for-work
 * with 6, a modality with 14), as a new user's unseen articles would be. Each
 * expectation below is a reading they got wrong before (issue 13), kept as a
 * regression; all four must read without rejection and without a doubtful
 * SMART split.
 */

const read = (name: string): ParsedArticle => parseArticle(fs.readFileSync(path.join(__dirname, '../fixtures/unseen', name), 'utf8'));
const claimsOn = (article: ParsedArticle, line: number): ParsedClaim[] => article.sections.flatMap((s) => s.claims).filter((c) => c.line === line);

const ARTICLES = ['internal-working-model.wiki.txt', 'dialectical-behavior-therapy.wiki.txt', 'disorganized-attachment.wiki.txt', 'schema-therapy.wiki.txt'];
const ROUND_4 = ['compassion-focused-therapy.wiki.txt', 'dissociation.wiki.txt', 'epistemic-trust.wiki.txt'];

describe('unseen articles of the export format', () => {
  const articles = new Map(ARTICLES.map((name) => [name, read(name)]));
  const article = (name: string) => articles.get(name)!;

  it.each(ARTICLES)('%s reads whole, its SMART rows without doubt', (name) => {
    const parsed = article(name);
    expect(parsed.sections.length).toBeGreaterThan(8);
    expect(parsed.smartObjectives.length).toBeGreaterThanOrEqual(6);
    expect(parsed.smartObjectives.every((row) => row.goal && row.objective && row.mechanism)).toBe(true);
    expect(parsed.warnings.filter((w) => /SMART_ROW/.test(w.code))).toEqual([]);
  });

  // Three more, written for the evidence evaluation's fourth blind split by someone who had not read the evidence code.
  it.each(ROUND_4)('%s (unseen-4) reads whole, its SMART rows without doubt', (name) => {
    const parsed = parseArticle(fs.readFileSync(path.join(__dirname, '../fixtures/unseen-4', name), 'utf8'));
    expect(parsed.sections.length).toBeGreaterThan(8);
    expect(parsed.sources.length).toBeGreaterThanOrEqual(15);
    expect(parsed.smartObjectives.length).toBeGreaterThanOrEqual(5);
    expect(parsed.smartObjectives.every((row) => row.goal && row.objective && row.mechanism)).toBe(true);
    expect(parsed.warnings.filter((w) => /SMART_ROW/.test(w.code))).toEqual([]);
  });

  it('keeps one sentence whole across the periods of a quotation in parentheses', () => {
    const [claim, ...rest] = claimsOn(article('dialectical-behavior-therapy.wiki.txt'), 31).filter((c) => c.text.includes('STOP skill'));
    expect(rest).toEqual([]);
    expect(claim).toMatchObject({ provenance: 'CITED', sourceNumbers: [2], text: expect.stringContaining('(“Stop. Take a step back. Observe. Proceed mindfully.”) are designed') });
  });

  it('keeps a two-word acronym name in one column ("DEAR MAN")', () => {
    const row = article('dialectical-behavior-therapy.wiki.txt').smartObjectives.find((r) => r.goal === 'Strengthen interpersonal effectiveness');
    expect(row).toMatchObject({
      objective: 'Within 10 sessions, client will use DEAR MAN in 3 difficult requests and rate self-respect after each',
      mechanism: 'DEAR MAN scripts structure assertive requests',
    });
  });

  it('defines ABC as "Attachment and Biobehavioral Catch-up", not from "and"', () => {
    expect(article('disorganized-attachment.wiki.txt').definitions).toContainEqual(expect.objectContaining({ longForm: 'Attachment and Biobehavioral Catch-up', shortForm: 'ABC' }));
  });

  it('reads an abbreviation inside a key term as its alias', () => {
    expect(article('disorganized-attachment.wiki.txt').keyTerms).toContainEqual(
      expect.objectContaining({ term: 'Frightened/frightening behavior', aliases: ['FR'] }),
    );
  });

  it('reads an original/reprint year and a volume in a book title', () => {
    expect(article('internal-working-model.wiki.txt').sources[0]).toMatchObject({
      authors: ['Bowlby, J.'],
      year: 1969,
      title: expect.stringMatching(/^Attachment and Loss: Vol\. 1\. Attachment/),
    });
  });

  it('keeps a question title with its subtitle', () => {
    const taylor = article('schema-therapy.wiki.txt').sources.find((s) => s.citation.startsWith('Taylor'));
    expect(taylor?.title).toBe('Does schema therapy change schemas and symptoms? A systematic review across mental health disorders');
  });

  it('reads every sentence of an illustrative example as LLM, and no run-in label as a claim', () => {
    for (const parsed of articles.values()) {
      const claims = parsed.sections.flatMap((s) => s.claims);
      expect(claims.filter((c) => c.text.startsWith('LLM-generated illustrative example')).map((c) => c.provenance)).toEqual(['LLM']);
      expect(claims.map((c) => c.text)).not.toContain('Therapeutic framing.');
    }
  });
});
