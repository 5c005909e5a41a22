import fc from 'fast-check';
import type { ClaimProvenance, EvidenceTier, ParsedArticle, ParsedClaim } from '../../src/model/article';
import { entryKindOf } from '../../src/ingest/entry-kind';

/**
 * Article MODELS and their rendering in the wiki's plain-text export format
 * (seeds/articles/earned-security.wiki.txt is the reference: every line the
 * renderer writes is shaped like a line of that file).
 *
 * A model holds what the parser should give back (claim bodies and their
 * support, SMART columns, key terms ...); `renderArticle` writes it out and
 * records on which line each part landed, so the test can build the exact
 * expected parse. The reading rules the parser must follow (numbered as in
 * the parser's brief) are referred to as "rule 1" ... "rule 6" below.
 */

// ---------------------------------------------------------------------------
// Models

/** How a sentence is supported, as printed at its end. */
export type Support =
  /**
   * Rule 1: a marker naming 1–3 distinct sources, in this order, printed run together ("42", "911"),
   * before the terminal punctuation ("… adulthood 4.") or, ending a line, after it ("… adulthood. 4").
   */
  | { kind: 'CITED'; sources: number[]; afterPunctuation?: boolean }
  /** Rule 1: the LLM tag, before the terminal punctuation ("… delivers LLM.") or after it ("… of mind. LLM"). */
  | { kind: 'LLM'; afterPunctuation: boolean }
  /** No marker and no tag. */
  | { kind: 'UNMARKED' }
  /**
   * Rule 1a/1b: the body ends in a number that is NOT a marker (no valid reading, or the word
   * before it cannot end a sentence): UNMARKED, the digits stay in the text, NUMBER_NOT_MARKER.
   */
  | { kind: 'NUMBER'; digits: string };

export interface ClaimModel {
  /** The sentence without marker and without terminal punctuation, exactly as printed. */
  body: string;
  /** The terminal punctuation as printed: ".", "?", or ".”" (a quotation closing the sentence). */
  end: '.' | '?' | '.”';
  support: Support;
  /** A paragraph's run-in label ("Therapeutic framing."): printed, but no claim. */
  label?: true;
}

export interface ParagraphModel {
  claims: ClaimModel[];
  /** An "LLM-generated illustrative example": its label speaks for every sentence, so each reads as LLM. */
  example?: true;
}

export interface ProseSectionModel {
  type: 'prose';
  heading: string;
  paragraphs: ParagraphModel[];
}

export interface SmartRowModel {
  goal: string;
  objective: string;
  mechanism: string;
  /** The row's marker (rule 1 applies to it as to any marker). */
  sources: number[];
}

export interface SmartSectionModel {
  type: 'smart';
  heading: string;
  rows: SmartRowModel[];
  /** The prose line printed right after the last row ("Therapeutic framing. …"). */
  prose: ParagraphModel;
}

export interface KeyTermModel {
  term: string;
  /** Printed as "Term (ABBR)"; the parser gives it back as the only alias (rule 5). */
  abbreviation: string | null;
  /** Without final period and marker. */
  definition: string;
  support: Extract<Support, { kind: 'CITED' } | { kind: 'LLM' }>;
}

export interface KeyTermsSectionModel {
  type: 'keyTerms';
  heading: string;
  terms: KeyTermModel[];
}

export interface ResourcesSectionModel {
  type: 'resources';
  heading: string;
}

export interface QuestionsSectionModel {
  type: 'questions';
  heading: string;
  /** One bullet each; `end` is "?" and the marker comes before it ("… safe 6?"). */
  questions: ClaimModel[];
}

export type BodySectionModel =
  | ProseSectionModel
  | SmartSectionModel
  | KeyTermsSectionModel
  | ResourcesSectionModel
  | QuestionsSectionModel;

export interface SourceModel {
  /** The reference as printed, before " — link" and the tier. */
  citation: string;
  tier: EvidenceTier;
}

export type ModelEntryKind = 'CONSTRUCT' | 'MODALITY' | 'PROBLEM_FOR_WORK';

export interface ArticleModel {
  /** The header's first field as printed ("CONSTRUCTS", "problems-for-work" ...; rule 3). */
  kindPrinted: string;
  entryKind: ModelEntryKind;
  discipline: string;
  tradition: string;
  title: string;
  summary: string;
  upvotes: number;
  figure: { description: string; caption: string } | null;
  sections: BodySectionModel[];
  sources: SourceModel[];
  seeAlso: string[];
  provenance: { model: string; version: string; generatedAt: string; readMinutes: number; statedSourceCount: number };
}

// ---------------------------------------------------------------------------
// Rule 1: the reference decoding of a trailing number

/** Words after which a number cannot be a marker (rule 1b), compared lower-cased. */
export const WORDS_BEFORE_A_NUMBER = [
  'was', 'were', 'is', 'are', 'be', 'been', 'am', 'of', 'than', 'the', 'a', 'an', 'and', 'or', 'about',
  'approximately', 'around', 'nearly', 'roughly', 'almost', 'circa', 'exactly', 'only', 'aged', 'age', 'ages',
  'n', '=', '~', '<', '>', '≤', '≥', '≈', 'plus', 'minus', 'totalled', 'totaled', 'equals', 'equalled', 'numbered',
];

/** Every way to cut `digits` into distinct numbers in 1..sourceCount without leading zeros (rule 1). */
export function markerReadings(digits: string, sourceCount: number): number[][] {
  const readings: number[][] = [];
  const cut = (rest: string, taken: number[]): void => {
    if (rest === '') {
      readings.push(taken);
      return;
    }
    for (let length = 1; length <= rest.length; length++) {
      if (rest[0] === '0') return;
      const value = Number(rest.slice(0, length));
      if (value > sourceCount) return;
      if (!taken.includes(value)) cut(rest.slice(length), [...taken, value]);
    }
  };
  cut(digits, []);
  return readings.sort(compareReadings);
}

