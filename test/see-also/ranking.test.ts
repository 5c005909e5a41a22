import {
  adamicAdar,
  labelOf,
  rank,
  shortAuthors,
  weightOf,
  type Connection,
  type ReasonKind,
} from '../../src/see-also/ranking';

const SELF = 'Earned Security';

/** A connection from Earned Security to a candidate; override what the test is about. */
const connection = (overrides: Partial<Connection> & { kind: ReasonKind }): Connection => ({
  slug: 'attachment-theory',
  name: 'Attachment theory',
  direction: null,
  degree: null,
  via: null,
  ...overrides,
});

const curated = (slug: string, name: string, rankInList = 0) =>
  connection({ slug, name, kind: 'CURATED', direction: 'OUTGOING', via: { label: '', rank: rankInList } });

const sharedSource = (slug: string, name: string, degree: number, label = 'Steele & Steele (2008)', tier: string | null = 'T1') =>
  connection({ slug, name, kind: 'SHARED_SOURCE', degree, via: { label, tier } });

const mentions = (slug: string, name: string, direction: 'OUTGOING' | 'INCOMING' = 'OUTGOING') =>
  connection({ slug, name, kind: 'MENTIONS', direction });

describe('adamicAdar', () => {
  it('gives 1/ln 2 (about 1.44) to a neighbour only the two entries share', () => {
    expect(adamicAdar(2)).toBeCloseTo(1 / Math.LN2, 10);
    expect(adamicAdar(2)).toBeCloseTo(1.4427, 4);
  });

  it('gives a hub shared by 1,000 entries a small weight', () => {
    expect(adamicAdar(1000)).toBeCloseTo(0.1448, 4);
  });

  it('decreases as the neighbour is shared more widely', () => {
    expect(adamicAdar(3)).toBeLessThan(adamicAdar(2));
    expect(adamicAdar(50)).toBeLessThan(adamicAdar(10));
    expect(adamicAdar(400)).toBeLessThan(0.17);
  });

  it('treats degrees below 2 as 2 instead of dividing by ln 1 = 0 or going negative', () => {
    expect(adamicAdar(1)).toBe(adamicAdar(2));
    expect(adamicAdar(0)).toBe(adamicAdar(2));
    expect(Number.isFinite(adamicAdar(1))).toBe(true);
  });
});

describe('weightOf', () => {
  it('weighs the first curated entry 4', () => {
    expect(weightOf(curated('mbt', 'Mentalization-Based Treatment', 0))).toBe(4);
  });

  it('weighs each later curated entry 0.01 less', () => {
    expect(weightOf(curated('mbt', 'MBT', 1))).toBeCloseTo(3.99, 10);
    expect(weightOf(curated('mbt', 'MBT', 10))).toBeCloseTo(3.9, 10);
  });

  it('stops the curated decay at rank 50', () => {
    expect(weightOf(curated('mbt', 'MBT', 50))).toBeCloseTo(3.5, 10);
    expect(weightOf(curated('mbt', 'MBT', 500))).toBeCloseTo(3.5, 10);
  });

  it('weighs a curated entry without a rank as the first', () => {
    expect(weightOf(connection({ kind: 'CURATED', via: null }))).toBe(4);
  });

  it('gives stated relations fixed weights', () => {
    expect(weightOf(connection({ kind: 'LINEAGE', direction: 'OUTGOING' }))).toBe(2);
    expect(weightOf(connection({ kind: 'TARGETS', direction: 'OUTGOING' }))).toBe(1.5);
    expect(weightOf(connection({ kind: 'INDICATED_FOR', direction: 'OUTGOING' }))).toBe(1.5);
    expect(weightOf(connection({ kind: 'MENTIONS', direction: 'OUTGOING' }))).toBe(1);
  });

  it('scales a shared source by its evidence tier', () => {
    const t1 = weightOf(sharedSource('a', 'A', 2, 'X (2000)', 'T1'));
    expect(t1).toBeCloseTo(adamicAdar(2), 10);
    expect(weightOf(sharedSource('a', 'A', 2, 'X (2000)', 'T2'))).toBeCloseTo(adamicAdar(2) * 0.85, 10);
    expect(weightOf(sharedSource('a', 'A', 2, 'X (2000)', 'T3'))).toBeCloseTo(adamicAdar(2) * 0.7, 10);
  });

  it('treats a shared source without a tier, or with an unknown one, as T3', () => {
    const t3 = adamicAdar(5) * 0.7;
    expect(weightOf(sharedSource('a', 'A', 5, 'X (2000)', null))).toBeCloseTo(t3, 10);
    expect(weightOf(sharedSource('a', 'A', 5, 'X (2000)', 'T9'))).toBeCloseTo(t3, 10);
  });

  it('treats a shared source with no degree as shared by two entries', () => {
    expect(weightOf(connection({ kind: 'SHARED_SOURCE', degree: null, via: { label: 'X', tier: 'T1' } }))).toBeCloseTo(adamicAdar(2), 10);
  });

  it('weighs shared problems and terms by rarity alone', () => {
    expect(weightOf(connection({ kind: 'SHARED_PROBLEM', degree: 7, via: { label: 'Insecure attachment' } }))).toBeCloseTo(adamicAdar(7), 10);
    expect(weightOf(connection({ kind: 'SHARED_TERM', degree: 3, via: { label: 'Coherence of mind' } }))).toBeCloseTo(adamicAdar(3), 10);
  });
});

