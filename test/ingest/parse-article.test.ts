import { readFileSync } from 'fs';
import * as path from 'path';
import { ArticleFormatError } from '../../src/errors';
import type { ParsedArticle, ParsedClaim } from '../../src/model/article';
import { parseArticle } from '../../src/ingest/parse-article';

const SAMPLE = readFileSync(path.join(__dirname, '../../seeds/articles/earned-security.wiki.txt'), 'utf8');
const SAMPLE_LINES = SAMPLE.split('\n');

const allClaims = (article: ParsedArticle): ParsedClaim[] => article.sections.flatMap((s) => s.claims);
const claimEndingWith = (article: ParsedArticle, ending: string): ParsedClaim => {
  const found = allClaims(article).filter((c) => c.text.endsWith(ending));
  expect(found).toHaveLength(1);
  return found[0] as ParsedClaim;
};

/** The sample with line `lineNumber` (1-based) rewritten. */
const withLine = (lineNumber: number, rewrite: (line: string) => string): string =>
  SAMPLE_LINES.map((line, i) => (i === lineNumber - 1 ? rewrite(line) : line)).join('\n');
const withoutLine = (lineNumber: number): string => SAMPLE_LINES.filter((_, i) => i !== lineNumber - 1).join('\n');

/** Runs the parser expecting an ArticleFormatError; returns it. */
function formatErrorOf(text: string): ArticleFormatError {
  try {
    parseArticle(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ArticleFormatError);
    return error as ArticleFormatError;
  }
  throw new Error('expected parseArticle to throw');
}

