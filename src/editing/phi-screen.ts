import { originalIndex, screeningText } from './screening-text';

/**
 * Screens public text (revision suggestions) for protected health information
 * before anything is stored. Pure and synchronous: text in, findings out.
 *
 * Kinds found, never values: findings carry the kind and where it starts, so an
 * error can say what to remove without echoing it back.
 *
 * The patterns read the text as a person sees it (screening-text.ts): full-width
 * and look-alike characters as plain ones, any dash as "-", any space as " ",
 * accents and invisible characters gone; offsets refer to the text as written.
 *
 * Tuned against ordinary clinical and research prose: a researcher named beside
 * research words ("Mary Main developed the AAI"), a year of birth ("Bowlby
 * (1907-1990)"), DOIs, ISBNs, page ranges, diagnostic codes and statistics pass.
 * A name alone says nothing: a person named as a client or patient, or beside
 * a diagnosis or prescription, is what is refused.
 */

export type PhiKind = 'EMAIL' | 'PHONE_NUMBER' | 'DATE_OF_BIRTH' | 'RECORD_NUMBER' | 'STREET_ADDRESS' | 'NAMED_PERSON_WITH_CLINICAL_DETAILS';

export interface PhiFinding {
  kind: PhiKind;
  /** Offset (UTF-16 code units) where the finding starts. */
  index: number;
}

/** How each kind is named in messages. */
export const PHI_KIND_LABELS: Record<PhiKind, string> = {
  EMAIL: 'an email address',
  PHONE_NUMBER: 'a phone number',
  DATE_OF_BIRTH: 'a date of birth',
  RECORD_NUMBER: 'a medical record, NHS, social security or similar ID number',
  STREET_ADDRESS: 'a street address or postcode',
  NAMED_PERSON_WITH_CLINICAL_DETAILS: 'a named person beside clinical details',
};

/** Every finding in `original`, in order of position; empty when the text looks clean. */
export function screenForPhi(original: string): PhiFinding[] {
  const screened = screeningText(original);
  const text = screened.text;
  const findings: PhiFinding[] = [];
  const add = (kind: PhiKind, index: number) => findings.push({ kind, index: originalIndex(screened, index) });

  for (const match of text.matchAll(EMAIL)) add('EMAIL', match.index);
  // Numbers inside URLs, DOIs and emails are identifiers of works and sites, not of people.
  const prose = blankOut(text, [URL, DOI, EMAIL, ISBN]);

  const recordSpans: Array<[number, number]> = [];
  for (const match of prose.matchAll(RECORD_NUMBER_WITH_LABEL)) {
    if (!looksLikeRecordId(match[1]!)) continue;
    add('RECORD_NUMBER', match.index);
    recordSpans.push([match.index, match.index + match[0].length]);
  }
  for (const match of prose.matchAll(SSN_LIKE)) {
    if (!insideAny(match.index, recordSpans)) {
      add('RECORD_NUMBER', match.index);
      recordSpans.push([match.index, match.index + match[0].length]);
    }
  }
  for (const match of prose.matchAll(PHONE_CANDIDATE)) {
    if (insideAny(match.index, recordSpans) || !looksLikePhone(match[0])) continue;
    add('PHONE_NUMBER', match.index);
  }
  for (const index of datesOfBirth(prose)) add('DATE_OF_BIRTH', index);
  for (const index of addresses(prose)) add('STREET_ADDRESS', index);
  for (const index of namedClients(prose)) add('NAMED_PERSON_WITH_CLINICAL_DETAILS', index);

  return findings.sort((a, b) => a.index - b.index);
}

/**
 * A name given for credit on a public write: screened like any text, and since
 * it should be nothing but a name, any care, diagnosis or medication word in it
 * ("Jane Smith PTSD patient") counts as clinical details beside a name.
 */
export function screenCreditName(original: string): PhiFinding[] {
  const findings = screenForPhi(original);
  const screened = screeningText(original);
  const clinical = CLINICAL_WORD.exec(screened.text);
  if (clinical && !findings.some((f) => f.kind === 'NAMED_PERSON_WITH_CLINICAL_DETAILS')) {
    findings.push({ kind: 'NAMED_PERSON_WITH_CLINICAL_DETAILS', index: originalIndex(screened, clinical.index) });
  }
  return findings.sort((a, b) => a.index - b.index);
}

