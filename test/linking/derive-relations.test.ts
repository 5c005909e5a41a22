import type { EntryKind } from '../../src/model/kinds';
import { deriveRelations, type DerivedRelation, type MentioningClaim } from '../../src/linking/derive-relations';
import { lineageRelationOf } from '../../src/model/relations';

/** The derived relations grouped by type, each with the fields its type uses. */
function grouped(relations: DerivedRelation[]) {
  const ofType = (type: string) => relations.filter((relation) => relation.type === type);
  return {
    lineage: ofType('LINEAGE').map(({ to, claimId, relation }) => ({ to, claimId, relation })),
    targets: ofType('TARGETS').map(({ to, claimId }) => ({ to, claimId })),
    indicatedFor: ofType('INDICATED_FOR').map(({ to, claimId }) => ({ to, claimId })),
    refersTo: ofType('REFERS_TO').map(({ to, count }) => ({ to, count })),
  };
}
const derive = (...args: Parameters<typeof deriveRelations>) => grouped(deriveRelations(...args));

const SELF = 'earned-security';

const KINDS: Record<string, EntryKind> = {
  'earned-security': 'CONSTRUCT',
  'attachment-theory': 'CONSTRUCT',
  'mentalization-based-treatment': 'MODALITY',
  'mary-main': 'PERSON',
  'adult-attachment-interview': 'INSTRUMENT',
  'insecure-attachment': 'PROBLEM_FOR_WORK',
  'expectant-parents': 'POPULATION',
};
const kindOf = (slug: string): EntryKind | undefined => KINDS[slug];

let nextId = 1;
const claim = (section: string, entrySlugs: string[], text = 'It draws on them.'): MentioningClaim => ({
  id: `c${nextId++}`,
  section,
  text,
  entrySlugs,
});

beforeEach(() => {
  nextId = 1;
});

describe('lineageRelationOf', () => {
  it.each([
    ['Earned security grows directly out of attachment theory.', 'grows out of'],
    ['It grew out of the Berkeley studies.', 'grows out of'],
    ['The construct derives from the AAI coding system.', 'grows out of'],
    ['It is rooted in Bowlby’s work.', 'grows out of'],
    ['The idea originated in Main’s lab.', 'originates in'],
    ['The term originates from longitudinal research.', 'originates in'],
    ['It sits alongside reflective functioning.', 'sits alongside'],
    ['The construct parallels the notion of resilience.', 'sits alongside'],
    ['Roisman and colleagues extended the category.', 'extends'],
    ['The model extends mentalization theory.', 'extends'],
    ['It synthesises developmental and clinical findings.', 'synthesised in'],
  ])('reads %j as "%s"', (sentence, relation) => {
    expect(lineageRelationOf(sentence)).toBe(relation);
  });

  it('says "draws on" when no phrase is found', () => {
    expect(lineageRelationOf('Mary Main developed the Adult Attachment Interview.')).toBe('draws on');
    expect(lineageRelationOf('')).toBe('draws on');
  });

  it('takes the first phrase in its list, not in the sentence', () => {
    expect(lineageRelationOf('Extended by later work, it grows out of attachment theory.')).toBe('grows out of');
  });

  it('matches whole words only', () => {
    expect(lineageRelationOf('It is an extendable frame.')).toBe('draws on');
  });
});