/** Rule 1d: fewest numbers first, then the numbers compared left to right, largest first. Negative when `a` is preferred. */
export function compareReadings(a: number[], b: number[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (b[i] as number) - (a[i] as number);
  return 0;
}

/** "source 12", "sources 11, 2": how warnings name a reading. */
export const readingInWords = (reading: number[]): string =>
  reading.length === 1 ? `source ${reading[0]}` : `sources ${reading.join(', ')}`;

// ---------------------------------------------------------------------------
// Rule 4: the abbreviation definitions the generated text contains

export interface DefinitionModel {
  longForm: string;
  shortForm: string;
}

/**
 * Every "Long Form (SF)" the generator prints. Each short form's capitals are the initials of the
 * long form's words or hyphenated parts (Schwartz–Hearst style), and each is always printed in the
 * same case, so "each pair once" is never a question of case.
 */
export const DEFINITIONS: DefinitionModel[] = [
  { longForm: 'Adult Attachment Interview', shortForm: 'AAI' },
  { longForm: 'Reflective Functioning Questionnaire', shortForm: 'RFQ' },
  { longForm: 'International Trauma Questionnaire', shortForm: 'ITQ' },
  { longForm: 'Emotionally Focused Therapy', shortForm: 'EFT' },
  { longForm: 'Mentalization-Based Treatment', shortForm: 'MBT' },
  { longForm: 'post-traumatic stress disorder', shortForm: 'PTSD' },
  { longForm: 'Complex post-traumatic stress disorder', shortForm: 'complex PTSD' },
];

/** The definitions printed in `text`, in the order they appear. */
export function definitionsIn(text: string): DefinitionModel[] {
  return DEFINITIONS.map((definition) => ({ definition, at: text.indexOf(`${definition.longForm} (${definition.shortForm})`) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at)
    .map(({ definition }) => definition);
}

// ---------------------------------------------------------------------------
// Prose: plausible clinical sentences (capital first, no sentence-final abbreviation, no internal ". X")

/** `fc.oneof` alternative with a weight, typed as the union it contributes to. */
const weighted = <T>(arbitrary: fc.Arbitrary<T>, weight: number): { arbitrary: fc.Arbitrary<T>; weight: number } => ({ arbitrary, weight });
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Subjects, in mid-sentence case (capitalised when they open the sentence). */
const SUBJECTS = [
  'earned security',
  'the construct',
  'the therapeutic relationship',
  'mentalizing',
  'coherence of mind',
  'reflective functioning',
  'a corrective relationship',
  'the modality',
  'attachment-focused work',
  'emotion regulation',
  'the retrospective design',
  'prolonged relational trauma',
  'parental reflective functioning',
  'the couple’s negative cycle',
  'epistemic trust',
  'the client’s narrative',
  'Bowlby’s secure base concept',
  'Ainsworth’s Strange Situation',
  'the Adult Attachment Interview (AAI)', // rule 4: a definition in prose
  'the Emotionally Focused Therapy (EFT) model', // rule 4
  'a course of Mentalization-Based Treatment (MBT)', // rule 4, hyphenated parts
];

/** Subjects that only open a sentence (their case must not change: rule 4's long form is "Complex …"). */
const OPENING_ONLY_SUBJECTS = ['Complex post-traumatic stress disorder (complex PTSD)'];

/** Adverbial openers; the subject keeps its mid-sentence case after them. */
const OPENERS = ['In practice, ', 'Across studies, ', 'For many clients, ', 'Conceptually, ', 'Clinically, '];

const PREDICATES = [
  'is associated with',
  'predicts',
  'supports',
  'depends on',
  'can strengthen',
  'rarely replaces',
  'sits alongside',
  'grows out of',
  'is measured through',
  'helps clinicians formulate',
  'tends to reduce',
  'is often confused with',
  'draws on',
];

const OBJECTS = [
  'a coherent, balanced narrative',
  'secure attachment in the next generation',
  'emotional tolerance without dysregulation',
  'the capacity to think about one’s own mind and others’', // ends in a curly apostrophe
  'later relational functioning',
  'affect regulation in the room',
  '“earned” rather than continuous security',
  'integration – not denial – of a painful history', // spaced en dashes (rule 5)
  'trust in the therapist as a secure base',
  'the intergenerational transmission of insecurity',
  'a shift from defended to reflective accounts',
  'safe closeness within the couple',
  'the client’s sense of agency',
  'what Main called “the level of representation”', // ends in a closing curly quote, marker after it
  'the ‘good enough’ parent the client never had', // curly single quotes (rule 5)
  'symptoms of post-traumatic stress disorder (PTSD)', // rule 4, lower-case long form; ends in ")"
  'scores on the Reflective Functioning Questionnaire (RFQ)', // rule 4
  'ICD-11 symptom clusters measured by the International Trauma Questionnaire (ITQ)', // rule 4
  'a pursue–withdraw pattern between partners', // unspaced en dash
];

const TAILS = [
  '',
  '',
  '',
  ', especially in high-risk samples',
  ' across 24 studies and four databases', // a number inside the sentence is never a marker
  ' (e.g., a grandparent or partner)', // an abbreviation followed by a lower-case word does not end the sentence
  ' in adolescence or adulthood',
  ', as Roisman and colleagues showed',
  ', a point Saunders et al. stress in their discussion',
  ', though the evidence remains mixed',
  ' over 3.5 years of follow-up',
  ' within the first 12 sessions',
  ', which the scoping review calls “definitional heterogeneity”',
  ' – at least in retrospective samples', // a spaced en dash before the marker
];

/** Whole sentences with a shape of their own. */
const STANDALONE_STATEMENTS = [
  '2024 saw the first comprehensive scoping review of the empirical literature', // opens with a number
  '“Earned” security names a trajectory rather than a fixed trait', // opens with a curly quote
  'These do not converge',
  'On mechanism, the evidence is suggestive rather than conclusive',
  'The AAI asks adults to describe childhood relationships, separations, illness, loss, and trauma',
  'Security, on this view, is acquired rather than only inherited',
  'Retrospective vs. prospective designs identify different people as earned-secure', // "vs." mid-sentence
];

const QUESTION_STATEMENTS = [
  'Can security be acquired rather than only inherited',
  'Is a coherent narrative proof of a documented insecure past',
];

/** Sentences whose quotation closes after the period: `… what was done to me.”` (printed unmarked). */
const QUOTATION_ENDED_STATEMENTS = [
  'A new parent seeks help fearing she will “do to my child what was done to me',
  'One client put it simply: “I learned not to need anyone',
];

/**
 * Rule 1b: unmarked sentences ending in a number after a word that cannot end a sentence
 * ("{n}" is replaced by the number; any number is text here, even one with a valid reading).
 */
const NUMBER_AFTER_NON_FINAL_WORD = [
  'The median number of sessions attended was {n}',
  'Mean age at intake was approximately {n}',
  'The cut-off on the screening measure is {n}',
  'Dropouts across both arms totalled {n}',
  'The pilot sample was small, n = {n}',
  'The number of coded transcripts was roughly {n}',
  'Participants in the adolescent arm were aged {n}',
  'The items retained in the short form numbered {n}',
];

/** Rule 1a: unmarked sentences ending in a year after an ordinary word: text only when the year has no valid reading. */
const YEAR_AFTER_FINAL_WORD = [
  'The first scoping review of the construct appeared in {n}',
  'The interview protocol has remained largely unchanged since {n}',
  'Most of the trials had stopped recruiting by {n}',
];
/** Rule 1a: the same with a count ("… range up to 120"). */
const COUNT_AFTER_FINAL_WORD = ['Scores on the long form range up to {n}', 'The coding manual runs to {n}'];

/** The openings of an illustrative example paragraph, as the export prints them (all unmarked). */
const EXAMPLE_OPENINGS = [
  'An adult who describes a cold, unpredictable childhood begins therapy narrating it in flat, dismissing terms (“It was fine, I don’t really remember”)',
  'A couple arrives locked in a pursue–withdraw cycle that neither partner can describe without blame',
];
const EXAMPLE_MIDDLES = [
  'Over months, within a relationally oriented treatment, the clinician holds a steady, attuned presence and gently invites specific memories',
  'The therapist slows the sequence down and asks what each partner felt just before the argument',
];
const EXAMPLE_ENDINGS = [
  'The client gradually reframes “I was always alone” into a more coherent and compassionate account that coexists with the pain',
  'Over time the partners begin to name the fear beneath the anger, and the cycle loses its grip',
];
const EXAMPLE_PREFIX = 'LLM-generated illustrative example (not a guideline): ';

/** Bodies never end in a word of rule 1b, so a marker after them is always read as a marker. */
function assertEndsInOrdinaryWord(body: string): string {
  const last = body.split(/\s+/).pop() ?? '';
  if (WORDS_BEFORE_A_NUMBER.includes(last.toLowerCase()) || /^\d+$/.test(last)) {
    throw new Error(`generator bug: the body "${body}" ends in "${last}", which would change how its marker reads`);
  }
  return body;
}

/** A statement built from subject, predicate, object and an optional tail (rule 5: curly quotes and en dashes included). */
const composedStatement: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.tuple(fc.constant(''), fc.constantFrom(...SUBJECTS)), weight: 5 },
      { arbitrary: fc.tuple(fc.constantFrom(...OPENERS), fc.constantFrom(...SUBJECTS)), weight: 2 },
      { arbitrary: fc.tuple(fc.constant(''), fc.constantFrom(...OPENING_ONLY_SUBJECTS)), weight: 1 },
    ),
    fc.constantFrom(...PREDICATES),
    fc.constantFrom(...OBJECTS),
    fc.constantFrom(...TAILS),
  )
  .map(([[opener, subject], predicate, object, tail]) => capitalise(`${opener}${subject} ${predicate} ${object}${tail}`));

