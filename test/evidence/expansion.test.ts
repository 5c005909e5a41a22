import type { Vocabulary } from '../../src/cross-link/vocabulary';
import { StatementExpander, type Concept } from '../../src/evidence/expansion';
import { readSynonymList, type SynonymList } from '../../src/evidence/synonyms';

const vocabulary: Vocabulary = {
  entries: [
    { slug: 'mentalization', name: 'Mentalization', kind: 'CONSTRUCT', aliases: ['reflective functioning'], definitions: [] },
    {
      slug: 'reflective-functioning',
      name: 'Reflective Functioning',
      kind: 'CONSTRUCT',
      aliases: [],
      definitions: [{ longForm: 'Reflective Functioning Questionnaire', shortForm: 'RFQ' }],
    },
    { slug: 'mentalization-based-treatment', name: 'Mentalization-Based Treatment', kind: 'MODALITY', aliases: ['MBT'], definitions: [] },
    {
      slug: 'complex-ptsd',
      name: 'Complex PTSD',
      kind: 'PROBLEM_FOR_WORK',
      aliases: [],
      definitions: [
        { longForm: 'Complex post-traumatic stress disorder', shortForm: 'complex PTSD' },
        { longForm: 'Skills Training in Affective and Interpersonal Regulation', shortForm: 'STAIR' },
      ],
    },
    { slug: 'john-bowlby', name: 'John Bowlby', kind: 'PERSON', aliases: ['Bowlby'], definitions: [] },
  ],
  keyTerms: [{ id: 'reflective-functioning/t/reflective-functioning-questionnaire', term: 'Reflective Functioning Questionnaire', aliases: ['RFQ'] }],
};
const definitions = new Map([['reflective-functioning/t/reflective-functioning-questionnaire', 'a brief self-report measure of certainty and uncertainty about mental states']]);
const list: SynonymList = {
  groups: [
    { topic: 'authorship', terms: ['create', 'develop', 'coin', 'propose', 'come up with'] },
    { topic: 'family violence', terms: ['domestic violence', 'intimate partner violence'] },
  ],
  abbreviations: [
    { short: 'RF', long: 'reflective functioning' },
    { short: 'PTSD', long: 'post-traumatic stress disorder' },
    { short: 'BPD', long: 'borderline personality disorder' },
  ],
};
const expander = StatementExpander.build(vocabulary, definitions, list);

const texts = (concept: Concept) => concept.alternatives.map((a) => a.text);
const byTerm = (statement: string) => Object.fromEntries(expander.expand(statement).concepts.map((c) => [c.term, c]));

