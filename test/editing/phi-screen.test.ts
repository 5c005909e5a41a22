import { describePhi, screenForPhi, type PhiKind } from '../../src/editing/phi-screen';

const kinds = (text: string): PhiKind[] => [...new Set(screenForPhi(text).map((f) => f.kind))];

describe('PHI screening', () => {
  describe('finds', () => {
    it.each<[string, PhiKind]>([
      ['Contact me at jane.smith+wiki@example.co.uk for the case notes.', 'EMAIL'],
      ['Her number is (555) 123-4567 if you need it.', 'PHONE_NUMBER'],
      ['Call +44 20 7946 0958 after 5pm.', 'PHONE_NUMBER'],
      ['Ring +1-202-555-0173 for details.', 'PHONE_NUMBER'],
      ['Mobile 07700 900123.', 'PHONE_NUMBER'],
      ['Phone: +61 412 345 678', 'PHONE_NUMBER'],
      ['US style 555.123.4567 works too.', 'PHONE_NUMBER'],
      ['+33 1 42 68 53 00 is the clinic.', 'PHONE_NUMBER'],
      ['DOB: 03/04/1980, seen weekly.', 'DATE_OF_BIRTH'],
      ['He was born on 3/4/1980 and grew up in care.', 'DATE_OF_BIRTH'],
      ['born 3 April 1980 in Leeds', 'DATE_OF_BIRTH'],
      ['Her date of birth is April 3rd, 1980.', 'DATE_OF_BIRTH'],
      ['12 May 1975 (birth date) per the referral.', 'DATE_OF_BIRTH'],
      ['D.O.B. 1980-04-03', 'DATE_OF_BIRTH'],
      ['MRN: 00123456 on the discharge summary.', 'RECORD_NUMBER'],
      ['NHS number 943 476 5919 was on the letter.', 'RECORD_NUMBER'],
      ['SSN 123-45-6789', 'RECORD_NUMBER'],
      ['the form listed 078-05-1120 as the number', 'RECORD_NUMBER'],
      ['Hospital no. A1234567 appears on the chart.', 'RECORD_NUMBER'],
      ['She lives at 221B Baker Street with her partner.', 'STREET_ADDRESS'],
      ['The family moved to 42 Wallaby Way, Sydney.', 'STREET_ADDRESS'],
      ['Address: Flat 2, 10 Downing St, London SW1A 2AA.', 'STREET_ADDRESS'],
      ['Her address is in Springfield, IL 62704.', 'STREET_ADDRESS'],
      ['My client Jane Smith, diagnosed with depression, found this helpful.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['Jane Smith was diagnosed with PTSD after the accident.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['I saw the patient, John Doe, weekly for a year.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['Tom Baker, a 34-year-old client of mine, responded well to EFT.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ["Priya Patel's medication was changed twice.", 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['Last week Mrs Okafor has severe depression and would not come.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['Ahmed Khan is taking 50 mg sertraline daily.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['Client: Maria Garcia', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['Sean O\'Brien suffers from complex PTSD since the war.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
    ])('%s → %s', (text, kind) => {
      expect(kinds(text)).toContain(kind);
    });
  });

  describe('lets ordinary clinical and research prose through', () => {
    it.each([
      'Mary Main developed the AAI and, with Judith Solomon, the disorganized classification.',
      'Mary Main and colleagues moved attachment study to the level of representation.',
      'Sue Johnson developed Emotionally Focused Therapy for couples in distress and for depression.',
      'Peter Fonagy and Anthony Bateman designed MBT for patients with borderline personality disorder.',
      'Judith Herman described complex PTSD as a response to prolonged trauma.',
      'Roisman, Padrón, Sroufe, and Egeland (2002) found that retrospectively defined earned-secures had supportive parenting.',
      'Saunders et al. found earned-secure expectant mothers spent more time in therapy.',
      'John Bowlby (1907-1990) founded attachment theory; Mary Ainsworth (b. 1913) devised the Strange Situation.',
      'Clients diagnosed with depression often describe their histories as destiny.',
      'The Adult Attachment Interview asks about separations, illness, loss and trauma.',
      'A client who describes a cold childhood may narrate it in flat, dismissing terms.',
      'See Steele, H., & Steele, M. (2008). Clinical applications of the Adult Attachment Interview. Guilford Press. ISBN 978-1-59385-696-6',
      'Filosa et al. (2024) https://doi.org/10.1016/j.cpr.2024.102345 reviewed 24 studies across four databases.',
      'doi:10.1037/0012-1649.38.2.222 pp. 1234-1245, N = 1,234,567, p < 0.001',
      'Studies from 1998 2004 2010 and 2016 converge.',
      'The 2019 cohort had 10 000 000 person-years of follow-up.',
      'Born into poverty, many adults still arrive at a coherent narrative.',
      'Earned security emerged in the 1990s; birth cohorts from 1970 to 1990 were studied.',
      'Emotionally Focused Therapy targets relationship conflict and anxiety.',
      'The Minnesota Longitudinal Study of Risk and Adaptation followed 267 first-born children.',
      'Step 3 of the protocol asks the clinician to explore the client\u2019s earliest memories.',
      'Complex PTSD and childhood trauma sit within the same field.',
      'Bessel van der Kolk wrote about trauma, the body and therapy.',
    ])('%s', (text) => {
      expect(screenForPhi(text)).toEqual([]);
    });
  });

  it('reports kinds and positions, never the values', () => {
    const findings = screenForPhi('Write to a.b@example.org or call (555) 123-4567.');
    expect(findings).toEqual([
      { kind: 'EMAIL', index: 9 },
      { kind: 'PHONE_NUMBER', index: 33 },
    ]);
    expect(describePhi(findings)).toBe('an email address and a phone number');
    expect(JSON.stringify(findings)).not.toContain('example');
  });

  it('describes several kinds in order of appearance', () => {
    const text = 'My client Jane Smith (DOB 3/4/1980) lives at 12 Elm Street.';
    expect(describePhi(screenForPhi(text))).toBe(
      'a named person beside clinical details, a date of birth and a street address or postcode',
    );
  });

  it('takes linear time on long adversarial input (no regex backtracking blow-up)', () => {
    for (const text of ['a'.repeat(10_000), 'a.'.repeat(5_000), '1'.repeat(10_000), '1-'.repeat(5_000), 'Aa '.repeat(3_333), '12 Aa Bb Cc '.repeat(800), 'born '.repeat(2_000)]) {
      const started = performance.now();
      screenForPhi(text);
      expect(performance.now() - started).toBeLessThan(150);
    }
  });
});