const statementBody: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: composedStatement, weight: 6 },
  { arbitrary: fc.constantFrom(...STANDALONE_STATEMENTS), weight: 1 },
);

/** A marker for an article with `sourceCount` sources: 1–3 distinct sources in any order (rule 1). */
export const markerSources = (sourceCount: number): fc.Arbitrary<number[]> =>
  fc.shuffledSubarray(range(1, sourceCount), { minLength: 1, maxLength: Math.min(3, sourceCount) });

const llmTag = (afterPunctuation: boolean): Support => ({ kind: 'LLM', afterPunctuation });

/** A statement with a marker (rule 1c/1d), the LLM tag before its period, or nothing. */
const supportedStatement = (sourceCount: number): fc.Arbitrary<ClaimModel> =>
  fc
    .tuple(
      fc.oneof(
        { arbitrary: fc.tuple(statementBody, fc.constant<ClaimModel['end']>('.')), weight: 8 },
        { arbitrary: fc.tuple(fc.constantFrom(...QUESTION_STATEMENTS), fc.constant<ClaimModel['end']>('?')), weight: 1 },
      ),
      fc.oneof(
        weighted<Support>(markerSources(sourceCount).map((sources) => ({ kind: 'CITED', sources })), 6),
        weighted<Support>(fc.constant(llmTag(false)), 3),
        weighted<Support>(fc.constant({ kind: 'UNMARKED' }), 1),
      ),
    )
    .map(([[body, end], support]) => ({ body: assertEndsInOrdinaryWord(body), end, support }));

/** Rule 1a/1b: an unmarked sentence ending in a number the parser must leave in the text. */
const numberEndedStatement = (sourceCount: number): fc.Arbitrary<ClaimModel> => {
  const afterNonFinalWord = fc
    .tuple(fc.constantFrom(...NUMBER_AFTER_NON_FINAL_WORD), fc.oneof(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1990, max: 2025 })))
    .map(([template, n]) => ({ template, digits: String(n) }));
  const withoutReading = fc
    .oneof(
      fc.tuple(fc.constantFrom(...YEAR_AFTER_FINAL_WORD), fc.integer({ min: 1985, max: 2025 })),
      fc.tuple(fc.constantFrom(...COUNT_AFTER_FINAL_WORD), fc.integer({ min: 16, max: 400 })),
    )
    .map(([template, n]) => ({ template, digits: String(n) }))
    // Rule 1a only applies when the digits have no valid reading; others would be markers by design.
    .filter(({ digits }) => markerReadings(digits, sourceCount).length === 0);
  return fc
    .oneof(afterNonFinalWord, withoutReading)
    .map(({ template, digits }) => ({ body: template.replace('{n}', digits), end: '.' as const, support: { kind: 'NUMBER', digits } }));
};

const quotationEndedStatement: fc.Arbitrary<ClaimModel> = fc
  .constantFrom(...QUOTATION_ENDED_STATEMENTS)
  .map((body) => ({ body, end: '.”' as const, support: { kind: 'UNMARKED' } }));

/** Any sentence of a prose paragraph except the last one's special forms. */
export const proseClaim = (sourceCount: number): fc.Arbitrary<ClaimModel> =>
  fc.oneof(
    { arbitrary: supportedStatement(sourceCount), weight: 12 },
    { arbitrary: numberEndedStatement(sourceCount), weight: 2 },
    { arbitrary: quotationEndedStatement, weight: 1 },
  );

/** The last sentence of a paragraph may carry its tag or marker after the period ("… state of mind. LLM", "… of mind. 4"). */
const withSupportAfterPunctuation = (claim: ClaimModel): ClaimModel => {
  if (claim.end !== '.') return claim;
  if (claim.support.kind === 'LLM') return { ...claim, support: llmTag(true) };
  if (claim.support.kind === 'CITED') return { ...claim, support: { ...claim.support, afterPunctuation: true } };
  return claim;
};