describe('StatementExpander', () => {
  it('expands a name to every name of the same thing: aliases and the abbreviations articles define', () => {
    const { MBT, RFQ } = byTerm('is MBT or the RFQ valid');
    expect(texts(MBT!)).toEqual(['Mentalization-Based Treatment', 'MBT', 'MentalizationBased Treatment']);
    expect(MBT!.articles).toEqual([{ slug: 'mentalization-based-treatment', name: 'Mentalization-Based Treatment' }]);
    expect(texts(RFQ!)).toEqual(expect.arrayContaining(['Reflective Functioning Questionnaire', 'RFQ']));
    expect(RFQ!.alternatives.every((a) => a.kind === 'NAME' && a.strength === 1)).toBe(true);
  });

  it('knows a hyphenated name typed with a space or without the hyphen', () => {
    for (const typed of ['mentalization based treatment', 'Mentalization-based treatment', 'mentalizationbased treatment']) {
      expect(expander.expand(typed).concepts.map((c) => c.articles[0]?.slug)).toEqual(['mentalization-based-treatment']);
    }
    expect(expander.expand('complex posttraumatic stress disorder').articleSlugs).toEqual(['complex-ptsd']);
  });

  it('gives a name to its strongest holder only: an entry’s own name beats a stub’s alias', () => {
    const rf = byTerm('reflective functioning')['reflective functioning']!;
    expect(rf.articles).toEqual([{ slug: 'reflective-functioning', name: 'Reflective Functioning' }]);
    expect(texts(byTerm('mentalization').mentalization!)).toEqual(['Mentalization']);
  });

  it('makes names of pairs that name nothing in the graph, from articles and from the curated list', () => {
    expect(texts(byTerm('what is STAIR').STAIR!)).toEqual(['Skills Training in Affective and Interpersonal Regulation', 'STAIR']);
    expect(texts(byTerm('BPD').BPD!)).toEqual(['borderline personality disorder', 'BPD']);
    // RF names nothing itself, reflective functioning does: RF joins that entry's names.
    expect(byTerm('how is RF coded').RF!.articles).toEqual([{ slug: 'reflective-functioning', name: 'Reflective Functioning' }]);
  });

  it('brings a key term’s definition', () => {
    expect(byTerm('RFQ').RFQ!.definition).toEqual({
      keys: ['brief', 'self', 'report', 'measur', 'certainti', 'uncertainti'],
      text: 'a brief self-report measure of certainty and uncertainty about mental states',
    });
  });

  it('expands words and phrases of the synonym list, the typed form first and strongest', () => {
    const { coined, 'came up with': cameUpWith } = byTerm('who coined or came up with it');
    expect(texts(coined!)).toEqual(['coined', 'create', 'develop', 'propose', 'come up with']);
    expect(coined!.alternatives.map((a) => a.strength)).toEqual([1, 0.75, 0.75, 0.75, 0.75]);
    expect(cameUpWith!.alternatives[0]).toMatchObject({ kind: 'WORD', keys: ['come', 'up', 'with'] });
    expect(texts(byTerm('domestic violence')['domestic violence']!)).toEqual(['domestic violence', 'intimate partner violence']);
  });

  it('gives a name that is also a word of the synonym list that word’s synonyms, below its own names', () => {
    const withNamesInTheList = StatementExpander.build(
      { entries: [{ slug: 'couples', name: 'Couples', kind: 'POPULATION', aliases: [], definitions: [] }], keyTerms: [] },
      new Map(),
      {
        groups: [
          { topic: 'couples', terms: ['couple', 'partner', 'spouse'] },
          { topic: 'family violence', terms: ['domestic violence', 'intimate partner violence'] },
        ],
        abbreviations: [{ short: 'DV', long: 'domestic violence' }],
      },
    );
    const concepts = Object.fromEntries(withNamesInTheList.expand('couples with domestic violence').concepts.map((c) => [c.term, c]));
    // A population's name, and an abbreviation's long form: names, with the list's words for them as synonyms.
    expect(concepts.couples!.alternatives.map((a) => [a.text, a.kind])).toEqual([
      ['Couples', 'NAME'],
      ['partner', 'SYNONYM'],
      ['spouse', 'SYNONYM'],
    ]);
    expect(concepts['domestic violence']!.alternatives.map((a) => [a.text, a.kind, a.strength])).toEqual([
      ['domestic violence', 'NAME', 1],
      ['DV', 'NAME', 1],
      ['intimate partner violence', 'SYNONYM', 0.75],
    ]);
  });

  it('takes a key term named like an entry for that entry: its other names (an abbreviation) name the entry', () => {
    const withKeyTermOfTheEntry = StatementExpander.build(
      {
        entries: [{ slug: 'internal-working-model', name: 'Internal Working Model', kind: 'CONSTRUCT', aliases: [], definitions: [] }],
        keyTerms: [{ id: 'internal-working-model/t/internal-working-model', term: 'Internal working model', aliases: ['IWM'] }],
      },
      new Map([['internal-working-model/t/internal-working-model', 'a mental representation of self and others']]),
      { groups: [], abbreviations: [] },
    );
    const [iwm, ...others] = withKeyTermOfTheEntry.expand('who came up with the IWM').concepts;
    expect(iwm).toMatchObject({ term: 'IWM', articles: [{ slug: 'internal-working-model', name: 'Internal Working Model' }] });
    expect(texts(iwm!)).toEqual(['Internal Working Model', 'IWM']);
    expect(others.map((c) => c.articles)).not.toContainEqual([{ slug: 'internal-working-model', name: 'Internal Working Model' }]);
    // Both names are one concept, counted once.
    expect(withKeyTermOfTheEntry.expand('the IWM (internal working model)').concepts.map((c) => c.term)).toEqual(['IWM']);
  });

  it('knows a name of several words typed loosely: any form of its words, one word inserted', () => {
    const mbt = 'mentalization-based-treatment';
    const terms = (statement: string) => expander.expand(statement).concepts.map((c) => [c.term, c.articles[0]?.slug ?? null]);
    expect(terms('is mentalization based group treatment effective')).toEqual([
      ['mentalization based group treatment', mbt],
      ['group', null],
      ['effective', null],
    ]);
    expect(terms('mentalization-based treatments')).toEqual([['mentalization-based treatments', mbt]]);
    expect(expander.expand('mentalization based group treatment').concepts[0]!.alternatives[0]!.text).toBe('Mentalization-Based Treatment');
    // Not two words inserted, nor a stop word ("complex and PTSD" is two things).
    expect(terms('mentalization based group family treatment').map(([, slug]) => slug)).not.toContain(mbt);
    expect(terms('complex and PTSD').map(([term]) => term)).toEqual(['PTSD', 'complex']);
  });

  it('knows a name of three or more words typed without its first word, where no other name is typed so', () => {
    const entry = (slug: string, name: string, definitions: Array<{ longForm: string; shortForm: string }> = []) => ({
      slug,
      name,
      kind: 'CONSTRUCT' as const,
      aliases: [],
      definitions,
    });
    const withLongNames = StatementExpander.build(
      {
        entries: [
          entry('internal-working-model', 'Internal Working Model'),
          entry('emotionally-focused-therapy', 'Emotionally Focused Therapy'),
          entry('dialectical-behavior-therapy', 'Dialectical Behavior Therapy'),
          entry('cognitive-behavior-therapy', 'Cognitive Behavior Therapy'),
          entry('bpd', 'Borderline Personality Disorder', [{ longForm: 'personality disorder', shortForm: 'PD' }]),
          { ...entry('ifs', 'Internal Family Systems'), aliases: ['Internal Family Systems Therapy'] },
          entry('adult-psychotherapy-clients', 'Adult psychotherapy clients'),
          entry('low-self-esteem', 'Low self-esteem'),
        ],
        keyTerms: [{ id: 'ifs/t/self-led-parts-work', term: 'Self-led parts work', aliases: [] }],
      },
      new Map(),
      { groups: [{ topic: 'efficacy', terms: ['effective', 'work', 'help'] }], abbreviations: [] },
      new Set(['internal-working-model', 'emotionally-focused-therapy', 'dialectical-behavior-therapy', 'cognitive-behavior-therapy', 'bpd', 'ifs', 'low-self-esteem']),
    );
    const terms = (statement: string) => withLongNames.expand(statement).concepts.map((c) => [c.term, c.articles[0]?.slug ?? c.alternatives[0]!.text]);
    // "working" is part of the name, not the efficacy group's "work".
    expect(terms('why is it called a working model')).toEqual([
      ['working model', 'internal-working-model'],
      ['called', 'called'],
    ]);
    expect(terms('are clients aware of their working models')[0]).toEqual(['working models', 'internal-working-model']);
    // Said as typed too: a sentence saying "a single working model" has it by name.
    expect(withLongNames.expand('why is it called a working model').concepts[0]!.alternatives.map((a) => [a.text, a.kind])).toEqual([
      ['Internal Working Model', 'NAME'],
      ['working model', 'NAME'],
    ]);
    // Shared by two names ("behavior therapy"), or a name of its own ("personality disorder"): not this one.
    expect(terms('is behavior therapy effective').map(([term]) => term)).toEqual(['behavior', 'therapy', 'effective']);
    expect(terms('personality disorder')).toEqual([['personality disorder', 'personality disorder']]);
    expect(withLongNames.expand('personality disorder').concepts[0]!.alternatives.map((a) => a.text)).toEqual(['personality disorder', 'PD']);
    // Not after a word joined to it by a hyphen: "trauma-focused therapy" is no Emotionally Focused Therapy.
    expect(terms('is trauma-focused therapy effective').map(([, named]) => named)).not.toContain('emotionally-focused-therapy');
    expect(terms('focused therapy for couples')[0]).toEqual(['focused therapy', 'emotionally-focused-therapy']);
    // Only an entry's own name, and only where it has an article: no alias, key term or stub; a hyphenated word is one word.
    const named = (statement: string) => withLongNames.expand(statement).concepts.filter((c) => c.weight === 1.5).map((c) => c.term);
    expect(named('family systems therapy')).toEqual(['family systems']);
    expect(named('parts work')).toEqual([]);
    expect(named('psychotherapy clients')).toEqual([]);
    expect(named('self-esteem in clients')).toEqual([]);
    expect(named('family systems')).toEqual(['family systems']);
    // Typed as it is, no word inserted.
    expect(terms('is working on a model').map(([, named]) => named)).not.toContain('internal-working-model');
    expect(terms('working mental model').map(([, named]) => named)).not.toContain('internal-working-model');
  });

  it('marks the words of a group a person’s possessive also says (authorship), and no other', () => {
    const withPossessive = StatementExpander.build(vocabulary, definitions, {
      groups: [{ topic: 'authorship', possessive: true, terms: ['found', 'develop'] }, { topic: 'criticism', terms: ['criticize', 'question'] }],
      abbreviations: [],
    });
    const concepts = withPossessive.expand('who founded or criticized MBT').concepts;
    expect(concepts.map((c) => [c.term, c.saidByPossessive])).toEqual([
      ['MBT', false],
      ['founded', true],
      ['criticized', false],
    ]);
  });

  it('keeps other words but stop and question words, each once', () => {
    expect(expander.expand('What does the trauma literature say about trauma?').concepts.map((c) => c.term)).toEqual(['trauma', 'literature', 'say']);
    expect(expander.expand('who is it and what').concepts).toEqual([]);
    expect(expander.expand('who is it and what').luceneQuery).toBeNull();
  });

  it('keeps terms whole when normalising changes the statement’s length (a ligature)', () => {
    expect(expander.expand('the ﬁrst to come up with it').concepts.map((c) => c.term)).toEqual(['first', 'come up with']);
  });

  it('counts a statement by its first 32 terms, however long it is', () => {
    const statement = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    expect(expander.expand(statement).concepts).toHaveLength(32);
  });

  it('writes a Lucene query of words and quoted phrases only, synonyms boosted down, spellings both ways', () => {
    const { luceneQuery } = expander.expand('who coined "stabilization" for MBT?');
    expect(luceneQuery).toBe(
      '"mentalization based treatment" coined stabilization stabilisation mbt "mentalizationbased treatment" create^0.5 develop^0.5 propose^0.5 "come up with"^0.5',
    );
  });

  it('lets no Lucene syntax through, however hostile the statement', () => {
    const { luceneQuery } = expander.expand('"a" AND (b OR c)~ ^2 \\ / : * ? + - ! { } [ ] && || NOT TO field:value');
    expect(luceneQuery).toMatch(/^[\p{L}\p{N}" .^]+$/u);
    expect(luceneQuery).not.toMatch(/\b(AND|OR|NOT|TO)\b/);
  });

  it('names the articles to search and the word beginnings that pick their sentences', () => {
    const expanded = expander.expand('who developed Mentalization-Based Treatment for borderline');
    expect(expanded.articleSlugs).toEqual(['mentalization-based-treatment']);
    expect(expanded.articleWords.slice(0, 2)).toEqual(['develop', 'borderlin']);
  });

  it('asks for a person when the question is who, and knows a wiki name that is not one', () => {
    const { answer } = expander.expand('who created MBT');
    expect(answer?.kind).toBe('PERSON');
    expect(answer!.has('It was developed by Sue Johnson and Les Greenberg.')).toBe(true);
    expect(answer!.has('John Bowlby’s attachment theory grounds it.')).toBe(true);
    expect(answer!.has('It extends Mentalization-Based Treatment and the Reflective Functioning Questionnaire.')).toBe(false);
    expect(expander.expand('does MBT work').answer).toBeNull();
  });

  it('builds from the curated list in seeds/ as it ships', () => {
    const shipped = StatementExpander.build(vocabulary, definitions, readSynonymList());
    const { concepts } = shipped.expand('who coined the term complex PTSD');
    expect(concepts.map((c) => c.term)).toEqual(['complex PTSD', 'coined', 'term']);
    expect(texts(concepts[0]!)).toEqual(expect.arrayContaining(['Complex post-traumatic stress disorder', 'CPTSD']));
    expect(texts(concepts[1]!)).toEqual(expect.arrayContaining(['propose', 'introduce', 'develop']));
  });

  it('says awareness, revision, how early and naming in the curated list’s words', () => {
    const shipped = StatementExpander.build(vocabulary, definitions, readSynonymList());
    const alternativesOf = (statement: string) => shipped.expand(statement).concepts.map(texts);
    expect(alternativesOf('aware')[0]).toEqual(expect.arrayContaining(['unconscious', 'automatic', 'implicit']));
    expect(alternativesOf('revise')[0]).toEqual(expect.arrayContaining(['update', 'change', 'shift']));
    expect(alternativesOf('how early')[0]).toEqual(expect.arrayContaining(['first year', 'onset']));
    expect(alternativesOf('why is it called that')[0]).toEqual(expect.arrayContaining(['word', 'term', 'phrase']));
  });

  it('names an article’s subject of two words typed the other way round, or by its first word alone in any form', () => {
    const entry = (slug: string, name: string, kind: 'CONSTRUCT' | 'PERSON' | 'MODALITY' = 'CONSTRUCT') => ({ slug, name, kind, aliases: [], definitions: [] });
    const withSubjects = StatementExpander.build(
      {
        entries: [
          entry('disorganized-attachment', 'Disorganized attachment'),
          entry('attachment-theory', 'Attachment theory'),
          entry('schema-therapy', 'Schema Therapy', 'MODALITY'),
          entry('earned-security', 'Earned Security'),
          entry('mary-main', 'Mary Main', 'PERSON'),
          entry('complex-ptsd', 'Complex PTSD'),
          entry('complex-trauma', 'Complex trauma'),
        ],
        keyTerms: [
          { id: 'disorganized-attachment/t/d', term: 'Disorganized/disoriented attachment', aliases: [] },
          { id: 'schema-therapy/t/schema', term: 'Schema', aliases: [] },
        ],
      },
      new Map(),
      { groups: [], abbreviations: [] },
      new Set(['disorganized-attachment', 'attachment-theory', 'schema-therapy', 'mary-main', 'complex-ptsd', 'complex-trauma']),
    );
    const named = (statement: string) =>
      withSubjects
        .expand(statement)
        .concepts.filter((c) => c.weight === 1.5)
        .map((c) => [c.term, c.articles[0]?.slug ?? null]);
    expect(named('what causes attachment disorganization')).toEqual([['attachment disorganization', 'disorganized-attachment']]);
    expect(named('can a clinician spot disorganization')).toEqual([['disorganization', 'disorganized-attachment']]);
    expect(named('what does a disorganised baby do')).toEqual([['disorganised', 'disorganized-attachment']]);
    expect(named('disorganized attachment in infants')).toEqual([['disorganized attachment', 'disorganized-attachment']]);
    expect(named('theory of attachment')).toEqual([]);
    // Said as typed too.
    expect(withSubjects.expand('attachment disorganization').concepts[0]!.alternatives.map((a) => a.text)).toEqual([
      'Disorganized attachment',
      'attachment disorganization',
    ]);
    // A first word other entries' names share, a person's first name, a stub's: no name.
    expect(named('is attachment inherited')).toEqual([]);
    expect(named('complex cases')).toEqual([]);
    expect(named('what did Mary say')).toEqual([]);
    expect(named('earned trust')).toEqual([]);
    // A first word that is a name of its own (the key term Schema) stays that name; nor after a hyphen, nor with a word between when reversed.
    expect(named('early schemas').map(([, slug]) => slug)).not.toContain('schema-therapy');
    expect(named('trauma-disorganization')).toEqual([]);
    expect(named('attachment and disorganization')).toEqual([['disorganization', 'disorganized-attachment']]);
    expect(named('the therapy schema of a client')).toEqual([['therapy schema', 'schema-therapy']]);
    // The first word alone names it only where nothing else in the statement does.
    expect(named('does disorganized attachment cause disorganization later')).toEqual([['disorganized attachment', 'disorganized-attachment']]);
    expect(withSubjects.expand('does disorganized attachment cause disorganization later').concepts.map((c) => c.term)).toContain('disorganization');
  });
});
