import {
  claimId,
  entryNameKey,
  contentHash,
  keyTermId,
  normaliseText,
  outsideReadingKey,
  slugify,
  smartObjectiveId,
  sourceKey,
} from '../../src/model/identity';

describe('slugify', () => {
  it('lower-cases and joins words with hyphens', () => {
    expect(slugify('Earned Security')).toBe('earned-security');
  });

  it('keeps existing hyphens', () => {
    expect(slugify('Mentalization-Based Treatment')).toBe('mentalization-based-treatment');
  });

  it('folds accents', () => {
    expect(slugify('Padrón')).toBe('padron');
    expect(slugify('Émotion Çà et là')).toBe('emotion-ca-et-la');
  });

  it('drops apostrophes, straight or curly, without splitting the word', () => {
    expect(slugify("Beck's Cognitive Therapy")).toBe('becks-cognitive-therapy');
    expect(slugify('O’Connor')).toBe('oconnor');
  });

  it('turns runs of punctuation and spaces into one hyphen, with none at the ends', () => {
    expect(slugify('  Secure base / haven of safety!  ')).toBe('secure-base-haven-of-safety');
    expect(slugify('Adult Attachment Interview (AAI)')).toBe('adult-attachment-interview-aai');
    expect(slugify('Type & Discipline')).toBe('type-discipline');
  });

  it('keeps digits and letters of other scripts', () => {
    expect(slugify('DSM-5 Criteria')).toBe('dsm-5-criteria');
    expect(slugify('Привязанность')).toBe('привязанность');
  });

  it('gives an empty slug for punctuation only', () => {
    expect(slugify(' — ')).toBe('');
  });
});

describe('normaliseText', () => {
  it('lower-cases, folds accents and replaces punctuation with single spaces', () => {
    expect(normaliseText('  Padrón,  E.  —  Earned-Secure  ')).toBe('padron e earned secure');
  });

  it('makes differently punctuated spellings equal', () => {
    expect(normaliseText('Earned-secure attachment: a review')).toBe(normaliseText('Earned secure attachment — A Review.'));
  });
});

describe('sourceKey', () => {
  const roisman = {
    doi: null,
    authors: ['Roisman, G. I.', 'Padrón, E.', 'Sroufe, L. A.', 'Egeland, B.'],
    year: 2002,
    title: 'Earned-secure attachment status in retrospect and prospect',
  };

  it('uses the DOI when there is one, lower-cased', () => {
    expect(sourceKey({ ...roisman, doi: '10.1111/1467-8624.00467' })).toBe('doi:10.1111/1467-8624.00467');
    expect(sourceKey({ ...roisman, doi: '10.1000/ABC.Def' })).toBe('doi:10.1000/abc.def');
  });

  it('matches DOIs whatever their case', () => {
    expect(sourceKey({ ...roisman, doi: '10.1000/ABC' })).toBe(sourceKey({ ...roisman, doi: '10.1000/abc' }));
  });

  it('lets the DOI win over authors, year and title', () => {
    const doi = '10.1111/1467-8624.00467';
    expect(sourceKey({ doi, authors: [], year: null, title: 'Anything' })).toBe(sourceKey({ ...roisman, doi }));
  });

  it('gives a reference key when there is no DOI', () => {
    expect(sourceKey(roisman)).toMatch(/^ref:[0-9a-f]{16}$/);
  });

  it('gives the same key to the same work printed with different initials, punctuation and case', () => {
    const restyled = {
      doi: null,
      authors: ['ROISMAN, Glenn I', 'Padron, Elena', 'Sroufe, L.A.', 'Egeland, Byron'],
      year: 2002,
      title: 'Earned secure attachment status in retrospect and prospect.',
    };
    expect(sourceKey(restyled)).toBe(sourceKey(roisman));
  });

  it('gives different keys to different years', () => {
    expect(sourceKey({ ...roisman, year: 2003 })).not.toBe(sourceKey(roisman));
    expect(sourceKey({ ...roisman, year: null })).not.toBe(sourceKey(roisman));
  });

  it('gives different keys to different titles', () => {
    expect(sourceKey({ ...roisman, title: 'Earned-secure attachment status in prospect' })).not.toBe(sourceKey(roisman));
  });

  it('gives different keys to different authors', () => {
    expect(sourceKey({ ...roisman, authors: ['Main, M.'] })).not.toBe(sourceKey(roisman));
  });

  it('is deterministic', () => {
    expect(sourceKey({ ...roisman })).toBe(sourceKey({ ...roisman }));
  });
});