/** A paragraph of ordinary prose: 1–4 sentences on one line. */
export const proseParagraph = (sourceCount: number): fc.Arbitrary<ParagraphModel> =>
  fc
    .tuple(fc.array(proseClaim(sourceCount), { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([claims, supportAfter]) => ({
      claims: supportAfter ? [...claims.slice(0, -1), withSupportAfterPunctuation(claims[claims.length - 1] as ClaimModel)] : claims,
    }));

/** "LLM-generated illustrative example (not a guideline): …": unmarked sentences, the last one tagged LLM. */
const illustrativeExample: fc.Arbitrary<ParagraphModel> = fc
  .tuple(fc.constantFrom(...EXAMPLE_OPENINGS), fc.subarray(EXAMPLE_MIDDLES, { maxLength: 1 }), fc.constantFrom(...EXAMPLE_ENDINGS), fc.boolean())
  .map(([opening, middles, ending, tagAfter]) => ({
    example: true as const,
    claims: [
      { body: `${EXAMPLE_PREFIX}${opening}`, end: '.' as const, support: { kind: 'UNMARKED' as const } },
      ...middles.map((body) => ({ body, end: '.' as const, support: { kind: 'UNMARKED' as const } })),
      { body: ending, end: '.' as const, support: llmTag(tagAfter) },
    ],
  }));

/** Short statements (a paragraph of one or two of them is no longer than a heading). */
const SHORT_STATEMENTS = ['These do not converge', 'Security can be earned', 'The evidence is mixed', 'Coherence is the marker'];

/**
 * A short paragraph (at most 14 words, like a heading) whose line ends in something other than
 * a bare period: a quotation closing after the period (`… anyone.”`), or the marker or tag after
 * the period (`… converge. 42`, `… converge. LLM`). It is still a paragraph: it follows a heading's
 * blank line but it ends a sentence.
 */
export const shortParagraph = (sourceCount: number): fc.Arbitrary<ParagraphModel> =>
  fc
    .tuple(
      fc.subarray(SHORT_STATEMENTS, { maxLength: 1 }),
      markerSources(sourceCount),
      fc.oneof(
        fc.constant<'quote'>('quote'),
        fc.constant<'marker'>('marker'),
        fc.constant<'tag'>('tag'),
      ),
    )
    .map(([leading, sources, ending]): ParagraphModel => {
      const first = leading.map((body) => ({ body, end: '.' as const, support: { kind: 'CITED' as const, sources } }));
      const last: ClaimModel =
        ending === 'quote'
          ? { body: QUOTATION_ENDED_STATEMENTS[1] as string, end: '.”', support: { kind: 'UNMARKED' } }
          : { body: 'The evidence is still thin', end: '.', support: ending === 'tag' ? llmTag(true) : { kind: 'CITED', sources, afterPunctuation: true } };
      return { claims: [...first, last] };
    });

const paragraph = (sourceCount: number): fc.Arbitrary<ParagraphModel> =>
  fc.oneof({ arbitrary: proseParagraph(sourceCount), weight: 6 }, { arbitrary: illustrativeExample, weight: 1 });

// ---------------------------------------------------------------------------
// Section headings: short lines shaped like the export's, none of them a special section's

const HEADINGS_BEFORE_SMART = [
  'Type & Discipline',
  'Creators & Lineage',
  'Core Principles',
  'Mechanisms of Change',
  'Interventions & Techniques',
  'Assessment & Measurement',
  'Evidence Base',
  'Populations & Indications',
  'Problems-for-Work',
  'Contraindications, Cautions & Cultural Humility',
];
const HEADINGS_AFTER_SMART = ['Common Misconceptions', 'Course & Prognosis', 'Training & Certification'];
export const SMART_HEADING = 'Treatment-Plan Suggestions & SMART Objectives';
export const SMART_HEADER_LINE = 'Goal SMART objective (example) Mechanism';
export const KEY_TERMS_HEADING = 'Key Terms';
export const RESOURCES_HEADING = 'Resources & Further Reading';
export const RESOURCES_LINE = '▶ Watch — a video introduction to this concept:';
export const QUESTIONS_HEADING = 'Reflective / Supervision Questions';

const proseSection = (heading: string, sourceCount: number): fc.Arbitrary<ProseSectionModel> =>
  fc.array(paragraph(sourceCount), { minLength: 1, maxLength: 3 }).map((paragraphs) => ({ type: 'prose', heading, paragraphs }));

const proseSections = (headings: string[], sourceCount: number, minLength: number): fc.Arbitrary<ProseSectionModel[]> =>
  fc
    .subarray(headings, { minLength })
    .chain((chosen) => (chosen.length === 0 ? fc.constant([]) : fc.tuple(...chosen.map((heading) => proseSection(heading, sourceCount)))));

// ---------------------------------------------------------------------------
// Rule 2: SMART rows, "goal objective mechanism marker" with no delimiters

/** Goals: short imperative phrases, capitalised verb first; no capitalised time word inside. */
const GOALS = [
  'Build a coherent attachment narrative',
  'Establish the therapist as a secure base',
  'Strengthen reflective capacity',
  'Increase tolerance of safe closeness',
  'Mobilize alternative support figures',
  'Reduce risk of transmitting insecurity (parent)',
  'Revise negative self-perceptions',
  'Restore trust after an attachment injury (couple)',
  'Track PTSD and DSO symptoms with the ITQ', // acronyms inside the goal
  'Stabilize affect before trauma processing',
];

/** Objectives open with a capitalised time phrase and a lower-case subject. */
const TIME_PHRASES = [
  'Within 16 sessions',
  'Within 10 sessions',
  'Over 8 weeks',
  'Over 12 weeks',
  'By discharge',
  'By week 6',
  'Across 10 sessions',
  'Within 3 months',
  'By the end of treatment',
  'Over the next 6 weeks',
];
const OBJECTIVE_SUBJECTS = ['client', 'parent', 'couple', 'partners', 'the client', 'each partner'];

/** How the objective column ends: the hard part of finding where the mechanism starts. */
export type ObjectiveEnding = 'lowerCaseWord' | 'number' | 'preposition' | 'properNoun' | 'nameThenAcronym';

/**
 * Clauses (after "client will") by ending. Apart from the name that ends a proper-noun clause,
 * capitals inside them only follow "the" (an acronym there cannot open the mechanism: no clause ends in "the").
 */
const OBJECTIVE_CLAUSES: Record<Exclude<ObjectiveEnding, 'nameThenAcronym'>, string[]> = {
  lowerCaseWord: [
    'narrate 2 painful childhood episodes in a balanced way that names both the hurt and the context, without flooding or dismissing',
    'seek emotional support from 1 trusted person during 3 distressing episodes and review the outcomes',
    'reframe 3 self-critical attachment-related beliefs into more accurate, compassionate statements, logged weekly',
    'accurately name the mental state behind 2 confusing relational interactions per week',
    'complete the ITQ at intake and discharge and review the change together',
    'share 1 primary emotion beneath a reactive behaviour without escalation',
  ],
  number: [
    'rate distress during a trauma narrative at or below 4',
    'lower the frequency of escalating arguments from 5 a week to 1',
    'keep peak distress ratings no higher than 30',
    'attend couple sessions on at least 10 of 12',
  ],
  preposition: [
    'name 2 people they can turn to',
    'identify 1 trusted friend to talk it over with',
    'link 3 current reactions to the early experiences they may come from',
    'list the 3 situations they most often withdraw from',
    'name the attachment fears their arguments are really about',
  ],
  properNoun: [
    'complete the Reflective Functioning Questionnaire',
    // Not "complete a repeat Adult Attachment Interview": "complete a repeat" is itself a possible end of the clause.
    'repeat the Adult Attachment Interview',
    'complete the Difficulties in Emotion Regulation Scale', // a name with a lower-case word inside
    'attend 4 sessions of Emotionally Focused Therapy',
  ],
};

/** Instrument names and the mechanisms that open with their acronym ("… Questionnaire" + "ITQ scores …"). */
const NAMES_WITH_ACRONYM_MECHANISMS: Array<{ name: string; mechanism: string }> = [
  { name: 'International Trauma Questionnaire', mechanism: 'ITQ scores index PTSD and DSO severity' },
  { name: 'Reflective Functioning Questionnaire', mechanism: 'RFQ scores track gains in mentalizing' },
  { name: 'Adult Attachment Interview', mechanism: 'AAI coherence predicts infant security' },
  { name: 'Parent Development Interview', mechanism: 'PDI coherence indexes parental reflective functioning' },
];

/** How the mechanism column starts. */
export type MechanismStart = 'capitalisedWord' | 'acronym' | 'possessive';

/**
 * Mechanisms: 1–8 words, the first capitalised (or an acronym, or a possessive), the SECOND in
 * lower case. Later words are lower case or acronyms ("… index PTSD and DSO severity").
 */
const MECHANISMS: Record<MechanismStart, string[]> = {
  capitalisedWord: [
    'Targets the coherence that defines earned security',
    'Corrective relational experience',
    'Reflective functioning supports secure functioning',
    'Counters fear-within-closeness',
    'Alternative support figures as a pathway to earned-security',
    'Coherence predicts next-generation security',
    'Positive sense of self in earned-secure adults',
    'Self-report tracks change across sessions',
    'Enactments restructure attachment bonds',
    'Stabilization before PTSD processing', // an acronym after a preposition inside the mechanism
    'Mentalizing', // one word
    'Co-regulation', // one word, hyphenated
  ],
  acronym: NAMES_WITH_ACRONYM_MECHANISMS.map(({ mechanism }) => mechanism).concat([
    'EFT enactments restructure the attachment bond',
    'DSO symptoms respond to skills-based stabilization',
  ]),
  possessive: [
    "Parent's reflective capacity buffers the child",
    'Therapist’s attunement regulates the dyad',
    "Partner's responsiveness restores felt safety",
    'Client’s narrative coherence signals integration',
  ],
};

const isOneWord = (text: string): boolean => !text.includes(' ');
const hasLaterAcronym = (text: string): boolean => text.split(' ').slice(1).some((word) => /^[A-Z]{2,}$/.test(word));

/**
 * A SMART row. Excluded as undecidable without outside knowledge:
 *  - an objective ending in a proper noun followed by a ONE-word capitalised mechanism ("… complete
 *    the Reflective Functioning Questionnaire Mentalizing 4"): nothing in the row says whether
 *    "Mentalizing" ends the instrument's name or is the mechanism column;
 *  - an objective ending in a preposition followed by a mechanism that opens with an acronym and
 *    names another later ("… they most often withdraw from ITQ scores index PTSD and DSO severity"):
 *    "withdraw from ITQ scores index" and "withdraw from" are both clauses; only knowing that
 *    "index" is the verb decides. The parser reads it one way and warns (AMBIGUOUS_SMART_ROW).
 */
export const smartRow = (sourceCount: number, ending?: ObjectiveEnding, start?: MechanismStart): fc.Arbitrary<SmartRowModel> => {
  const endingArb = ending ? fc.constant(ending) : fc.constantFrom<ObjectiveEnding>('lowerCaseWord', 'number', 'preposition', 'properNoun', 'nameThenAcronym');
  const startArb = start ? fc.constant(start) : fc.constantFrom<MechanismStart>('capitalisedWord', 'acronym', 'possessive');
  const opening = fc.tuple(fc.constantFrom(...TIME_PHRASES), fc.constantFrom(...OBJECTIVE_SUBJECTS)).map(([time, subject]) => `${time}, ${subject} will`);
  const columns = fc.tuple(endingArb, startArb).chain(([end, mechanismStart]) => {
    if (end === 'nameThenAcronym') {
      // The name is followed directly by its acronym as the mechanism's first word.
      return fc.constantFrom(...NAMES_WITH_ACRONYM_MECHANISMS).map(({ name, mechanism }) => ({ clause: `complete the ${name}`, mechanism }));
    }
    const mechanisms = MECHANISMS[mechanismStart].filter(
      (m) => !(end === 'properNoun' && isOneWord(m)) && !(end === 'preposition' && mechanismStart === 'acronym' && hasLaterAcronym(m)),
    );
    return fc.record({ clause: fc.constantFrom(...OBJECTIVE_CLAUSES[end]), mechanism: fc.constantFrom(...mechanisms) });
  });
  return fc
    .record({ goal: fc.constantFrom(...GOALS), opening, columns, sources: markerSources(sourceCount) })
    .map(({ goal, opening: open, columns: { clause, mechanism }, sources }) => ({ goal, objective: `${open} ${clause}`, mechanism, sources }));
};

/** The framing line after the table: "Therapeutic framing." and prose, the last sentence usually tagged. */
const smartProse = (sourceCount: number): fc.Arbitrary<ParagraphModel> =>
  fc.tuple(fc.boolean(), proseParagraph(sourceCount)).map(([framing, prose]) => ({
    claims: framing ? [{ body: 'Therapeutic framing', end: '.' as const, support: { kind: 'UNMARKED' as const }, label: true as const }, ...prose.claims] : prose.claims,
  }));

export const smartSection = (sourceCount: number, rows?: fc.Arbitrary<SmartRowModel[]>): fc.Arbitrary<SmartSectionModel> =>
  fc.record({
    type: fc.constant('smart' as const),
    heading: fc.constant(SMART_HEADING),
    rows: rows ?? fc.array(smartRow(sourceCount), { minLength: 1, maxLength: 7 }),
    prose: smartProse(sourceCount),
  });

// ---------------------------------------------------------------------------
// Rule 5: key terms, "Term (ABBR) – definition marker." run together in one paragraph

const KEY_TERMS: Array<Omit<KeyTermModel, 'support'>> = [
  { term: 'Earned security', abbreviation: null, definition: 'a secure adult state of mind regarding attachment achieved despite an apparently insecure early history, evidenced by a coherent narrative' },
  { term: 'Earned-secure subtype', abbreviation: 'F3b', definition: 'the AAI scoring subgroup distinguishing earned from continuously secure (F3a) speakers' },
  { term: 'Adult Attachment Interview', abbreviation: 'AAI', definition: 'a structured interview probing childhood attachment experiences, coded for coherence and state of mind, that moved attachment study “to the level of representation”' },
  { term: 'Coherence of mind', abbreviation: null, definition: 'the capacity to discuss attachment history in a balanced, consistent, credible way while valuing relationships; the hallmark of security' },
  { term: 'Alternative support figures', abbreviation: null, definition: 'non-parental sources of emotional support (e.g., grandparent, partner, therapist) associated with earned-security' },
  { term: 'Retrospective vs. prospective earned-security', abbreviation: null, definition: 'two non-converging ways of identifying earned-secures, by inferring an insecure past from a present secure AAI versus by following documented early insecurity forward' },
  { term: 'Reflective Functioning Questionnaire', abbreviation: 'RFQ', definition: 'a brief self-report measure of certainty and uncertainty about mental states' },
  { term: 'International Trauma Questionnaire', abbreviation: 'ITQ', definition: 'a self-report measure of the ICD-11 symptoms of PTSD and complex PTSD' },
  { term: 'Mentalizing', abbreviation: null, definition: 'understanding one’s own and others’ behaviour in terms of mental states' },
  { term: 'Epistemic trust', abbreviation: null, definition: 'openness to learning from others as personally relevant and generalizable knowledge' },
  { term: 'Emotionally Focused Therapy', abbreviation: 'EFT', definition: 'a humanistic, attachment-based couple therapy organized in three stages' },
  { term: 'Pursue–withdraw cycle', abbreviation: null, definition: 'the negative interaction pattern in which one partner’s protest meets the other’s distancing' },
];

export const keyTermsSection = (sourceCount: number): fc.Arbitrary<KeyTermsSectionModel> =>
  fc
    .shuffledSubarray(KEY_TERMS, { minLength: 1, maxLength: 6 })
    .chain((terms) =>
      fc.tuple(
        ...terms.map((term) =>
          fc
            .oneof(
              weighted<KeyTermModel['support']>(markerSources(sourceCount).map((sources) => ({ kind: 'CITED', sources })), 5),
              weighted<KeyTermModel['support']>(fc.constant({ kind: 'LLM', afterPunctuation: false }), 1),
            )
            .map((support) => ({ ...term, support })),
        ),
      ),
    )
    .map((terms) => ({ type: 'keyTerms', heading: KEY_TERMS_HEADING, terms }));

// ---------------------------------------------------------------------------
// Reflective questions: bullets "  • … marker?"

const QUESTIONS = [
  'When a client narrates a hard childhood with balance and compassion, am I crediting them with “earned security,” or am I inferring a past I cannot verify',
  'How am I functioning as a secure base in this work, and where do I notice the client testing whether I will be predictable and safe',
  'Am I helping this client integrate adversity into a coherent narrative, or subtly steering them toward forgiving their attachment figures',
  'Where am I operating beyond my training, and when should I refer for specialized assessment',
  'How does this client’s cultural frame shape what counts as a “good enough” parent',
  'What would change in my formulation if the client’s security were continuous rather than earned',
];

export const questionsSection = (sourceCount: number): fc.Arbitrary<QuestionsSectionModel> =>
  fc
    .shuffledSubarray(QUESTIONS, { minLength: 1, maxLength: 5 })
    .chain((bodies) =>
      fc.tuple(
        ...bodies.map((body) =>
          fc
            .oneof(
              weighted<Support>(markerSources(sourceCount).map((sources) => ({ kind: 'CITED', sources })), 5),
              weighted<Support>(fc.constant(llmTag(false)), 1),
            )
            .map((support): ClaimModel => ({ body, end: '?', support })),
        ),
      ),
    )
    .map((questions) => ({ type: 'questions', heading: QUESTIONS_HEADING, questions }));

// ---------------------------------------------------------------------------
// Sources: "  1. Authors (year). Title. Venue. — linkT1"

const AUTHORS = [
  'Roisman, G. I., Padrón, E., Sroufe, L. A., & Egeland, B.',
  'Filosa, M., Sharp, C., Gori, A., & Musetti, A.',
  'Saunders, R., Jacobvitz, D., Zaccagnino, M., Beverung, L. M., & Hazen, N.',
  'Bateman, A., & Fonagy, P.',
  'Johnson, S. M.',
  'Cloitre, M., Shevlin, M., Brewin, C. R., Bisson, J. I., Roberts, N. P., Maercker, A., Karatzias, T., & Hyland, P.',
  'Fonagy, P., Luyten, P., Moulton-Perkins, A., Lee, Y.-W., Warren, F., Howard, S., Ghinai, R., Fearon, P., & Lowyck, B.',
];
const TITLES = [
  'Earned-secure attachment status in retrospect and prospect',
  'A comprehensive scoping review of empirical studies on earned secure attachment',
  'Pathways to earned-security: The role of alternative support figures',
  'Mentalization-based treatment for personality disorders: A practical guide',
  'The International Trauma Questionnaire: Development of a self-report measure of ICD-11 PTSD and complex PTSD',
  'Development and validation of a self-report measure of mentalizing: The Reflective Functioning Questionnaire',
];
const VENUES = [
  'Child Development, 73(4), 1204-1219.',
  'Psychological Reports.',
  'Attachment & Human Development, 13(4), 403-420.',
  'Oxford University Press.',
  'Acta Psychiatrica Scandinavica, 138(6), 536-546.',
  'PLOS ONE, 11(7), e0158678.',
];
const OTHER_REFERENCES = [
  'The Attachment Project. From attachment insecurity to earned secure attachment.',
  'Video: Earned Secure Attachment and Authenticity (LynnFraserStillpoint). YouTube.',
  'Ng-Kessler, B. (2026). What ‘Punch’ taught us about earned secure attachment. Psychology Today, When Therapy Meets Cultures blog.',
];

const source: fc.Arbitrary<SourceModel> = fc.record({
  citation: fc.oneof(
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...AUTHORS), fc.integer({ min: 1969, max: 2026 }), fc.constantFrom(...TITLES), fc.constantFrom(...VENUES), fc.boolean())
        .map(([authors, year, title, venue, doi]) => `${authors} (${year}). ${title}. ${venue}${doi ? ` https://doi.org/10.1234/example.${year}` : ''}`),
      weight: 4,
    },
    { arbitrary: fc.constantFrom(...OTHER_REFERENCES), weight: 1 },
  ),
  tier: fc.constantFrom<EvidenceTier>('T1', 'T2', 'T3'),
});