describe('deriveRelations', () => {
  it('derives nothing from no claims', () => {
    expect(derive(SELF, [], kindOf)).toEqual({ lineage: [], targets: [], indicatedFor: [], refersTo: [] });
  });

  it('derives lineage from the lineage section, with the relation its sentence names', () => {
    const relations = derive(
      SELF,
      [claim('Creators & Lineage', ['attachment-theory'], 'Earned security grows directly out of attachment theory.')],
      kindOf,
    );
    expect(relations.lineage).toEqual([{ to: 'attachment-theory', claimId: 'c1', relation: 'grows out of' }]);
  });

  it.each(['Creators & Lineage', 'Origins', 'History', 'Roots of the idea', 'Creators'])('treats "%s" as a lineage section', (section) => {
    expect(derive(SELF, [claim(section, ['attachment-theory'])], kindOf).lineage).toHaveLength(1);
  });

  it('derives no lineage from other sections', () => {
    const relations = derive(SELF, [claim('Core Principles', ['attachment-theory', 'mary-main'])], kindOf);
    expect(relations.lineage).toEqual([]);
  });

  it('derives lineage to constructs, modalities, people and instruments only', () => {
    const relations = derive(
      SELF,
      [
        claim('Creators & Lineage', [
          'attachment-theory',
          'mentalization-based-treatment',
          'mary-main',
          'adult-attachment-interview',
          'insecure-attachment',
          'expectant-parents',
        ]),
      ],
      kindOf,
    );
    expect(relations.lineage.map((relation) => relation.to)).toEqual([
      'attachment-theory',
      'mentalization-based-treatment',
      'mary-main',
      'adult-attachment-interview',
    ]);
  });

  it('derives targets only to problems for work named in the problems-for-work section', () => {
    const relations = derive(
      SELF,
      [
        claim('Problems-for-Work', ['insecure-attachment', 'attachment-theory', 'expectant-parents']),
        claim('Core Principles', ['insecure-attachment']),
      ],
      kindOf,
    );
    expect(relations.targets).toEqual([{ to: 'insecure-attachment', claimId: 'c1' }]);
  });

  it.each(['Problems-for-Work', 'Problems for work', 'Presenting problems', 'Targets'])('treats "%s" as a targets section', (section) => {
    expect(derive(SELF, [claim(section, ['insecure-attachment'])], kindOf).targets).toHaveLength(1);
  });

  it('derives no target from a problem named outside the problems-for-work section', () => {
    expect(derive(SELF, [claim('Evidence Base', ['insecure-attachment'])], kindOf).targets).toEqual([]);
  });

  it('derives indications only to populations named in the populations section', () => {
    const relations = derive(
      SELF,
      [
        claim('Populations & Indications', ['expectant-parents', 'insecure-attachment', 'mary-main']),
        claim('Evidence Base', ['expectant-parents']),
      ],
      kindOf,
    );
    expect(relations.indicatedFor).toEqual([{ to: 'expectant-parents', claimId: 'c1' }]);
  });

  it('derives no indication from a population named outside the populations section', () => {
    expect(derive(SELF, [claim('Core Principles', ['expectant-parents'])], kindOf).indicatedFor).toEqual([]);
  });

  it('keeps the first claim that establishes a relation', () => {
    const relations = derive(
      SELF,
      [
        claim('Creators & Lineage', ['attachment-theory'], 'It extends attachment theory.'),
        claim('Creators & Lineage', ['attachment-theory'], 'It grows out of attachment theory.'),
        claim('Problems-for-Work', ['insecure-attachment']),
        claim('Problems-for-Work', ['insecure-attachment']),
        claim('Populations & Indications', ['expectant-parents']),
        claim('Populations & Indications', ['expectant-parents']),
      ],
      kindOf,
    );
    expect(relations.lineage).toEqual([{ to: 'attachment-theory', claimId: 'c1', relation: 'extends' }]);
    expect(relations.targets).toEqual([{ to: 'insecure-attachment', claimId: 'c3' }]);
    expect(relations.indicatedFor).toEqual([{ to: 'expectant-parents', claimId: 'c5' }]);
  });

  it('keeps a lineage claim found after the entry was first named elsewhere', () => {
    const relations = derive(
      SELF,
      [claim('Core Principles', ['attachment-theory']), claim('Creators & Lineage', ['attachment-theory'], 'It grew out of it.')],
      kindOf,
    );
    expect(relations.lineage).toEqual([{ to: 'attachment-theory', claimId: 'c2', relation: 'grows out of' }]);
  });

  it('ignores the article naming its own entry', () => {
    const relations = derive(
      SELF,
      [claim('Creators & Lineage', [SELF, 'attachment-theory', SELF]), claim('Core Principles', [SELF])],
      kindOf,
    );
    expect(relations.lineage.map((relation) => relation.to)).toEqual(['attachment-theory']);
    expect(relations.refersTo).toEqual([{ to: 'attachment-theory', count: 1 }]);
  });

  it('counts the claims that name an entry, not how often they name it', () => {
    const relations = derive(
      SELF,
      [
        claim('Core Principles', ['adult-attachment-interview', 'adult-attachment-interview', 'adult-attachment-interview']),
        claim('Evidence Base', ['adult-attachment-interview', 'mary-main']),
        claim('Evidence Base', ['mary-main', 'mary-main']),
      ],
      kindOf,
    );
    expect(relations.refersTo).toEqual([
      { to: 'adult-attachment-interview', count: 2 },
      { to: 'mary-main', count: 2 },
    ]);
  });

  it('refers to entries that also have a typed relation', () => {
    const relations = derive(SELF, [claim('Problems-for-Work', ['insecure-attachment'])], kindOf);
    expect(relations.targets).toHaveLength(1);
    expect(relations.refersTo).toEqual([{ to: 'insecure-attachment', count: 1 }]);
  });

  it('derives no typed relation to an entry of unknown kind, but still counts it as referred to', () => {
    const relations = derive(
      SELF,
      [
        claim('Creators & Lineage', ['not-an-entry']),
        claim('Problems-for-Work', ['not-an-entry']),
        claim('Populations & Indications', ['not-an-entry']),
      ],
      kindOf,
    );
    expect(relations.lineage).toEqual([]);
    expect(relations.targets).toEqual([]);
    expect(relations.indicatedFor).toEqual([]);
    expect(relations.refersTo).toEqual([{ to: 'not-an-entry', count: 3 }]);
  });

  it('lists relations in the order the article first establishes them', () => {
    const relations = derive(
      SELF,
      [claim('Creators & Lineage', ['mary-main']), claim('Creators & Lineage', ['attachment-theory', 'mary-main'])],
      kindOf,
    );
    expect(relations.lineage.map((relation) => relation.to)).toEqual(['mary-main', 'attachment-theory']);
  });
});

describe('sections that only look like indications', () => {
  it('does not read a population named under "Contraindications" as an indication', () => {
    const relations = derive(
      'earned-security',
      [{ id: 'c1', section: 'Contraindications, Cautions & Cultural Humility', text: 'Not for expectant parents in crisis.', entrySlugs: ['expectant-parents'] }],
      () => 'POPULATION',
    );
    expect(relations.indicatedFor).toEqual([]);
  });
});