describe('labelOf', () => {
  it('labels a curated entry by the candidate name', () => {
    expect(labelOf(curated('mbt', 'Mentalization-Based Treatment'), SELF)).toBe(
      'Editors list Mentalization-Based Treatment under See also',
    );
  });

  it('labels outgoing lineage as "self <relation> candidate"', () => {
    const lineage = connection({ kind: 'LINEAGE', direction: 'OUTGOING', via: { label: '', relation: 'grows out of' } });
    expect(labelOf(lineage, SELF)).toBe('Earned Security grows out of Attachment theory');
  });

  it('labels incoming lineage the other way round', () => {
    const lineage = connection({
      slug: 'earned-security',
      name: 'Earned Security',
      kind: 'LINEAGE',
      direction: 'INCOMING',
      via: { label: '', relation: 'grows out of' },
    });
    expect(labelOf(lineage, 'Attachment theory')).toBe('Earned Security grows out of Attachment theory');
  });

  it('says "draws on" when the lineage has no relation', () => {
    expect(labelOf(connection({ kind: 'LINEAGE', direction: 'OUTGOING', via: null }), SELF)).toBe(
      'Earned Security draws on Attachment theory',
    );
  });

  it('labels targets and indications in both directions', () => {
    const ptsd = { slug: 'complex-ptsd', name: 'Complex PTSD' };
    expect(labelOf(connection({ ...ptsd, kind: 'TARGETS', direction: 'OUTGOING' }), SELF)).toBe('Earned Security targets Complex PTSD');
    expect(labelOf(connection({ ...ptsd, kind: 'TARGETS', direction: 'INCOMING' }), SELF)).toBe('Complex PTSD targets Earned Security');

    const parents = { slug: 'expectant-parents', name: 'Expectant parents' };
    expect(labelOf(connection({ ...parents, kind: 'INDICATED_FOR', direction: 'OUTGOING' }), SELF)).toBe(
      'Earned Security is indicated for Expectant parents',
    );
    expect(labelOf(connection({ ...parents, kind: 'INDICATED_FOR', direction: 'INCOMING' }), SELF)).toBe(
      'Expectant parents is indicated for Earned Security',
    );
  });

  it('labels mentions by whose article does the mentioning', () => {
    expect(labelOf(mentions('aai', 'Adult Attachment Interview', 'OUTGOING'), SELF)).toBe(
      'The article on Earned Security mentions Adult Attachment Interview',
    );
    expect(labelOf(mentions('aai', 'Adult Attachment Interview', 'INCOMING'), SELF)).toBe(
      'The article on Adult Attachment Interview mentions Earned Security',
    );
  });

  it('labels a shared source with its tier when known', () => {
    expect(labelOf(sharedSource('a', 'A', 3, 'Steele & Steele (2008)', 'T2'), SELF)).toBe('Both cite Steele & Steele (2008), T2');
    expect(labelOf(sharedSource('a', 'A', 3, 'Steele & Steele (2008)', null), SELF)).toBe('Both cite Steele & Steele (2008)');
  });

  it('labels shared problems and shared terms', () => {
    expect(labelOf(connection({ kind: 'SHARED_PROBLEM', degree: 3, via: { label: 'Insecure attachment' } }), SELF)).toBe(
      'Both target Insecure attachment',
    );
    expect(labelOf(connection({ kind: 'SHARED_TERM', degree: 3, via: { label: 'Coherence of mind' } }), SELF)).toBe(
      'Both define “Coherence of mind”',
    );
  });
});