// ---------------------------------------------------------------------------
// The article

/** Rule 3: the kind line's first field, as the export may print it. */
export const KIND_SPELLINGS: Record<ModelEntryKind, string[]> = {
  CONSTRUCT: ['construct', 'Construct', 'CONSTRUCTS'],
  MODALITY: ['modality', 'Modalities'],
  PROBLEM_FOR_WORK: ['problem-for-work', 'problems-for-work', 'Problems for work', 'problem for work'],
};
const TITLES_BY_KIND: Record<ModelEntryKind, string[]> = {
  CONSTRUCT: ['Earned Security', 'Reflective Functioning', 'Epistemic Trust', 'Attachment Security'],
  MODALITY: ['Emotionally Focused Therapy', 'Mentalization-Based Treatment', 'Schema Therapy'],
  PROBLEM_FOR_WORK: ['Complex PTSD', 'Insecure Attachment', 'Emotion Dysregulation'],
};
const DISCIPLINES = ['Developmental / clinical psychology', 'Clinical psychology / psychiatry', 'Couple and family therapy', 'Trauma psychology'];
const TRADITIONS = ['Attachment theory', 'Psychodynamic, attachment-informed', 'Humanistic-experiential', 'Trauma-focused cognitive-behavioural'];
const SUMMARIES = [
  '{title} describes how adults with adverse attachment histories can nonetheless arrive at a coherent, secure state of mind, often through reflection or a corrective relationship. It is well established within attachment theory, though how it is measured remains contested.',
  '{title} is a structured, attachment-informed approach that strengthens the capacity to understand behaviour in terms of mental states.',
  '{title} names a pattern of difficulties that follows prolonged relational trauma. Its boundaries with neighbouring presentations are still debated.',
];
const FIGURES = [
  {
    description: 'A flow diagram showing an adverse attachment history leading through a reflective, relational route to integration of adversity and finally to a coherent, secure state of mind.',
    caption: 'The route to earned security: an adverse history reworked through reflection and corrective relationships into an integrated, coherent secure state of mind.',
  },
  {
    description: 'A cycle diagram with pursue and withdraw arrows circling a shared fear of disconnection.',
    caption: 'The negative cycle: each partner’s protection is the other’s threat.',
  },
];
const SEE_ALSO = ['Earned Security', 'Mentalization-Based Treatment', 'Emotionally Focused Therapy', 'Complex PTSD', 'Reflective Functioning', 'Insecure Attachment'];

