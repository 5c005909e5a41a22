import { connectionsByEntry, type ConnectionGroup } from '../../src/see-also/see-also.repository';

/** One group as the connections query returns it; override what the test is about. */
const group = (overrides: Partial<ConnectionGroup>): ConnectionGroup => ({
  self: 'earned-security',
  selfName: 'Earned Security',
  slugs: ['attachment-theory'],
  names: ['Attachment theory'],
  kind: 'MENTIONS',
  direction: 'OUTGOING',
  degree: null,
  relation: null,
  rank: null,
  tier: null,
  label: null,
  authors: null,
  year: null,
  ...overrides,
});

describe('connectionsByEntry', () => {
  it('gives each entry its connections, one per candidate of a shared neighbour', () => {
    const found = connectionsByEntry([
      group({}),
      group({ kind: 'SHARED_SOURCE', direction: null, slugs: ['mentalization', 'iwm'], names: ['Mentalization', 'Internal working model'], degree: 3 }),
    ]);
    expect(found.get('earned-security')?.connections.map(({ slug, kind }) => `${kind} ${slug}`)).toEqual([
      'MENTIONS attachment-theory',
      'SHARED_SOURCE mentalization',
      'SHARED_SOURCE iwm',
    ]);
  });

  // Seen in the soak: the see-also refresher failed ("reading 'label'" of an undefined relation) when a save
  // deleted a relation while the refresher read it, and Neo4j returned its type as null.
  it('leaves out a relation or an entry deleted while it was read (nulls), so ranking never meets them', () => {
    const found = connectionsByEntry([
      group({ kind: null }),
      group({ kind: 'SHARED_TERM', direction: null, slugs: [null, 'iwm'], names: [null, 'Internal working model'], degree: 2, label: 'coherence' }),
    ]);
    expect(found.get('earned-security')?.connections.map(({ slug, kind }) => `${kind} ${slug}`)).toEqual(['SHARED_TERM iwm']);
  });
});