describe('node identities', () => {
  it('gives a claim an id under its entry, the same for the same position and text', () => {
    const id = claimId('earned-security', 3, 'Earned security is a classification.');
    expect(id).toMatch(/^earned-security\/c\/[0-9a-f]{16}$/);
    expect(claimId('earned-security', 3, 'Earned security is a classification.')).toBe(id);
  });

  it('gives the same sentence at different positions different claim ids', () => {
    const text = 'See the sources.';
    expect(claimId('earned-security', 1, text)).not.toBe(claimId('earned-security', 2, text));
  });

  it('gives different sentences, or the same one in another entry, different claim ids', () => {
    expect(claimId('earned-security', 1, 'One.')).not.toBe(claimId('earned-security', 1, 'Two.'));
    expect(claimId('earned-security', 1, 'One.')).not.toBe(claimId('attachment-theory', 1, 'One.'));
  });

  it('salts a claim id with the revision that writes a sentence an earlier version holds the id of', () => {
    const id = claimId('earned-security', 1, 'One.');
    expect(claimId('earned-security', 1, 'One.', 3)).toMatch(/^earned-security\/c\/[0-9a-f]{16}$/);
    expect(claimId('earned-security', 1, 'One.', 3)).not.toBe(id);
    expect(claimId('earned-security', 1, 'One.', 3)).not.toBe(claimId('earned-security', 1, 'One.', 4));
  });

  it('keys entry names with case, compatibility forms and invisible characters folded', () => {
    const key = entryNameKey('Earned Security');
    expect(entryNameKey('earned security')).toBe(key);
    expect(entryNameKey('EARNED  SECURITY ')).toBe(key);
    expect(entryNameKey('Earned\u200b Security')).toBe(key);
    expect(entryNameKey('Ear\u200dned Secu\u00adrity')).toBe(key);
    expect(entryNameKey('Ｅａｒｎｅｄ Security')).toBe(key);
    expect(entryNameKey('Straße')).toBe(entryNameKey('STRASSE'));
    expect(entryNameKey('Earned Insecurity')).not.toBe(key);
  });

  it('names a key term by its entry and slugified term', () => {
    expect(keyTermId('earned-security', 'Coherence of Mind')).toBe('earned-security/t/coherence-of-mind');
    expect(keyTermId('earned-security', 'Coherence of mind')).toBe(keyTermId('earned-security', 'Coherence of mind'));
    expect(keyTermId('earned-security', 'Coherence of mind')).not.toBe(keyTermId('earned-security', 'Secure base'));
    expect(keyTermId('earned-security', 'Coherence of mind')).not.toBe(keyTermId('attachment-theory', 'Coherence of mind'));
  });

  it('gives SMART objectives ids that depend on position and goal', () => {
    const id = smartObjectiveId('earned-security', 0, 'Build coherence');
    expect(id).toMatch(/^earned-security\/o\/[0-9a-f]{16}$/);
    expect(smartObjectiveId('earned-security', 0, 'Build coherence')).toBe(id);
    expect(smartObjectiveId('earned-security', 1, 'Build coherence')).not.toBe(id);
  });

  it('keys outside readings by their slugified title', () => {
    expect(outsideReadingKey('Earned-Secure Attachment: What It Is')).toBe('reading:earned-secure-attachment-what-it-is');
  });

  it('hashes content with SHA-256', () => {
    expect(contentHash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