export interface ArticleOptions {
  /** Fixes the number of listed sources (1–15 otherwise, biased to 10+ where two-digit markers appear). */
  sourceCount?: fc.Arbitrary<number>;
  /** Replaces the generated body sections (given the source count). */
  body?: (sourceCount: number) => fc.Arbitrary<BodySectionModel[]>;
}

/** Every section of a full article, in the export's order. */
const fullBody = (sourceCount: number): fc.Arbitrary<BodySectionModel[]> =>
  fc
    .record({
      before: proseSections(HEADINGS_BEFORE_SMART, sourceCount, 1),
      smart: fc.option(smartSection(sourceCount), { nil: null }),
      after: proseSections(HEADINGS_AFTER_SMART, sourceCount, 0),
      keyTerms: fc.option(keyTermsSection(sourceCount), { nil: null }),
      resources: fc.boolean(),
      questions: fc.option(questionsSection(sourceCount), { nil: null }),
    })
    .map(({ before, smart, after, keyTerms, resources, questions }) => [
      ...before,
      ...(smart ? [smart] : []),
      ...after,
      ...(keyTerms ? [keyTerms] : []),
      ...(resources ? [{ type: 'resources' as const, heading: RESOURCES_HEADING }] : []),
      ...(questions ? [questions] : []),
    ]);

export const sourceCounts = fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 10, max: 15 }));

export const articleModel = (options: ArticleOptions = {}): fc.Arbitrary<ArticleModel> =>
  (options.sourceCount ?? sourceCounts).chain((sourceCount) =>
    fc
      .constantFrom<ModelEntryKind>('CONSTRUCT', 'MODALITY', 'PROBLEM_FOR_WORK')
      .chain((entryKind) =>
        fc.record({
          kindPrinted: fc.constantFrom(...KIND_SPELLINGS[entryKind]),
          entryKind: fc.constant(entryKind),
          discipline: fc.constantFrom(...DISCIPLINES),
          tradition: fc.constantFrom(...TRADITIONS),
          title: fc.constantFrom(...TITLES_BY_KIND[entryKind]),
          summary: fc.constantFrom(...SUMMARIES),
          upvotes: fc.oneof(fc.constant(0), fc.integer({ min: 2, max: 480 })),
          figure: fc.option(fc.constantFrom(...FIGURES), { nil: null }),
          sections: (options.body ?? fullBody)(sourceCount),
          sources: fc.array(source, { minLength: sourceCount, maxLength: sourceCount }),
          seeAlso: fc.subarray(SEE_ALSO, { maxLength: 3 }),
          provenance: fc.record({
            model: fc.constantFrom('claude-opus-4-8', 'claude-sonnet-4-6'),
            version: fc.constantFrom('1.0', '1.1'),
            generatedAt: fc.constantFrom('2026-06-04', '2026-07-01'),
            readMinutes: fc.integer({ min: 2, max: 40 }),
            // As in the sample, the stated count may lag the listed sources; markers count the LISTED ones.
            statedSourceCount: fc.constantFrom(sourceCount, Math.max(sourceCount - 1, 1)),
          }),
        }),
      )
      .map((model) => ({ ...model, summary: model.summary.replace('{title}', model.title) })),
  );

// ---------------------------------------------------------------------------
// Rendering, exactly as the export writes it

