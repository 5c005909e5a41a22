import { findAbbreviations } from '../../src/ingest/abbreviations';

describe('findAbbreviations', () => {
  it.each([
    ['The Adult Attachment Interview (AAI) is coded for coherence.', 'Adult Attachment Interview', 'AAI'],
    ['Complex post-traumatic stress disorder (complex PTSD) adds three clusters.', 'Complex post-traumatic stress disorder', 'complex PTSD'],
    ['Clients complete the Reflective Functioning Questionnaire (RFQ) at intake.', 'Reflective Functioning Questionnaire', 'RFQ'],
    ['Mentalization-Based Treatment (MBT) was developed for BPD.', 'Mentalization-Based Treatment', 'MBT'],
    // Found by black-box articles (issue 13): the initials skip function words and lower-case hyphenated tails.
    ['Attachment and Biobehavioral Catch-up (ABC) is a 10-session program.', 'Attachment and Biobehavioral Catch-up', 'ABC'],
    ['Skills Training in Affective and Interpersonal Regulation (STAIR) comes first.', 'Skills Training in Affective and Interpersonal Regulation', 'STAIR'],
    ['They show disturbances in self-organisation (DSO) as well.', 'disturbances in self-organisation', 'DSO'],
    ['It was rated with PTSD (post-traumatic stress disorder) criteria.', 'post-traumatic stress disorder', 'PTSD'],
  ])('reads %j', (sentence, longForm, shortForm) => {
    expect(findAbbreviations(sentence)).toEqual([{ longForm, shortForm }]);
  });

  it.each([
    'Reduce risk of transmitting insecurity (parent)',
    'Earned-secure subtype (F3b) is distinct.',
    'Roisman (2002) found it.',
    'alternative figures (e.g., grandparent, partner)',
  ])('finds none in %j', (sentence) => {
    expect(findAbbreviations(sentence)).toEqual([]);
  });
});