/** "an email address and a phone number": the distinct kinds, in order of first appearance. */
export function describePhi(findings: PhiFinding[]): string {
  const labels = [...new Set(findings.map((f) => f.kind))].map((kind) => PHI_KIND_LABELS[kind]);
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

// ---------------------------------------------------------------------------
// Patterns

// Matches start only where a run of address characters starts, so long runs cost linear time.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z])/g;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi;
const DOI = /\b(?:doi:\s*)?10\.\d{4,9}\/[^\s"<>]+/gi;
const ISBN = /\bISBN(?:-1[03])?:?\s*[\d\- X]{10,17}/gi;

/** An acronym also written with full stops, hyphens or spaces between its letters: M.R.N., D-O-B, N H S. */
const acronym = (letters: string) => String.raw`\b${[...letters].join(String.raw`\.?[\s-]?`)}\b\.?`;

/** A labelled record number: MRN, NHS number, SSN, hospital/patient/chart number, then the id itself. */
const RECORD_NUMBER_WITH_LABEL = new RegExp(
  String.raw`(?:${acronym('MRN')}|\bmedical\s+record(?:\s+(?:number|no\.?|#))?|\brecord\s+(?:number|no\.?|#)|${acronym('NHS')}(?:\s*(?:number|no\.?|#|num))?|${acronym('SSN')}|\bsocial\s+security(?:\s+(?:number|no\.?|#))?|\b(?:patient|hospital|chart|client|health\s+card|medicare|medicaid|insurance|member)\s+(?:ID|number|no\.?|#))` +
    String.raw`[\s:#=\-]*(?:(?:is|was|of)\s+)?([A-Z]{0,3}\d[\d\- ]{2,20}\d[A-Z]?)`,
  'gi',
);

/** An id with six or more digits that is not a year or a range of years. */
function looksLikeRecordId(id: string): boolean {
  const digits = id.replace(/\D/g, '');
  return digits.length >= 6 && !/^(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d$/.test(id.trim());
}

/** 123-45-6789, 123.45.6789, 123 45 6789: the shape of a US social security number. */
const SSN_LIKE = /(?<![\w./-])\d{3}([-. ])\d{2}\1\d{4}(?![\w/-]|[.,]\d)/g;

/**
 * Digit groups separated by spaces, dots, hyphens or brackets, optionally with
 * a +country code: (555) 123-4567, +44 20 7946 0958, 07700 900123, 0412 345 678;
 * or one run of 10-15 digits: 5551234567.
 */
const PHONE_CANDIDATE =
  /(?<![\w.\/:,-])(?:\+\d{1,3}[ .-]?(?:\(\d{1,5}\)[ .-]?)?\d{1,6}(?:[ .-]\d{1,6}){0,5}|\d{10,15}|(?:\(\d{2,5}\)[ .-]?)?\d{2,6}(?:[ .-]\d{2,6}){0,4})(?![\w\/-]|[.,]\d)/g;

function looksLikePhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  const international = candidate.startsWith('+');
  if (digits.length < (international ? 8 : 10) || digits.length > 15) return false;
  const groups = candidate.split(/[^\d]+/).filter(Boolean);
  // Lists of years ("1998 2004 2010") and of counts are not phone numbers. An unbroken run of 10-15 digits
  // ("5551234567") is: counts in prose are grouped ("1,234,567", "10 000 000"), and ISBNs and DOIs are blanked out.
  if (!international && groups.length > 1 && groups.every((g) => /^(?:1[89]|20)\d\d$/.test(g))) return false;
  return true;
}

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
/** A full date: 3/4/1980, 03 / 04 / 1980, 1980-04-03, 3 April 1980, April 3rd, 1980, 03.04.80. */
const FULL_DATE = String.raw`(?:\d{1,2} ?[\/.\-] ?\d{1,2} ?[\/.\-] ?(?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH},?\s+\d{2,4}|${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{2,4})`;
const DOB = acronym('DOB');
const BIRTH_WORD = String.raw`(?:${DOB}|\bdate\s+of\s+birth\b|\bbirth\s?date\b|\bbirthday\b|\bborn\b|\bbirth\b|\bb\.\s)`;
const DOB_AFTER = new RegExp(`${BIRTH_WORD}[^\\n]{0,40}?${FULL_DATE}`, 'gi');
const DOB_BEFORE = new RegExp(`${FULL_DATE}[^\\n.]{0,25}?${BIRTH_WORD}`, 'gi');
/** "DOB:" with a value that is not a full date we recognise (e.g. "DOB 3/80", "DOB is 3 ...") still names a birth date. */
const DOB_LABEL = new RegExp(String.raw`(?:${DOB}|\bdate\s+of\s+birth\b)\s*(?:[:=\-]|\b(?:is|was|of|on)\b)?\s*\d`, 'gi');

function datesOfBirth(text: string): number[] {
  const found = new Set<number>();
  for (const match of text.matchAll(DOB_AFTER)) found.add(match.index);
  for (const match of text.matchAll(DOB_BEFORE)) found.add(match.index);
  for (const match of text.matchAll(DOB_LABEL)) found.add(match.index);
  return collapse([...found]);
}

const STREET_SUFFIX = String.raw`(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Boulevard|Blvd|Court|Ct|Close|Way|Place|Pl|Terrace|Crescent|Cres|Highway|Hwy|Square|Sq|Parkway|Pkwy|Gardens|Grove|Row|Mews|Walk|Hill)\.?`;
/** 221B Baker Street, 42 Wallaby Way, 1600 Pennsylvania Ave NW, 10 Downing St. */
const STREET_ADDRESS = new RegExp(
  String.raw`(?<![\w.,])\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][a-z'’]+\.?\s+){0,3}[A-Z][a-z'’]+\s+${STREET_SUFFIX}(?![\w-])`,
  'g',
);
/** "apartment 4B", "flat 2, ..." before a street also marks an address. */
const UNIT = /\b(?:apt|apartment|flat|unit|suite)\.?\s*#?\d+[A-Za-z]?\b/gi;
const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/g;
const US_ZIP = /\b\d{5}(?:-\d{4})?\b/g;
const US_STATE_ZIP = /\b(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY]),?\s+\d{5}(?:-\d{4})?\b/g;
const ADDRESS_WORD =
  /\b(?:address|addresses|lives\s+(?:at|on|in)|living\s+(?:at|on)|resides\s+at|residing\s+at|home\s+at|moved\s+to|moving\s+to|staying\s+at|postcode|post\s+code|zip(?:\s+code)?|apt|apartment|flat)\b/gi;

/**
 * An address written in lower case ("221b baker street"). Prose is full of a
 * number, a few words and a word like "way" or "place" ("in 3 weeks the way
 * she spoke"), so without capitals it takes a suffix that names nothing but a
 * street, and no common word between the number and the suffix; or any street
 * suffix next to an address word (ADDRESS_WORD).
 */
const LOWER_CASE_STREET = new RegExp(
  String.raw`(?<![\w.,])\d{1,5}[a-z]?,?\s+((?:[a-z][a-z'’]+\s+){0,2}[a-z][a-z'’]+)\s+(${STREET_SUFFIX})(?![\w-])`,
  'gi',
);
const STREET_ONLY_SUFFIX = /^(?:street|st|road|rd|avenue|ave|boulevard|blvd|crescent|cres|terrace|highway|hwy|parkway|pkwy)\.?$/i;
const NOT_A_STREET_NAME_WORD = new Set(
  (
    'the a an of and or to in on at for with by from her his their its my our your this that these those one two three four five six ' +
    'step steps stage stages day days week weeks month months year years session sessions hour hours minute minutes time times ' +
    'lane lanes way ways next last first second third other same different small large'
  ).split(' '),
);

function addresses(text: string): number[] {
  const found: number[] = [];
  const streets: number[] = [];
  for (const match of text.matchAll(STREET_ADDRESS)) {
    found.push(match.index);
    streets.push(match.index);
  }
  const cues = [...text.matchAll(ADDRESS_WORD)].map((m) => m.index);
  for (const match of text.matchAll(LOWER_CASE_STREET)) {
    const words = match[1]!.toLowerCase().split(/\s+/);
    const streetOnly = STREET_ONLY_SUFFIX.test(match[2]!) && !words.some((word) => NOT_A_STREET_NAME_WORD.has(word));
    if (streetOnly || cues.some((cue) => cue < match.index && match.index - cue <= 60)) {
      found.push(match.index);
      streets.push(match.index);
    }
  }
  const anchors = [...streets, ...cues, ...[...text.matchAll(UNIT)].map((m) => m.index)];
  const near = (index: number) => anchors.some((anchor) => Math.abs(anchor - index) <= 80);
  for (const match of text.matchAll(UK_POSTCODE)) if (near(match.index)) found.push(match.index);
  for (const match of text.matchAll(US_STATE_ZIP)) found.push(match.index);
  for (const match of text.matchAll(US_ZIP)) if (near(match.index)) found.push(match.index);
  return collapse(found);
}

// ---------------------------------------------------------------------------
// Named people beside clinical details

/** Capitalised words that start sentences or name things, not people. */
const NOT_A_FIRST_NAME = new Set(
  (
    'The A An And But Or If In On At Of For From To With By As Is Was Were Are Be This That These Those It Its Their Our My Your His Her ' +
    'We They He She I You When While After Before During Since Because Although Though However Therefore Thus Also Both Each Every Some Many ' +
    'Most Such Other Another Any All No Not Only Then There Here Where Which Who Whom Whose What Why How Yes Dear Hi Hello Thanks Thank Please ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December ' +
    'Adult Adults Child Children Infant Infants Parent Parents Mother Mothers Father Fathers Client Clients Patient Patients Therapist Therapists ' +
    'Attachment Earned Internal Working Strange Emotionally Mentalization Mentalization-Based Cognitive Behavioral Behavioural Dialectical Complex ' +
    'Post-Traumatic Posttraumatic Major Generalized Generalised Borderline Bipolar Obsessive-Compulsive Social Clinical Evidence Core Key Type Creators ' +
    'Interventions Contraindications Cautions Cultural Problems Populations Sources References Section Figure Table Chapter Volume Journal Review ' +
    'American British National International European World Royal University Institute Centre Center Department Ministry Society Association College ' +
    'Minnesota London Boston Chicago California England Scotland Wales Ireland Canada Australia Germany France Europe Africa Asia America ' +
    'Trauma-informed Trauma Individual Group Family Couple Couples Brief Long-term Short-term Long Short New Old First Second Third Fourth Fifth'
  ).split(' '),
);

/** Second words that make a capitalised pair an institution, instrument or theory rather than a person. */
const NOT_A_SURNAME = new Set(
  (
    'Therapy Therapies Treatment Treatments Theory Theories Interview Interviews Disorder Disorders Syndrome Scale Scales Inventory Test Tests Model Models ' +
    'Approach Approaches Situation Attachment Security Health Service Services Hospital Clinic University Institute Centre Center Trust Association Society ' +
    'Journal Press Review Disease Depression Anxiety Psychotherapy Psychology Psychiatry Medicine School College Foundation Program Programme Project Study ' +
    'Studies Trial Trials Group Groups Network Council Board Committee Department Unit Ward Team Questionnaire Checklist Measure Procedure Protocol Manual ' +
    'Guidelines Guideline Handbook Foundations Principles Base Based Focused Processing Functioning Regulation Dysregulation Model Working Security'
  ).split(' '),
);

/** A capitalised word in any script (the screening text has Latin look-alikes and accents folded already). */
const NAME_WORD = String.raw`(?:Mc|Mac|O['’])?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?`;
/** A run of capitalised words (with middle initials): the name, if any, is at its end. */
const CAPITALISED_RUN = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+${NAME_WORD}|${NAME_WORD}(?:\s+(?:\p{Lu}\.\s+)?(?:(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+)?${NAME_WORD})+)(?![\p{L}\p{N}])`,
  'gu',
);
const TITLE_WORD = /^(?:Mr|Mrs|Ms|Miss|Mx)$/;

/** Someone receiving care, in the singular: generic "patients" or "clients" name nobody. */
const CARE_ROLE = String.raw`(?:client|patient|service\s+user|counsell?ee|analysand)`;
/** "my client Jane Smith", "the patient, John Doe", "Client: Jane Smith". */
const ROLE_BEFORE_NAME = new RegExp(
  String.raw`(?:\b(?:my|our|a|the|this|one|his|her|their|new)\s+(?:[\w-]+\s+){0,2}${CARE_ROLE}\b|(?:^|\n)\s*${CARE_ROLE}(?:\s+name)?\s*:)[\s,:(]*(?:(?:named|called|is|was)\s+)?$`,
  'i',
);
/** "Jane Smith, a 34-year-old client", "Jane Smith, who is my patient". */
const ROLE_AFTER_NAME = new RegExp(
  String.raw`^[\s,(]*(?:(?:is|was|who\s+is|who\s+was)\s+)?(?:a|an|my|our|the)\s+(?:[\w-]+\s+){0,3}${CARE_ROLE}\b`,
  'i',
);
const CONDITION = String.raw`(?:PTSD|C-?PTSD|depression|anxiety|bipolar(?:\s+disorder)?|schizophrenia|psychosis|OCD|ADHD|autism|an?\s+eating\s+disorder|anorexia|bulimia|dementia|cancer|HIV|diabetes|epilepsy|suicidal\s+ideation|self-harm|(?:a\s+|an\s+)?(?:\w+\s+)?(?:disorder|addiction))`;
const DRUG = String.raw`(?:medication|\d+\s?mg|antidepressants?|antipsychotics?|SSRIs?|sertraline|fluoxetine|citalopram|escitalopram|paroxetine|venlafaxine|lithium|olanzapine|quetiapine|methadone|diazepam|lorazepam)`;
const SOON = String.raw`(?:recently\s+|first\s+|later\s+|also\s+|since\s+)?`;
/**
 * Something done to the named person: "Jane Smith was diagnosed", "Jane Smith,
 * diagnosed with". It takes an auxiliary or a comma: "Aaron Beck diagnosed the
 * cognitive triad" names the one who diagnosed, a researcher.
 */
const DONE_TO_NAME = new RegExp(
  String.raw`^(?:\s*[,(]\s*(?:(?:who|whom)\s+)?(?:(?:has|had|have|is|was|were)\s+)?|\s+(?:(?:who|whom)\s+)?(?:has|had|have|is|was|were|got|gets|get)\s+)(?:been\s+|being\s+)?${SOON}(?:` +
    [
      String.raw`diagnosed`,
      String.raw`prescribed`,
      String.raw`hospitali[sz]ed`,
      String.raw`sectioned`,
      String.raw`medicated`,
      String.raw`admitted\s+to\s+(?:a\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:hospital|ward|unit|clinic|inpatient)`,
      String.raw`(?:treated|seen|referred)\s+for`,
    ].join('|') +
    String.raw`)\b`,
  'i',
);
/** A condition, treatment or medication the named person has. */
const CLINICAL_AFTER_NAME = new RegExp(
  String.raw`^[\s,(]*(?:(?:who|whom)\s+)?(?:(?:has|had|have|is|was|were)\s+)?(?:been\s+|being\s+)?${SOON}(?:` +
    [
      String.raw`(?:in\s+treatment|in\s+therapy)\s+for`,
      String.raw`suffer(?:s|ed|ing)?\s+(?:from|with)`,
      String.raw`struggl(?:es|ed|ing)\s+with\s+${CONDITION}`,
      String.raw`(?:has|had|with)\s+(?:a\s+|an\s+)?(?:(?:history|diagnosis)\s+of\s+)?(?:(?:severe|chronic|major|complex|acute|mild|moderate|recurrent|treatment-resistant|clinical)\s+)*${CONDITION}`,
      String.raw`(?:is|was)\s+(?:on|taking)\s+(?:[\w-]+\s+){0,2}${DRUG}`,
      String.raw`takes\s+(?:[\w-]+\s+){0,2}${DRUG}`,
      String.raw`(?:is|was|became|felt)\s+(?:severely\s+|very\s+|acutely\s+)?(?:depressed|suicidal|psychotic|manic)`,
    ].join('|') +
    String.raw`)\b`,
  'i',
);
/** "Jane Smith's diagnosis", "Jane Smith's medication". */
const CLINICAL_POSSESSIVE =
  /^['’]s\s+(?:[\w-]+\s+)?(?:diagnosis|diagnoses|medication|medications|prescription|treatment|therapy|therapist|sessions?|symptoms|condition|case\s+notes|file|records?|psychiatrist|GP|admission|depression|anxiety|PTSD|trauma)\b/i;
/** A clinician who treats the named person: "I treated Jane Smith", "we referred Jane Smith". */
const TREATED_BY_WRITER = /\b(?:I|we)\s+(?:have\s+|had\s+|am\s+|are\s+|was\s+|were\s+)?(?:been\s+)?(?:treated|treating|assessed|assessing|referred|referring|admitted|discharged|counsell?ed|counsell?ing|diagnosed)\s+$/i;
/** Any word about care, a diagnosis or a medication: never part of a name given for credit. */
const CLINICAL_WORD = new RegExp(
  String.raw`\b(?:${CARE_ROLE}s?|diagnos[a-z]*|prescri[a-z]*|hospitali[sz][a-z]*|therap(?:y|ies|ist)|treat(?:ed|ment)|${CONDITION}|${DRUG})\b`,
  'i',
);

/** A citation right after the name ("Main (1991)", "Main et al.") marks a researcher, not a client. */
const CITATION_AFTER = /^\s*(?:\(\s*(?:\d{4}|n\.d\.)|,\s*\d{4}|et\s+al\b|&\s+[A-Z]|and\s+colleagues)/;

function namedClients(text: string): number[] {
  const found: number[] = [];
  for (const run of text.matchAll(CAPITALISED_RUN)) {
    const name = personAtEnd(run[0]);
    if (!name) continue;
    const start = run.index + name.offset;
    const end = run.index + run[0].length;
    const before = text.slice(Math.max(0, start - 60), start);
    const after = text.slice(end, end + 160);
    if (CITATION_AFTER.test(after)) continue;
    const clinical = DONE_TO_NAME.test(after) || CLINICAL_AFTER_NAME.test(after) || CLINICAL_POSSESSIVE.test(after);
    if (ROLE_BEFORE_NAME.test(before) || TREATED_BY_WRITER.test(before) || ROLE_AFTER_NAME.test(after) || clinical) {
      found.push(start);
    }
  }
  return found;
}

/**
 * The person a run of capitalised words ends with: "Yesterday Jane Smith" →
 * "Jane Smith"; "Mrs Smith" stays; "Adult Attachment Interview" is no one.
 */
function personAtEnd(run: string): { offset: number } | null {
  const words = [...run.matchAll(/\S+/g)].map((m) => ({ word: m[0], offset: m.index }));
  const last = words.at(-1)!;
  if (NOT_A_SURNAME.has(last.word) || NOT_A_FIRST_NAME.has(last.word)) return null;
  const title = words.findIndex((w) => TITLE_WORD.test(w.word.replace(/\.$/, '')));
  if (title >= 0 && title < words.length - 1) return { offset: words[title]!.offset };
  // Drop leading words that cannot start a name; what remains needs a first name and a surname.
  let first = 0;
  while (first < words.length && NOT_A_FIRST_NAME.has(words[first]!.word)) first++;
  const rest = words.slice(first).filter((w) => !/^\p{Lu}\.$/u.test(w.word));
  if (rest.length < 2 || rest.some((w) => NOT_A_SURNAME.has(w.word))) return null;
  // Long runs are titles of works or organisations ("Mentalization Based Treatment Research Group").
  if (rest.length > 4) return null;
  return { offset: words[first]!.offset };
}

// ---------------------------------------------------------------------------
// Helpers

/** Replaces every match of the patterns with spaces, keeping offsets. */
function blankOut(text: string, patterns: RegExp[]): string {
  let result = text;
  for (const pattern of patterns) result = result.replace(pattern, (m) => ' '.repeat(m.length));
  return result;
}

const insideAny = (index: number, spans: Array<[number, number]>) => spans.some(([start, end]) => index >= start && index < end);

/** One finding per place: offsets closer than 10 characters are the same finding. */
function collapse(indexes: number[]): number[] {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  return sorted.filter((index, i) => i === 0 || index - sorted[i - 1]! >= 10);
}
