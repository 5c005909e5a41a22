import { describePhi, screenCreditName, screenForPhi, type PhiKind } from '../../src/editing/phi-screen';

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

  describe('sees through spellings that look the same or read the same (review findings)', () => {
    it.each<[string, string, PhiKind]>([
      ['full-width email', 'Write to ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ about it.', 'EMAIL'],
      ['email with a small commercial at', 'jane\uFE6Bexample.org has the notes', 'EMAIL'],
      ['email with a Cyrillic letter', 'Write to jаne.smith@exаmple.org please.', 'EMAIL'],
      ['full-width phone number', 'Call (５５５) １２３-４５６７ after five.', 'PHONE_NUMBER'],
      ['phone with non-breaking hyphens', 'Call 555\u2011123\u20114567 after five.', 'PHONE_NUMBER'],
      ['phone with en dashes', 'Call 555\u2013123\u20134567 after five.', 'PHONE_NUMBER'],
      ['phone with no-break spaces', 'Call (555)\u00A0123\u00A04567 or 555\u202F123\u20094567.', 'PHONE_NUMBER'],
      ['phone with a minus sign and an em dash', 'Call 555\u2212123\u20144567.', 'PHONE_NUMBER'],
      ['phone with a zero-width space inside', 'Call 555-12\u200B3-4567.', 'PHONE_NUMBER'],
      ['phone in Arabic-Indic digits', 'Call \u0665\u0665\u0665 \u0661\u0662\u0663 \u0664\u0665\u0666\u0667.', 'PHONE_NUMBER'],
      ['phone as one run of ten digits', 'Her number is 5551234567.', 'PHONE_NUMBER'],
      ['phone as one run of eleven digits', 'Mobile 07700900123 after hours.', 'PHONE_NUMBER'],
      ['date of birth with spaced slashes', 'DOB is 03 / 04 / 1980.', 'DATE_OF_BIRTH'],
      ['date of birth with full-width slashes', 'DOB 03／04／1980', 'DATE_OF_BIRTH'],
      ['D-O-B', 'D-O-B 03/04/1980', 'DATE_OF_BIRTH'],
      ['d o b in lower case', 'her d o b: 3.4.80', 'DATE_OF_BIRTH'],
      ['date of birth as a label', 'Date of birth was 3 April 1980.', 'DATE_OF_BIRTH'],
      ['social security number with dots', 'The form listed 123.45.6789 as the number.', 'RECORD_NUMBER'],
      ['social security number with spaces', 'The form listed 123 45 6789 as the number.', 'RECORD_NUMBER'],
      ['dotted MRN', 'M.R.N. 00123456 on the discharge summary.', 'RECORD_NUMBER'],
      ['hyphenated MRN', 'M-R-N: 00123456', 'RECORD_NUMBER'],
      ['dotted NHS number', 'N.H.S. no. 943 476 5919', 'RECORD_NUMBER'],
      ['named client with a Cyrillic letter', 'My client Jаne Smith, diagnosed with depression, found this helpful.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['named client spelled with Greek and Cyrillic capitals', 'My client \u0391hmed \u039Ahan has PTSD.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['named client with diacritics', 'My client José García was diagnosed with PTSD.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['named client with decomposed diacritics', 'Jose\u0301 Garci\u0301a was diagnosed with PTSD.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['named client with a fada', 'Siobhán Murphy, my client, struggled with anxiety.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['named client in Cyrillic', 'Мой пациент: my client Иван Петров has PTSD.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['named client with a zero-width joiner', 'My client Ja\u200Dne Smi\u200Dth has PTSD.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['named client with a full-width name', 'My client Ｊａｎｅ Ｓｍｉｔｈ has PTSD.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['a name, then "my patient"', 'Dr Jane Smith my patient has PTSD', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['a clinician treating a named person', 'I treated Jane Smith for two years.', 'NAMED_PERSON_WITH_CLINICAL_DETAILS'],
      ['lower-case street address', 'She lives at 221b baker street with her partner.', 'STREET_ADDRESS'],
      ['lower-case street address with a cue word', 'The family moved to 42 wallaby way, sydney.', 'STREET_ADDRESS'],
      ['lower-case street address, abbreviated', 'letters go to 10 downing st for now', 'STREET_ADDRESS'],
      ['lower-case street address in a flat', 'her flat at 4 park road is cold', 'STREET_ADDRESS'],
    ])('%s', (_case, text, kind) => {
      expect(kinds(text)).toContain(kind);
    });

    it('reports offsets in the text as written, not in its normalised form', () => {
      const text = 'Ｗｒｉｔｅ: ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ or ﬁle 555\u2011123\u20114567';
      expect(screenForPhi(text)).toEqual([
        { kind: 'EMAIL', index: text.indexOf('ｊ') },
        { kind: 'PHONE_NUMBER', index: text.indexOf('555') },
      ]);
      const decomposed = 'Ame\u0301lie: call 555-123-4567';
      expect(screenForPhi(decomposed)).toEqual([{ kind: 'PHONE_NUMBER', index: decomposed.indexOf('555') }]);
      const astral = '😀𝐉𝐚𝐧𝐞 call 555-123-4567';
      expect(screenForPhi(astral)).toEqual([{ kind: 'PHONE_NUMBER', index: astral.indexOf('555') }]);
    });
  });

  describe('credit names', () => {
    it.each(['Jane Smith', 'José García', 'Siobhán Ní Bhriain', "Sean O'Brien", 'Jane van der Berg-Smith', 'Dr. A. N. Other', 'Иван Петров'])('accepts the name %s', (name) => {
      expect(screenCreditName(name)).toEqual([]);
    });

    it.each(['Dr Jane Smith my patient has PTSD', 'Jane Smith PTSD patient', 'Jane Smith diagnosed with depression', 'mother of client Jane Smith', 'Jane Smith on sertraline'])(
      'refuses clinical details in %s',
      (name) => {
        expect(screenCreditName(name).map((f) => f.kind)).toContain('NAMED_PERSON_WITH_CLINICAL_DETAILS');
      },
    );
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
      // Review corpus: numbers, codes and citations that are not identifiers.
      'Within 12 sessions, most clients reported fewer intrusions.',
      'Within 12\u00A0sessions (range 8\u201316), 64% improved; 1,204 of 1,880 completed.',
      'PTSD (ICD-10 F43.1; DSM-IV 309.81) and complex PTSD (ICD-11 6B41).',
      'Roisman, G. I., Padrón, E., Sroufe, L. A., & Egeland, B. (2002). Earned-secure attachment status in retrospect and prospect. Child Development, 73(4), 1204-1219.',
      'Roisman et al. (2002). Child Development, 73(4), 1204\u20131219. https://doi.org/10.1111/1467-8624.00467',
      'Effect sizes: d = 0.45 (95% CI 0.21\u20130.69), p < .001, N = 2,345; follow-up at 6, 12 and 24 months.',
      'Fonagy & Bateman (2016) reported 18-month outcomes; Bateman and Fonagy (2008) followed up 8 years later.',
      'Siobhán O\u2019Connor (2019) and José García (2021) replicated the Strange Situation findings.',
      'José García\u2019s trial of MBT (2015) recruited 134 adults with borderline personality disorder.',
      'Aaron Beck diagnosed the cognitive triad as the core of depression.',
      'Marsha Linehan developed DBT for chronically suicidal women.',
      'Judith Herman treated survivors for decades before writing Trauma and Recovery (1992).',
      'Cohorts born 1970\u20131990 were followed; the 1990s saw the first AAI studies.',
      'In 3 weeks the way she spoke about her mother changed, a 12 step road of small gains.',
      'The clinic moved its 2 day groups to a new place.',
      'Step 2: the therapist asks about 3 early memories, then 5 adjectives.',
      'Call the crisis line at 988, or 111 in the UK, or 999 in an emergency.',
      'Years: 1998, 2004, 2010\u20132016; pages 123\u2013456.',
      'The Minnesota study (Sroufe, Egeland, Carlson & Collins, 2005) followed 180 children from birth to adulthood.',
      'Главная идея: привязанность важна.',
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
    // The first non-ASCII text builds the look-alike table once; that is not what is measured here.
    screenForPhi('Ｗａｒｍ ｕｐ а');
    for (const text of [
      'a'.repeat(10_000),
      'a.'.repeat(5_000),
      '1'.repeat(10_000),
      '1-'.repeat(5_000),
      'Aa '.repeat(3_333),
      '12 Aa Bb Cc '.repeat(800),
      'born '.repeat(2_000),
      '１'.repeat(10_000),
      'а'.repeat(10_000),
      '12 aa bb '.repeat(1_100),
      'D O B '.repeat(1_600),
      '1 / '.repeat(2_500),
    ]) {
      const started = performance.now();
      screenForPhi(text);
      expect(performance.now() - started).toBeLessThan(150);
    }
  });
});