describe('shortAuthors', () => {
  it('gives the family name of a single author', () => {
    expect(shortAuthors(['Roisman, G. I.'])).toBe('Roisman');
  });

  it('joins two family names with an ampersand', () => {
    expect(shortAuthors(['Steele, H.', 'Steele, M.'])).toBe('Steele & Steele');
  });

  it('abbreviates three or more authors to "et al."', () => {
    expect(shortAuthors(['Roisman, G. I.', 'Padrón, E.', 'Sroufe, L. A.'])).toBe('Roisman et al.');
    expect(shortAuthors(['Roisman, G. I.', 'Padrón, E.', 'Sroufe, L. A.', 'Egeland, B.'])).toBe('Roisman et al.');
  });

  it('keeps an organisation name (no comma) whole', () => {
    expect(shortAuthors(['American Psychiatric Association'])).toBe('American Psychiatric Association');
    expect(shortAuthors(['World Health Organization', 'Fonagy, P.'])).toBe('World Health Organization & Fonagy');
  });

  it('gives an empty string when there are no usable names', () => {
    expect(shortAuthors([])).toBe('');
    expect(shortAuthors(['', '  '])).toBe('');
  });
});

describe('rank', () => {
  it('returns nothing for no connections', () => {
    expect(rank([], SELF)).toEqual([]);
  });

  it('groups connections by candidate and sums their weights', () => {
    const ranked = rank(
      [
        connection({ slug: 'attachment-theory', name: 'Attachment theory', kind: 'LINEAGE', direction: 'OUTGOING', via: { label: '', relation: 'grows out of' } }),
        mentions('aai', 'Adult Attachment Interview'),
        mentions('attachment-theory', 'Attachment theory'),
      ],
      SELF,
    );
    expect(ranked.map(({ slug, score }) => [slug, score])).toEqual([
      ['attachment-theory', 3],
      ['aai', 1],
    ]);
    expect(ranked[0]!.reasons.map((reason) => reason.kind)).toEqual(['LINEAGE', 'MENTIONS']);
  });

  it('rounds weights and scores to three decimals', () => {
    const [entry] = rank([sharedSource('aai', 'Adult Attachment Interview', 2, 'Main (1985)', 'T2')], SELF);
    expect(entry!.reasons[0]!.weight).toBe(1.226); // 1.4427 × 0.85 = 1.2263
    expect(entry!.score).toBe(1.226);
  });

  it('lists a candidate’s reasons heaviest first', () => {
    const [entry] = rank(
      [
        mentions('mbt', 'Mentalization-Based Treatment'),
        sharedSource('mbt', 'Mentalization-Based Treatment', 100, 'Fonagy et al. (2002)', 'T1'),
        curated('mbt', 'Mentalization-Based Treatment'),
        connection({ slug: 'mbt', name: 'Mentalization-Based Treatment', kind: 'LINEAGE', direction: 'INCOMING', via: { label: '', relation: 'extends' } }),
      ],
      SELF,
    );
    expect(entry!.reasons.map((reason) => reason.kind)).toEqual(['CURATED', 'LINEAGE', 'MENTIONS', 'SHARED_SOURCE']);
    expect(entry!.reasons.map((reason) => reason.weight)).toEqual([4, 2, 1, 0.217]);
  });

  it('orders reasons of equal weight by label', () => {
    const [entry] = rank(
      [mentions('aai', 'Adult Attachment Interview', 'OUTGOING'), mentions('aai', 'Adult Attachment Interview', 'INCOMING')],
      SELF,
    );
    expect(entry!.reasons.map((reason) => reason.label)).toEqual([
      'The article on Adult Attachment Interview mentions Earned Security',
      'The article on Earned Security mentions Adult Attachment Interview',
    ]);
    expect(entry!.score).toBe(2); // one per direction
  });

  it('lists a repeated reason once', () => {
    const [entry] = rank([mentions('aai', 'Adult Attachment Interview'), mentions('aai', 'Adult Attachment Interview')], SELF);
    expect(entry!.reasons).toEqual([
      { kind: 'MENTIONS', label: 'The article on Earned Security mentions Adult Attachment Interview', weight: 1 },
    ]);
  });

  it('sorts candidates by score, best first', () => {
    const ranked = rank(
      [
        mentions('aai', 'Adult Attachment Interview'),
        curated('mbt', 'Mentalization-Based Treatment'),
        connection({ slug: 'attachment-theory', name: 'Attachment theory', kind: 'LINEAGE', direction: 'OUTGOING' }),
      ],
      SELF,
    );
    expect(ranked.map((entry) => entry.slug)).toEqual(['mbt', 'attachment-theory', 'aai']);
  });

  it('breaks score ties by name, then by slug', () => {
    const ranked = rank(
      [
        mentions('zeta', 'Zeta'),
        mentions('alpha-2', 'Alpha'),
        mentions('beta', 'Beta'),
        mentions('alpha-1', 'Alpha'),
      ],
      SELF,
    );
    expect(ranked.map((entry) => entry.slug)).toEqual(['alpha-1', 'alpha-2', 'beta', 'zeta']);
  });

  it('gives the same order whatever order the connections arrive in', () => {
    const connections = [
      mentions('zeta', 'Zeta'),
      mentions('alpha-2', 'Alpha'),
      sharedSource('beta', 'Beta', 4),
      mentions('alpha-1', 'Alpha'),
      curated('gamma', 'Gamma', 2),
      sharedSource('zeta', 'Zeta', 9, 'Other (2001)', 'T3'),
    ];
    const expected = rank(connections, SELF);
    expect(rank([...connections].reverse(), SELF)).toEqual(expected);
    expect(rank([connections[3]!, connections[0]!, connections[5]!, connections[1]!, connections[4]!, connections[2]!], SELF)).toEqual(expected);
  });

  it('ranks an entry sharing a rare source above one sharing a hub source', () => {
    const ranked = rank(
      [
        sharedSource('hub-sharer', 'Hub sharer', 900, 'Cassidy & Shaver (2016)', 'T1'),
        sharedSource('rare-sharer', 'Rare sharer', 2, 'Roisman et al. (2002)', 'T1'),
      ],
      SELF,
    );
    expect(ranked.map((entry) => entry.slug)).toEqual(['rare-sharer', 'hub-sharer']);
  });

  it('ranks a curated entry above one that shares several rare neighbours', () => {
    const ranked = rank(
      [
        sharedSource('neighbour', 'Neighbour', 2, 'A (2001)', 'T1'),
        connection({ slug: 'neighbour', name: 'Neighbour', kind: 'SHARED_PROBLEM', degree: 2, via: { label: 'Insecure attachment' } }),
        curated('curated', 'Curated'),
      ],
      SELF,
    );
    expect(ranked.map((entry) => entry.slug)).toEqual(['curated', 'neighbour']);
    expect(ranked[1]!.score).toBe(2.886);
  });

  it('returns slug, score and reasons only', () => {
    const [entry] = rank([mentions('aai', 'Adult Attachment Interview')], SELF);
    expect(Object.keys(entry!).sort()).toEqual(['reasons', 'score', 'slug']);
  });
});

describe('scores the panel can explain', () => {
  it('sums only the reasons it shows, so duplicate labels never inflate a score', () => {
    const shared = {
      slug: 'x',
      name: 'X',
      kind: 'SHARED_SOURCE' as const,
      direction: null,
      degree: 2,
      via: { label: 'Steele & Steele (2008)', tier: 'T1' },
    };
    const [ranked] = rank([shared, { ...shared }], 'Earned Security');
    expect(ranked!.reasons).toHaveLength(1);
    expect(ranked!.score).toBeCloseTo(ranked!.reasons[0]!.weight, 3);
  });
});