export const BANNER = 'Therapy AlignedTM Clinical Wiki';
export const LLM_WARNING = '⚠︎ LLM-generated — verify before clinical use. Sentences are marked with a source or an LLM tag.';
export const BOILERPLATE_AFTER_PROVENANCE = [
  '',
  'Suggest a revision',
  '',
  'Spotted an error or have something to add? Submit a sourced revision — we draft it, email you, and add it once you approve.',
  '',
  'Public credit preference',
  '⚠︎ Do not include any client-identifying or protected health information (PHI). Describe clinical experience in general, de-identified terms only.',
];

/** The marker as printed: sources run together ("42", "1011"). */
export const markerDigits = (sources: number[]): string => sources.join('');

/** One sentence as printed. */
export function renderClaim(claim: ClaimModel): string {
  const { body, end, support } = claim;
  switch (support.kind) {
    case 'CITED':
      return support.afterPunctuation ? `${body}${end} ${markerDigits(support.sources)}` : `${body} ${markerDigits(support.sources)}${end}`;
    case 'LLM':
      return support.afterPunctuation ? `${body}${end} LLM` : `${body} LLM${end}`;
    case 'UNMARKED':
    case 'NUMBER':
      return `${body}${end}`;
  }
}

export const renderParagraph = (paragraph: ParagraphModel): string => paragraph.claims.map(renderClaim).join(' ');

export const renderSmartRow = (row: SmartRowModel): string => `${row.goal} ${row.objective} ${row.mechanism} ${markerDigits(row.sources)}`;

export function renderKeyTerm(term: KeyTermModel): string {
  const printed = term.abbreviation ? `${term.term} (${term.abbreviation})` : term.term;
  const marker = term.support.kind === 'CITED' ? markerDigits(term.support.sources) : 'LLM';
  return `${printed} – ${term.definition} ${marker}.`;
}

/** Where each part of the model landed: 1-based line numbers. */
export interface ArticleLayout {
  figureCaptionLine: number | null;
  /** Per body section: the line of each paragraph, SMART row (then the SMART prose line), key-terms paragraph or bullet. */
  sections: number[][];
}

export interface RenderedArticle {
  text: string;
  layout: ArticleLayout;
}

export function renderArticle(model: ArticleModel): RenderedArticle {
  const lines: string[] = [];
  const write = (line: string): number => lines.push(line);
  write(BANNER);
  write(LLM_WARNING);
  write(`${model.kindPrinted} · ${model.discipline} · ${model.tradition}`);
  write('');
  write(model.title);
  write('');
  write(model.summary);
  write('');
  write(`${model.upvotes} upvotes`);
  let figureCaptionLine: number | null = null;
  if (model.figure) {
    write(model.figure.description);
    figureCaptionLine = write(`${model.figure.caption} LLM`);
  }
  const sections = model.sections.map((section) => {
    write('');
    write(section.heading);
    write('');
    switch (section.type) {
      case 'prose':
        return section.paragraphs.map((p, i) => {
          if (i > 0) write('');
          return write(renderParagraph(p));
        });
      case 'smart':
        write(SMART_HEADER_LINE);
        return [...section.rows.map((row) => write(renderSmartRow(row))), write(renderParagraph(section.prose))];
      case 'keyTerms':
        return [write(section.terms.map(renderKeyTerm).join(' '))];
      case 'resources':
        write(RESOURCES_LINE);
        return [];
      case 'questions':
        return section.questions.map((q) => write(`  • ${renderClaim(q)}`));
    }
  });
  write('');
  write('Sources');
  write('');
  model.sources.forEach((s, i) => write(`  ${i + 1}. ${s.citation} — link${s.tier}`));
  write('');
  write('See also');
  write('');
  if (model.seeAlso.length > 0) {
    model.seeAlso.forEach((name) => write(name));
    write('');
  }
  const p = model.provenance;
  const count = `${p.statedSourceCount} ${p.statedSourceCount === 1 ? 'source' : 'sources'}`;
  write(
    `Provenance. This article is AI-generated (model: ${p.model}) · version ${p.version} · last generated ${p.generatedAt} · ${p.readMinutes} min read · ${count}. Claims carry a source marker or an LLM tag; illustrative clinical examples are LLM-generated, not guidelines.`,
  );
  BOILERPLATE_AFTER_PROVENANCE.forEach(write);
  return { text: lines.join('\n'), layout: { figureCaptionLine, sections } };
}

// ---------------------------------------------------------------------------
// The expected parse: the comparable view of an article, built from the model (the oracle)

export interface ClaimView {
  text: string;
  provenance: ClaimProvenance;
  sourceNumbers: number[];
  line: number;
}

export interface WarningView {
  line: number;
  code: string;
  found?: string;
  reading?: string;
  alternatives?: string[];
}

export interface ArticleView {
  title: string;
  header: { kind: string; discipline: string | null; tradition: string | null };
  entryKind: string | undefined;
  summary: string;
  upvotes: number;
  figure: { description: string | null; caption: ClaimView | null } | null;
  sections: Array<{ heading: string; claims: ClaimView[] }>;
  smartObjectives: Array<{ row: string; goal: string; objective: string; mechanism: string; sourceNumbers: number[] }>;
  keyTerms: Array<{ term: string; aliases: string[]; definition: string; sourceNumbers: number[] }>;
  reflectiveQuestions: ClaimView[];
  sources: Array<{ number: number; tier: string }>;
  seeAlso: string[];
  provenance: { model: string | null; version: string | null; generatedAt: string | null; readMinutes: number | null; statedSourceCount: number | null };
  definitions: Array<{ longForm: string; shortForm: string; line: number }>;
  warnings: WarningView[];
}

const byLineThenCode = (a: WarningView, b: WarningView): number =>
  a.line - b.line || a.code.localeCompare(b.code) || (a.found ?? '').localeCompare(b.found ?? '');

const claimView = (claim: ParsedClaim): ClaimView => ({
  text: claim.text,
  provenance: claim.provenance,
  sourceNumbers: claim.sourceNumbers,
  line: claim.line,
});

/** What the parser returned, reduced to what the model determines. */
export function observedView(article: ParsedArticle): ArticleView {
  return {
    title: article.title,
    header: article.header,
    entryKind: entryKindOf(article.header.kind),
    summary: article.summary,
    upvotes: article.upvotes,
    figure: article.figure && { description: article.figure.description, caption: article.figure.caption && claimView(article.figure.caption) },
    sections: article.sections.map((s) => ({ heading: s.heading, claims: s.claims.map(claimView) })),
    smartObjectives: article.smartObjectives.map(({ row, goal, objective, mechanism, sourceNumbers }) => ({ row, goal, objective, mechanism, sourceNumbers })),
    keyTerms: article.keyTerms.map(({ term, aliases, definition, sourceNumbers }) => ({ term, aliases, definition, sourceNumbers })),
    reflectiveQuestions: article.reflectiveQuestions.map(claimView),
    sources: article.sources.map(({ number, tier }) => ({ number, tier })),
    seeAlso: article.seeAlso,
    provenance: article.provenance,
    definitions: (article.definitions ?? []).map(({ longForm, shortForm, line }) => ({ longForm, shortForm, line })),
    warnings: (article.warnings ?? [])
      .map(({ line, code, found, reading, alternatives }): WarningView => {
        // A trailing number kept as text: the reading is "text"; what it might have been is not fixed by the rules.
        if (code === 'NUMBER_NOT_MARKER') return { line, code, found, reading };
        return { line, code, found, reading, alternatives: [...alternatives].sort() };
      })
      .sort(byLineThenCode),
  };
}