describe('parseArticle on the earned-security sample', () => {
  const article = parseArticle(SAMPLE);

  it('reads header, title, summary and upvotes', () => {
    expect(article.header).toEqual({ kind: 'construct', discipline: 'Developmental / clinical psychology', tradition: 'Attachment theory' });
    expect(article.title).toBe('Earned Security');
    expect(article.summary).toBe(
      'Earned security is the observation that adults with adverse attachment histories can nonetheless arrive at a coherent, secure state of mind, often through reflection or a corrective relationship. It is a well-established construct within attachment theory, though how it is measured remains contested.',
    );
    expect(article.upvotes).toBe(0);
  });

  it('reads the figure, its caption an LLM claim', () => {
    expect(article.figure?.description).toMatch(/^A flow diagram showing .* secure state of mind\.$/);
    expect(article.figure?.caption).toEqual({
      text: 'The route to earned security: an adverse history reworked through reflection and corrective relationships into an integrated, coherent secure state of mind.',
      provenance: 'LLM',
      sourceNumbers: [],
      line: 11,
    });
  });

  it('lists the body sections in order, Key Terms included (with no claims), Sources and See also not', () => {
    expect(article.sections.map((s) => s.heading)).toEqual([
      'Type & Discipline',
      'Creators & Lineage',
      'Core Principles',
      'Interventions & Techniques',
      'Evidence Base',
      'Populations & Indications',
      'Problems-for-Work',
      'Contraindications, Cautions & Cultural Humility',
      'Treatment-Plan Suggestions & SMART Objectives',
      'Common Misconceptions',
      'Training & Certification',
      'Key Terms',
      'Resources & Further Reading',
      'Reflective / Supervision Questions',
    ]);
    const claimCount = (heading: string) => article.sections.find((s) => s.heading === heading)?.claims.length;
    expect(claimCount('Key Terms')).toBe(0);
    expect(claimCount('Resources & Further Reading')).toBe(0);
    expect(claimCount('Type & Discipline')).toBe(5);
    // "Therapeutic framing." is the paragraph's run-in label, no claim.
    expect(claimCount('Treatment-Plan Suggestions & SMART Objectives')).toBe(2);
  });

  it('splits line 15 into five sentences with their provenance', () => {
    const line15 = allClaims(article).filter((c) => c.line === 15);
    expect(line15.map((c) => [c.provenance, c.sourceNumbers])).toEqual([
      ['LLM', []],
      ['CITED', [4]],
      ['CITED', [4]],
      ['CITED', [2]],
      ['LLM', []],
    ]);
    expect(line15[0]?.text).toBe('Earned security is a construct within attachment theory, not a treatment, a diagnosis, or a modality a clinician delivers.');
  });

  it('reads the run-together marker "42" as sources 4 and 2, and the tag after it', () => {
    const fringe = claimEndingWith(article, 'rather than a fringe idea.');
    expect(fringe).toMatchObject({ provenance: 'CITED', sourceNumbers: [4, 2], line: 39 });
    expect(fringe.text).toMatch(/^The earned-secure subtype is a long-standing part .* 2024 saw the first comprehensive scoping review/);
    expect(claimEndingWith(article, 'are not in doubt.')).toMatchObject({
      text: 'The construct’s standing and clinical usage are not in doubt.',
      provenance: 'LLM',
      sourceNumbers: [],
    });
  });

  it('leaves sentences without marker or tag UNMARKED', () => {
    const unmarked = allClaims(article).filter((c) => c.provenance === 'UNMARKED');
    expect(unmarked.map((c) => c.text)).toEqual(
      expect.arrayContaining([
        'On mechanism, the evidence is suggestive rather than conclusive.',
        'The intervention logic that follows centers on two mechanisms the construct implicates.',
        'These do not converge.',
      ]),
    );
    // An illustrative example's label ("LLM-generated …") speaks for all its sentences, not only the tagged last one.
    const example = allClaims(article).filter((c) => c.line === 35);
    expect(example.map((c) => c.provenance)).toEqual(['LLM', 'LLM', 'LLM']);
    expect(example[0]?.text).toBe('LLM-generated illustrative example (not a guideline): An adult who describes a cold, unpredictable childhood begins therapy narrating it in flat, dismissing terms (“It was fine, I don’t really remember”).');
  });

  it('keeps a question mark after the marker', () => {
    expect(claimEndingWith(article, 'predictable and safe?')).toMatchObject({ provenance: 'CITED', sourceNumbers: [6], line: 100 });
  });

  it('gives every claim text without its marker', () => {
    for (const claim of allClaims(article)) {
      expect(claim.text).not.toMatch(/\s(?:LLM|\d+)[.?!]?$/);
      expect(claim.text).toBe(claim.text.trim());
    }
  });

  it('collects the reflective questions, which are also claims of their section', () => {
    expect(article.reflectiveQuestions).toHaveLength(6);
    expect(article.reflectiveQuestions.map((q) => q.sourceNumbers)).toEqual([[1], [6], [5], [4], [5], [4]]);
    expect(article.reflectiveQuestions.every((q) => q.text.endsWith('?'))).toBe(true);
    expect(article.sections.at(-1)?.claims).toEqual(article.reflectiveQuestions);
  });

  it('reads the seven sources with their tiers', () => {
    expect(article.sources.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(article.sources.map((s) => s.tier)).toEqual(['T1', 'T1', 'T1', 'T2', 'T3', 'T3', 'T3']);
    expect(article.sources[0]).toEqual({
      number: 1,
      citation:
        'Roisman, G. I., Padrón, E., Sroufe, L. A., & Egeland, B. (2002). Earned-secure attachment status in retrospect and prospect. Child Development, 73(4), 1204-1219.',
      authors: ['Roisman, G. I.', 'Padrón, E.', 'Sroufe, L. A.', 'Egeland, B.'],
      year: 2002,
      title: 'Earned-secure attachment status in retrospect and prospect',
      venue: 'Child Development, 73(4), 1204-1219',
      tier: 'T1',
      url: null,
      doi: null,
    });
    expect(article.sources[3]).toMatchObject({
      authors: ['Steele, H.', 'Steele, M.'],
      year: 2008,
      title: 'Ten clinical uses of the Adult Attachment Interview',
      venue: 'In H. Steele & M. Steele (Eds.), Clinical Applications of the Adult Attachment Interview (pp. 3-30). Guilford Press',
    });
    expect(article.sources[5]).toMatchObject({
      authors: ['The Attachment Project'],
      year: null,
      title: 'From attachment insecurity to earned secure attachment',
      venue: null,
    });
    expect(article.sources[6]).toMatchObject({
      authors: ['LynnFraserStillpoint'],
      year: null,
      title: 'Earned Secure Attachment and Authenticity',
      venue: 'YouTube',
    });
  });

  it('reads the nine key terms with aliases and sources', () => {
    expect(article.keyTerms.map((k) => [k.term, k.aliases, k.sourceNumbers])).toEqual([
      ['Earned security', [], [4]],
      ['Earned-secure subtype', ['F3b'], [4]],
      ['Adult Attachment Interview', ['AAI'], [4]],
      ['Coherence of mind', [], [4]],
      ['Secure base / haven of safety', ['Secure base', 'haven of safety'], [4]],
      ['Corrective relational experience', [], [5]],
      ['Alternative support figures', [], [3]],
      ['Retrospective vs. prospective earned-security', [], [1]],
      ['Reflective capacity', [], [5]],
    ]);
    expect(article.keyTerms[6]?.definition).toBe(
      'non-parental sources of emotional support (e.g., grandparent, partner, therapist) associated with earned-security',
    );
  });

  it('splits the seven SMART rows into goal, objective and mechanism', () => {
    expect(article.smartObjectives).toHaveLength(7);
    expect(article.smartObjectives[0]).toMatchObject({
      goal: 'Build a coherent attachment narrative',
      objective:
        'Within 16 sessions, client will narrate 2 painful childhood episodes in a balanced way that names both the hurt and the context, without flooding or dismissing, in 2 consecutive sessions',
      mechanism: 'Targets the coherence that defines earned security',
      sourceNumbers: [4],
    });
    expect(article.smartObjectives[5]).toMatchObject({
      goal: 'Reduce risk of transmitting insecurity (parent)',
      objective:
        'Within 16 sessions, parent will process 1 unresolved loss or trauma narrative with reduced dysregulation and report 2 instances of steadier caregiving',
      mechanism: 'Coherence predicts next-generation security',
      sourceNumbers: [4],
    });
    expect(article.smartObjectives.map((o) => [o.goal, o.mechanism, o.sourceNumbers])).toEqual([
      ['Build a coherent attachment narrative', 'Targets the coherence that defines earned security', [4]],
      ['Establish the therapist as a secure base', 'Corrective relational experience', [6]],
      ['Strengthen reflective capacity', 'Reflective functioning supports secure functioning', [5]],
      ['Increase tolerance of safe closeness', 'Counters fear-within-closeness', [5]],
      ['Mobilize alternative support figures', 'Alternative support figures as a pathway to earned-security', [3]],
      ['Reduce risk of transmitting insecurity (parent)', 'Coherence predicts next-generation security', [4]],
      ['Revise negative self-perceptions', 'Positive sense of self in earned-secure adults', [6]],
    ]);
    const smartSection = article.sections.find((s) => /SMART/.test(s.heading));
    // The framing paragraph's run-in label ("Therapeutic framing.") is no claim.
    expect(smartSection?.claims.map((c) => c.provenance)).toEqual(['UNMARKED', 'LLM']);
  });

  it('reads the provenance line and an empty See also', () => {
    expect(article.provenance).toEqual({ model: 'claude-opus-4-8', version: '1.0', generatedAt: '2026-06-04', readMinutes: 24, statedSourceCount: 6 });
    expect(article.seeAlso).toEqual([]);
  });

  it('parses the same article with Windows line endings', () => {
    expect(parseArticle(SAMPLE.replace(/\n/g, '\r\n'))).toEqual(article);
  });
});

// ---------------------------------------------------------------------------
// A small article in the same format that nobody wrote the parser for.

const FIFTEEN_SOURCES = Array.from({ length: 15 }, (_, i) => {
  const n = i + 1;
  if (n === 3) return '  3. Dimidjian, S., Hollon, S. D., & Dobson, K. S. (2006). Randomized trial of behavioral activation. Journal of Consulting and Clinical Psychology, 74(4), 658-670. https://doi.org/10.1037/0022-006X.74.4.658 — linkT1';
  if (n === 9) return '  9. Ekers, D. (2014). Behavioural activation for depression. PLoS ONE, 9(6). doi:10.1371/journal.pone.0100100 — linkT1';
  return `  ${n}. Author${n}, A. (20${10 + n}). Study number ${n}. Journal ${n}, 1(1), 1-10. — linkT${(n % 3) + 1}`;
});

const SYNTHETIC_LINES = [
  'Therapy AlignedTM Clinical Wiki',
  '⚠︎ LLM-generated — verify before clinical use.',
  'Modality · Clinical psychology · Cognitive-behavioural',
  '',
  'Behavioural Activation',
  '',
  'Behavioural activation schedules valued activity. It counters avoidance.',
  '',
  '1,204 upvotes',
  '',
  'What It Is',
  '',
  'Behavioural activation targets avoidance 12. It was compared with cognitive therapy 42. Dimidjian et al. (2006) tested it against medication 3. Dr. Jacobson’s component analysis came first LLM. Across 24 trials the effect held through 2024.',
  '',
  'Mechanisms of Change',
  '',
  '  • Activity monitoring shows the link between mood and action 9.',
  '  • Scheduling builds contact with reward 15?',
  '',
  'Glossary',
  '',
  'Avoidance — behaviour that reduces short-term distress 1. Values - what the client cares about LLM.',
  '',
  'Questions for Supervision',
  '',
  '  • Am I scheduling what the client values 14?',
  '',
  'Sources',
  '',
  ...FIFTEEN_SOURCES,
  '',
  'See also',
  '',
  'Cognitive Behavioral Therapy',
  'Depression',
  '',
  'Provenance. Generated with model: test-model-2 · 3 min read · version 2.1 · 15 sources · last generated 2025-01-02.',
  '',
  'Suggest a revision',
  'Anything here is ignored 99.',
];
const SYNTHETIC = SYNTHETIC_LINES.join('\n');

describe('parseArticle on another article in the same format', () => {
  const article = parseArticle(SYNTHETIC);

  it('reads the front matter, lower-casing the kind', () => {
    expect(article.header).toEqual({ kind: 'modality', discipline: 'Clinical psychology', tradition: 'Cognitive-behavioural' });
    expect(article.title).toBe('Behavioural Activation');
    expect(article.upvotes).toBe(1204);
    expect(article.figure).toBeNull();
  });

  it('recognises headings by their shape, not by name', () => {
    expect(article.sections.map((s) => s.heading)).toEqual(['What It Is', 'Mechanisms of Change', 'Glossary', 'Questions for Supervision']);
  });

  it('reads a number within the source count as one source and splits only larger ones', () => {
    const claims = article.sections[0]?.claims ?? [];
    expect(claims.map((c) => [c.provenance, c.sourceNumbers])).toEqual([
      ['CITED', [12]],
      ['CITED', [4, 2]],
      ['CITED', [3]],
      ['LLM', []],
      ['UNMARKED', []],
    ]);
    expect(claims[2]?.text).toBe('Dimidjian et al. (2006) tested it against medication.');
    expect(claims[4]?.text).toBe('Across 24 trials the effect held through 2024.');
  });

  it('reads bullets as claims and the questions section by its heading', () => {
    expect(article.sections[1]?.claims.map((c) => [c.text, c.sourceNumbers])).toEqual([
      ['Activity monitoring shows the link between mood and action.', [9]],
      ['Scheduling builds contact with reward?', [15]],
    ]);
    expect(article.reflectiveQuestions).toEqual([{ text: 'Am I scheduling what the client values?', provenance: 'CITED', sourceNumbers: [14], line: 26 }]);
  });

  it('reads a glossary with em dash and hyphen separators', () => {
    expect(article.keyTerms).toEqual([
      { term: 'Avoidance', aliases: [], definition: 'behaviour that reduces short-term distress', sourceNumbers: [1] },
      { term: 'Values', aliases: [], definition: 'what the client cares about', sourceNumbers: [] },
    ]);
    expect(article.sections[2]).toEqual({ heading: 'Glossary', claims: [] });
  });

  it('reads DOIs in their printed forms', () => {
    expect(article.sources).toHaveLength(15);
    expect(article.sources[2]).toMatchObject({ doi: '10.1037/0022-006x.74.4.658', url: 'https://doi.org/10.1037/0022-006X.74.4.658', year: 2006 });
    expect(article.sources[8]).toMatchObject({ doi: '10.1371/journal.pone.0100100', url: null, venue: 'PLoS ONE, 9(6)' });
    expect(article.sources[10]).toMatchObject({ authors: ['Author11, A.'], year: 2021, title: 'Study number 11', tier: 'T3' });
  });

  it('reads See also names and provenance fields in any order, ignoring what follows', () => {
    expect(article.seeAlso).toEqual(['Cognitive Behavioral Therapy', 'Depression']);
    expect(article.provenance).toEqual({ model: 'test-model-2', version: '2.1', generatedAt: '2025-01-02', readMinutes: 3, statedSourceCount: 15 });
  });

  it('accepts See also names as bullets or on one separated line', () => {
    const bullets = parseArticle(SYNTHETIC.replace('Cognitive Behavioral Therapy\nDepression', '  • Cognitive Behavioral Therapy\n  • Depression'));
    const oneLine = parseArticle(SYNTHETIC.replace('Cognitive Behavioral Therapy\nDepression', 'Cognitive Behavioral Therapy · Depression'));
    expect(bullets.seeAlso).toEqual(['Cognitive Behavioral Therapy', 'Depression']);
    expect(oneLine.seeAlso).toEqual(['Cognitive Behavioral Therapy', 'Depression']);
  });

  it('reads upvote counts in their printed forms', () => {
    for (const [printed, count] of [['1 upvote', 1], ['0 upvotes', 0], ['1.2k upvotes', 1200], ['3K upvotes', 3000]] as const) {
      expect(parseArticle(SYNTHETIC.replace('1,204 upvotes', printed)).upvotes).toBe(count);
    }
  });

  it('accepts "1 upvote" and a missing warning line', () => {
    const variant = SYNTHETIC.replace('1,204 upvotes', '1 upvote').replace('⚠︎ LLM-generated — verify before clinical use.\n', '');
    const parsed = parseArticle(variant);
    expect(parsed.upvotes).toBe(1);
    expect(parsed.header.kind).toBe('modality');
  });
});

describe('parseArticle on a third layout: figure caption with a source, SMART table, empty resources', () => {
  const text = [
    'Some Other Clinical Wiki',
    '⚠︎ LLM-generated — verify before clinical use.',
    'problem for work · Clinical psychology',
    '',
    'Social Anxiety',
    '',
    'Social anxiety is a fear of scrutiny.',
    '',
    '7 upvotes',
    'A drawing of a person at a party.',
    'Avoidance keeps the fear going 2.',
    '',
    'Treatment Plan & SMART Goals',
    '',
    'Goal | SMART objective | Mechanism',
    'Reduce avoidance Within 8 weeks, client will complete 10 graded exposures SUDS-guided habituation 2',
    'Challenge predictions Over the next month, client will test 3 feared predictions using the Clark model Belief disconfirmation 1',
    'Build skills Client will rehearse 2 conversations per week Behavioural rehearsal LLM',
    '',
    'These objectives follow CBT practice 12.',
    '',
    'Further Reading',
    '',
    '▶ Listen — a podcast episode on this topic:',
    '',
    'Sources',
    '',
    '  1. Clark, D. M., & Wells, A. (1995). A cognitive model of social phobia. In R. G. Heimberg (Ed.), Social Phobia (pp. 69-93). Guilford. — link T2',
    '  2. NICE. Social anxiety disorder guideline CG159. [T1]',
    '',
    'Provenance. version 3 · 2 sources.',
  ].join('\n');
  const article = parseArticle(text);

  it('reads a two-field header, the figure caption as a cited claim and missing provenance fields as null', () => {
    expect(article.header).toEqual({ kind: 'problem for work', discipline: 'Clinical psychology', tradition: null });
    expect(article.figure).toEqual({
      description: 'A drawing of a person at a party.',
      caption: { text: 'Avoidance keeps the fear going.', provenance: 'CITED', sourceNumbers: [2], line: 11 },
    });
    expect(article.provenance).toEqual({ model: null, version: '3', generatedAt: null, readMinutes: null, statedSourceCount: 2 });
  });

  it('splits SMART rows with acronyms, proper nouns and no time phrase', () => {
    expect(article.smartObjectives).toMatchObject([
      {
        goal: 'Reduce avoidance',
        objective: 'Within 8 weeks, client will complete 10 graded exposures',
        mechanism: 'SUDS-guided habituation',
        sourceNumbers: [2],
      },
      {
        goal: 'Challenge predictions',
        objective: 'Over the next month, client will test 3 feared predictions using the Clark model',
        mechanism: 'Belief disconfirmation',
        sourceNumbers: [1],
      },
      { goal: 'Build skills', objective: 'Client will rehearse 2 conversations per week', mechanism: 'Behavioural rehearsal', sourceNumbers: [] },
    ]);
  });

  it('keeps the prose after the table as claims and the reading section without claims', () => {
    expect(article.sections).toEqual([
      { heading: 'Treatment Plan & SMART Goals', claims: [{ text: 'These objectives follow CBT practice.', provenance: 'CITED', sourceNumbers: [1, 2], line: 20 }] },
      { heading: 'Further Reading', claims: [] },
    ]);
  });

  it('reads sources with a spaced or bracketed tier', () => {
    expect(article.sources.map((s) => [s.tier, s.citation])).toEqual([
      ['T2', 'Clark, D. M., & Wells, A. (1995). A cognitive model of social phobia. In R. G. Heimberg (Ed.), Social Phobia (pp. 69-93). Guilford.'],
      ['T1', 'NICE. Social anxiety disorder guideline CG159.'],
    ]);
    expect(article.sources[1]).toMatchObject({ authors: ['NICE'], title: 'Social anxiety disorder guideline CG159' });
  });
});

// ---------------------------------------------------------------------------
// Malformed input: rejected only with no structure to read (issue 13); every
// other doubt is read the likeliest way and reported as a warning naming the line

const warningsOf = (text: string) => parseArticle(text).warnings;

describe('parseArticle on malformed input', () => {
  it('rejects an empty string at line 1', () => {
    expect(formatErrorOf('').message).toBe('line 1: expected the kind line "kind · discipline · tradition" near the top');
  });

  it('rejects an article without a kind line', () => {
    expect(formatErrorOf(withoutLine(3)).message).toBe('line 3: expected the kind line "kind · discipline · tradition" near the top');
    expect(formatErrorOf(withLine(3, () => 'construct and nothing else')).message).toMatch(/^line 3: expected the kind line/);
  });

  it('reads a kind line with the kind alone', () => {
    expect(parseArticle(withLine(3, () => 'Constructs')).header).toEqual({ kind: 'constructs', discipline: null, tradition: null });
  });

  it('rejects an article without a title', () => {
    expect(formatErrorOf(SAMPLE_LINES.slice(0, 4).join('\n')).message).toBe('line 5: expected the title');
  });

  it('rejects source markers when the article has no source list', () => {
    const noSources = SAMPLE_LINES.slice(0, 105).concat(SAMPLE_LINES.slice(117)).join('\n');
    expect(formatErrorOf(noSources).message).toBe('line 15: a sentence ends in source marker 4 but the article has no "Sources" list');
  });

  it('reads a missing upvotes line as 0 upvotes, with a warning', () => {
    const article = parseArticle(withLine(9, () => 'zero upvotes'));
    expect(article.upvotes).toBe(0);
    expect(article.warnings).toContainEqual(expect.objectContaining({ line: 9, code: 'DOUBTFUL_READING', reading: '0 upvotes' }));
  });

  it('rejects an article truncated before its source list, whose markers cannot be read', () => {
    expect(formatErrorOf(SAMPLE_LINES.slice(0, 40).join('\n')).message).toMatch(/^line \d+: a sentence ends in source marker \d+ but the article has no "Sources" list$/);
  });

  it('reads an article without the Provenance line, warning that it may be truncated', () => {
    const article = parseArticle(SAMPLE_LINES.slice(0, 116).join('\n'));
    expect(article.sources).toHaveLength(7);
    expect(article.warnings).toEqual([expect.objectContaining({ line: 116, message: 'the article ends without the Provenance line: it may be truncated' })]);
  });

  it('keeps a marker past the source list as text, with a warning', () => {
    const article = parseArticle(withLine(100, (line) => line.replace('safe 6?', 'safe 9?')));
    expect(allClaims(article).find((c) => c.line === 100 && c.text.includes('safe'))).toMatchObject({ provenance: 'UNMARKED', text: expect.stringMatching(/safe 9\?$/) });
    expect(article.warnings).toEqual([expect.objectContaining({ line: 100, code: 'NUMBER_NOT_MARKER', found: '9' })]);
  });

  it('reads a source without a tier as T3, with a warning', () => {
    const article = parseArticle(withLine(113, (line) => line.replace(/ — linkT3$/, '')));
    expect(article.sources[5]?.tier).toBe('T3');
    expect(article.warnings).toEqual([expect.objectContaining({ line: 113, message: 'source 6 has no evidence tier (T1, T2 or T3) at the end; read as T3, the lowest' })]);
  });

  it('keeps an unsplittable SMART row whole, with a warning', () => {
    const article = parseArticle(withLine(70, () => 'strengthen reflective capacity somehow 5'));
    expect(article.smartObjectives[2]).toMatchObject({ row: 'strengthen reflective capacity somehow 5', goal: '', objective: 'strengthen reflective capacity somehow', mechanism: '', sourceNumbers: [5] });
    expect(article.warnings).toEqual([expect.objectContaining({ line: 70, code: 'UNSPLIT_SMART_ROW' })]);
  });

  it('reads body text before the first heading as an untitled section, with a warning', () => {
    const text = SAMPLE_LINES.slice(0, 12).concat(['An orphan paragraph 4.', ''], SAMPLE_LINES.slice(12)).join('\n');
    const article = parseArticle(text);
    expect(article.sections[0]).toEqual({ heading: '', claims: [{ text: 'An orphan paragraph.', provenance: 'CITED', sourceNumbers: [4], line: 13 }] });
    expect(warningsOf(text)).toEqual([expect.objectContaining({ line: 13, reading: 'an untitled section' })]);
  });

  it('reads an unexpected section after the sources as a body section, with a warning', () => {
    const text = SAMPLE.replace('See also\n', 'Appendix\n');
    expect(parseArticle(text).sections.map((s) => s.heading)).toContain('Appendix');
    expect(warningsOf(text)).toEqual([expect.objectContaining({ line: 116, message: 'expected "See also" or the Provenance line after the sources, found "Appendix": read as a body section' })]);
  });

  it('gives no warnings for the sample', () => {
    expect(warningsOf(SAMPLE)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Fuzz: slices and mutations of the sample either parse or fail with ArticleFormatError

/** mulberry32: a small seeded PRNG, so a failure reproduces. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY_PIECES = ['·', '•', '\n', '\n\n', ' ', '.', '?', ' 9.', ' 42.', ' 0.', ' LLM', 'LLM.', ' T1', ' — link', '(', ')', '–', '“', '”', '\u0000', '\uFFFD', '😀', '\r', '  1. ', 'Sources', 'See also', 'Provenance. ', 'Goal SMART objective (example) Mechanism'];

function mutate(random: () => number, text: string): string {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const at = () => Math.floor(random() * (text.length + 1));
  const lines = text.split('\n');
  const lineAt = () => Math.floor(random() * lines.length);
  switch (Math.floor(random() * 8)) {
    case 0: {
      const [a, b] = [at(), at()].sort((x, y) => x - y);
      return text.slice(a, b);
    }
    case 1:
      return text.slice(0, at());
    case 2: {
      const i = at();
      return text.slice(0, i) + pick(NASTY_PIECES) + text.slice(i);
    }
    case 3: {
      const i = at();
      return text.slice(0, i) + text.slice(i + 1 + Math.floor(random() * 40));
    }
    case 4:
      lines.splice(lineAt(), 1);
      return lines.join('\n');
    case 5:
      lines.splice(lineAt(), 0, lines[lineAt()] ?? '');
      return lines.join('\n');
    case 6:
      return Array.from({ length: Math.floor(random() * 300) }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join('');
    default: {
      const chars = [...text];
      for (let k = 0; k < 20; k++) chars[Math.floor(random() * chars.length)] = pick(NASTY_PIECES);
      return chars.join('');
    }
  }
}

describe('parseArticle under fuzzing', () => {
  it('parses or throws ArticleFormatError naming a line, for 200 mutations of the sample', () => {
    const random = seededRandom(20260604);
    let parsed = 0;
    for (let round = 0; round < 200; round++) {
      let text = SAMPLE;
      const mutations = 1 + Math.floor(random() * 3);
      for (let m = 0; m < mutations; m++) text = mutate(random, text);
      try {
        parseArticle(text);
        parsed++;
      } catch (error) {
        if (!(error instanceof ArticleFormatError)) throw new Error(`round ${round}: ${String(error)}\n--- input ---\n${text.slice(0, 500)}`);
        expect(error.message).toMatch(/^line \d+: /);
        expect(error.line).toBeGreaterThanOrEqual(1);
      }
    }
    expect(parsed).toBeGreaterThan(0);
  });

  it('never crashes on odd strings', () => {
    for (const text of ['\n', '\uFEFF', '\u0000\u0001\u0002', 'Clinical Wiki', 'Clinical Wiki\n·\n', 'x'.repeat(100_000), '. '.repeat(50_000)]) {
      expect(() => parseArticle(text)).toThrow(ArticleFormatError);
    }
    expect(parseArticle('Clinical Wiki\n\nconstruct · a · b\n\nT\n\nS.\n\n0 upvotes\n\nProvenance.')).toMatchObject({ title: 'T', summary: 'S.', warnings: [] });
  });
});
