import { answerKindOf, hasAnswerOfKind, personPossessiveBefore } from '../../src/evidence/answer-cues';

const none = () => [];

describe('answer cues', () => {
  it.each([
    ['who coined the term complex PTSD', 'PERSON'],
    ['Whose idea was earned security?', 'PERSON'],
    ['when was complex PTSD added to ICD-11', 'TIME'],
    ['how many items does the ITQ have', 'NUMBER'],
    ['what score counts as ordinary reflective functioning', 'NUMBER'],
    ['how common is disorganized attachment in ordinary infants', 'FREQUENCY'],
    ['how often do couples relapse after EFT', 'FREQUENCY'],
    ['how many people with BPD attempt suicide', 'FREQUENCY'],
    ['what proportion of veterans develop complex PTSD', 'FREQUENCY'],
    ['prevalence of complex PTSD in refugees', 'FREQUENCY'],
    ['how many sessions does EFT take', 'NUMBER'],
    ['does EFT work', null],
  ])('%s asks for %s', (statement, kind) => {
    expect(answerKindOf(statement)).toBe(kind);
  });

  it.each([
    ['Judith Herman proposed “complex PTSD” in 1992.', true],
    ['The first synthesis arrived with Filosa, Sharp, Gori, and Musetti’s 2024 scoping review.', true],
    ['Saunders and colleagues found higher support.', true],
    ['It grows out of Bowlby’s attachment theory.', true],
    ['The World Health Organization included complex PTSD.', true],
    ['The AAI is, in effect, a test of coherence.', false],
    ['It is organised in three stages.', false],
    ['In Stage two the bond is restructured.', false],
  ])('a person in %j: %s', (text, expected) => {
    expect(hasAnswerOfKind('PERSON', text, none)).toBe(expected);
  });

  it('does not take a name the wiki knows as something else for a person', () => {
    const text = 'It extends the Adult Attachment Interview tradition.';
    expect(hasAnswerOfKind('PERSON', text, none)).toBe(true);
    expect(hasAnswerOfKind('PERSON', text, (t) => [{ start: t.indexOf('Adult'), end: t.indexOf(' tradition') }])).toBe(false);
  });

  it('finds years and numbers', () => {
    expect(hasAnswerOfKind('TIME', 'It was developed in the 1980s.', none)).toBe(true);
    expect(hasAnswerOfKind('TIME', 'It was developed long ago.', none)).toBe(false);
    expect(hasAnswerOfKind('NUMBER', 'It has three stages.', none)).toBe(true);
    expect(hasAnswerOfKind('NUMBER', 'The ITQ has 12 core items.', none)).toBe(true);
    expect(hasAnswerOfKind('NUMBER', 'It has stages.', none)).toBe(false);
  });

  it.each([
    ['It is seen in about 15% of infants in normative samples.', true],
    ['Roughly one in five clients drop out.', true],
    ['In 3 of 10 trials the effect faded.', true],
    ['Most couples recovered by the end of treatment.', true],
    ['Only a minority of children show it.', true],
    ['It is rarely diagnosed before age five.', true],
    ['Two-thirds of the sample were women.', true],
    ['It was developed in 1993 for chronically suicidal women.', false],
    ['It has three stages.', false],
    ['The AAI is a test of coherence.', false],
  ])('a proportion or frequency in %j: %s', (text, expected) => {
    expect(hasAnswerOfKind('FREQUENCY', text, none)).toBe(expected);
  });

  it.each([
    ['The construct grows directly out of John Bowlby’s attachment theory.', 'attachment', 'John Bowlby’s'],
    ["It grows out of Bowlby's attachment theory.", 'attachment', "Bowlby's"],
    ['It draws on Carl Rogers’ client-centred stance.', 'client', 'Carl Rogers’'],
    ['In Bowlby’s theory the bond is central.', 'theory', 'Bowlby’s'],
    ['The AAI’s coherence predicts security.', 'coherence', null],
    ['It rests on the patients’ reports.', 'reports', null],
    ['It grows out of attachment theory.', 'attachment', null],
  ])('the person’s possessive before a word of %j', (text, word, expected) => {
    expect(personPossessiveBefore(text, text.indexOf(word), none)).toBe(expected);
  });

  it('does not take the possessive of a name the wiki knows as something else for a person’s', () => {
    const text = 'The Strange Situation’s coding is reliable.';
    expect(personPossessiveBefore(text, text.indexOf('coding'), none)).toBe('Strange Situation’s');
    expect(personPossessiveBefore(text, text.indexOf('coding'), (t) => [{ start: t.indexOf('Strange'), end: t.indexOf('’s') }])).toBeNull();
  });
});