/** Rule 1: the provenance and sources a support resolves to, and the warning it owes. */
function expectedSupport(support: Support, sourceCount: number, line: number, warnings: WarningView[]): Pick<ClaimView, 'provenance' | 'sourceNumbers'> {
  switch (support.kind) {
    case 'LLM':
      return { provenance: 'LLM', sourceNumbers: [] };
    case 'UNMARKED':
      return { provenance: 'UNMARKED', sourceNumbers: [] };
    case 'NUMBER':
      warnings.push({ line, code: 'NUMBER_NOT_MARKER', found: support.digits, reading: 'text' });
      return { provenance: 'UNMARKED', sourceNumbers: [] };
    case 'CITED': {
      const digits = markerDigits(support.sources);
      const readings = markerReadings(digits, sourceCount);
      const [chosen, ...others] = readings;
      // The generator's own reading is always valid; if not, the generator is wrong, not the parser.
      if (!chosen || !readings.some((r) => r.join() === support.sources.join())) throw new Error(`generator bug: marker ${digits} with ${sourceCount} sources`);
      if (others.length > 0) {
        warnings.push({ line, code: 'AMBIGUOUS_MARKER', found: digits, reading: readingInWords(chosen), alternatives: others.map(readingInWords).sort() });
      }
      return { provenance: 'CITED', sourceNumbers: chosen };
    }
  }
}

function expectedClaim(claim: ClaimModel, sourceCount: number, line: number, warnings: WarningView[]): ClaimView {
  return { text: `${claim.body}${claim.end}`, ...expectedSupport(claim.support, sourceCount, line, warnings), line };
}

/** A paragraph's claims as the parser gives them: run-in labels are no claims; an example's unmarked sentences are LLM. */
function expectedParagraph(paragraph: ParagraphModel, sourceCount: number, line: number, warnings: WarningView[]): ClaimView[] {
  return paragraph.claims
    .filter((claim) => !claim.label)
    .map((claim) => expectedClaim(claim, sourceCount, line, warnings))
    .map((claim) => (paragraph.example && claim.provenance === 'UNMARKED' ? { ...claim, provenance: 'LLM' } : claim));
}

/** The parse the model and its layout call for. */
export function expectedView(model: ArticleModel, layout: ArticleLayout, text: string): ArticleView {
  const sourceCount = model.sources.length;
  const warnings: WarningView[] = [];
  const textLines = text.split('\n');
  const definitionLines: number[] = [];
  const view: ArticleView = {
    title: model.title,
    header: { kind: model.kindPrinted.toLowerCase(), discipline: model.discipline, tradition: model.tradition },
    entryKind: model.entryKind,
    summary: model.summary,
    upvotes: model.upvotes,
    figure: model.figure && {
      description: model.figure.description,
      caption: { text: model.figure.caption, provenance: 'LLM', sourceNumbers: [], line: layout.figureCaptionLine as number },
    },
    sections: [],
    smartObjectives: [],
    keyTerms: [],
    reflectiveQuestions: [],
    sources: model.sources.map((s, i) => ({ number: i + 1, tier: s.tier })),
    seeAlso: model.seeAlso,
    provenance: model.provenance,
    definitions: [],
    warnings,
  };
  model.sections.forEach((section: BodySectionModel, index) => {
    const lines = layout.sections[index] as number[];
    const claims: ClaimView[] = [];
    switch (section.type) {
      case 'prose':
        section.paragraphs.forEach((p, i) => {
          const line = lines[i] as number;
          claims.push(...expectedParagraph(p, sourceCount, line, warnings));
          definitionLines.push(line);
        });
        break;
      case 'smart': {
        section.rows.forEach((row, i) => {
          const line = lines[i] as number;
          const { sourceNumbers } = expectedSupport({ kind: 'CITED', sources: row.sources }, sourceCount, line, warnings);
          view.smartObjectives.push({ row: textLines[line - 1] as string, goal: row.goal, objective: row.objective, mechanism: row.mechanism, sourceNumbers });
        });
        const proseLine = lines[section.rows.length] as number;
        claims.push(...expectedParagraph(section.prose, sourceCount, proseLine, warnings));
        definitionLines.push(proseLine);
        break;
      }
      case 'keyTerms': {
        const line = lines[0] as number;
        for (const term of section.terms) {
          const { sourceNumbers } = expectedSupport(term.support, sourceCount, line, warnings);
          view.keyTerms.push({ term: term.term, aliases: term.abbreviation ? [term.abbreviation] : [], definition: term.definition, sourceNumbers });
        }
        definitionLines.push(line);
        break;
      }
      case 'resources':
        break;
      case 'questions': {
        const questions = section.questions.map((q, i) => expectedClaim(q, sourceCount, lines[i] as number, warnings));
        claims.push(...questions);
        view.reflectiveQuestions.push(...questions);
        break;
      }
    }
    view.sections.push({ heading: section.heading, claims });
  });
  // Rule 4: each "Long Form (SF)" of the prose and key terms once, at its first line.
  const seen = new Set<string>();
  for (const line of definitionLines) {
    for (const { longForm, shortForm } of definitionsIn(textLines[line - 1] as string)) {
      if (seen.has(`${longForm}\u0000${shortForm}`)) continue;
      seen.add(`${longForm}\u0000${shortForm}`);
      view.definitions.push({ longForm, shortForm, line });
    }
  }
  warnings.sort(byLineThenCode);
  return view;
}

// ---------------------------------------------------------------------------
// Hand-built models, for named regression cases

const sourceNumbered = (n: number): SourceModel => ({
  citation: `Author, A. (20${String(10 + (n % 15)).padStart(2, '0')}). Study number ${n} of attachment and change. Journal of Examples, ${n}(1), 1-10.`,
  tier: (['T1', 'T2', 'T3'] as const)[n % 3] as EvidenceTier,
});

/** A small valid article around the given body sections (one prose section by default). */
export function minimalArticle(sourceCount: number, sections: BodySectionModel[], overrides: Partial<ArticleModel> = {}): ArticleModel {
  return {
    kindPrinted: 'construct',
    entryKind: 'CONSTRUCT',
    discipline: 'Developmental / clinical psychology',
    tradition: 'Attachment theory',
    title: 'Earned Security',
    summary: 'Earned security describes how adults with adverse attachment histories can arrive at a coherent, secure state of mind.',
    upvotes: 0,
    figure: null,
    sections,
    sources: range(1, sourceCount).map(sourceNumbered),
    seeAlso: [],
    provenance: { model: 'claude-opus-4-8', version: '1.0', generatedAt: '2026-06-04', readMinutes: 24, statedSourceCount: sourceCount },
    ...overrides,
  };
}

/** One prose section holding one paragraph per argument. */
export const proseOnly = (...paragraphs: ClaimModel[][]): BodySectionModel[] => [
  { type: 'prose', heading: 'Evidence Base', paragraphs: paragraphs.map((claims) => ({ claims })) },
];

export const cited = (body: string, ...sources: number[]): ClaimModel => ({ body, end: '.', support: { kind: 'CITED', sources } });
export const tagged = (body: string, afterPunctuation = false): ClaimModel => ({ body, end: '.', support: { kind: 'LLM', afterPunctuation } });
export const unmarked = (body: string): ClaimModel => ({ body, end: '.', support: { kind: 'UNMARKED' } });
/** An unmarked sentence ending in a number that must stay text (rule 1a/1b). */
export const endsInNumber = (body: string): ClaimModel => ({ body, end: '.', support: { kind: 'NUMBER', digits: body.split(' ').pop() as string } });

export const smartOnly = (rows: SmartRowModel[], prose: ClaimModel[] = [tagged('Therapeutic framing keeps these objectives inside recognized therapies')]): BodySectionModel[] => [
  { type: 'prose', heading: 'Core Principles', paragraphs: [{ claims: [tagged('Security can be acquired rather than only inherited')] }] },
  { type: 'smart', heading: SMART_HEADING, rows, prose: { claims: prose } },
];
