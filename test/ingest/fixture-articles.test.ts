import { readFileSync } from 'fs';
import * as path from 'path';
import type { ClaimProvenance, ParsedArticle, ParsedClaim } from '../../src/model/article';
import { entryKindOf } from '../../src/ingest/entry-kind';
import { parseArticle } from '../../src/ingest/parse-article';

/**
 * Three hand-written articles in the export format, each with the exact parse
 * expected under the reading rules (1: markers; 2: SMART rows; 3: the kind
 * line; 4: abbreviation definitions; 5: key terms, curly quotes, en dashes;
 * 6: warnings only where a reading is in doubt). Every expectation below was
 * written from the rules, sentence by sentence, not copied from a parser run.
 */

const fixture = (name: string): string => readFileSync(path.join(__dirname, '../fixtures', name), 'utf8');

type ClaimRow = [line: number, provenance: ClaimProvenance, sourceNumbers: number[], text: string];
const cited = (line: number, text: string, ...sources: number[]): ClaimRow => [line, 'CITED', sources, text];
const llm = (line: number, text: string): ClaimRow => [line, 'LLM', [], text];
const unmarked = (line: number, text: string): ClaimRow => [line, 'UNMARKED', [], text];
/** A sentence of an "LLM-generated illustrative example" paragraph: the label speaks for all of them. */
const exampleSentence = (line: number, text: string): ClaimRow => [line, 'LLM', [], text];

const rowOf = (claim: ParsedClaim): ClaimRow => [claim.line, claim.provenance, claim.sourceNumbers, claim.text];
const claimsBySection = (article: ParsedArticle): Array<[string, ClaimRow[]]> => article.sections.map((s) => [s.heading, s.claims.map(rowOf)]);

type SmartRow = [goal: string, objective: string, mechanism: string, sourceNumbers: number[]];
const smartRows = (article: ParsedArticle) => article.smartObjectives.map((o): SmartRow => [o.goal, o.objective, o.mechanism, o.sourceNumbers]);

type KeyTermRow = [term: string, aliases: string[], definition: string, sourceNumbers: number[]];
const keyTermRows = (article: ParsedArticle) => article.keyTerms.map((t): KeyTermRow => [t.term, t.aliases, t.definition, t.sourceNumbers]);

const warningRows = (article: ParsedArticle) => article.warnings.map(({ line, code }) => ({ line, code }));
const markerWarnings = (article: ParsedArticle) =>
  article.warnings.filter((w) => w.code === 'AMBIGUOUS_MARKER').map(({ line, found, reading, alternatives }) => ({ line, found, reading, alternatives }));
const byLine = <T extends { line: number; shortForm: string }>(a: T, b: T): number => a.line - b.line || a.shortForm.localeCompare(b.shortForm);
const definitionRows = (article: ParsedArticle) => article.definitions.map(({ longForm, shortForm, line }) => ({ longForm, shortForm, line })).sort(byLine);

// ---------------------------------------------------------------------------

describe('Emotionally Focused Therapy: a modality with 8 sources', () => {
  const text = fixture('emotionally-focused-therapy.wiki.txt');
  const article = parseArticle(text);

  it('reads header, title, summary, upvotes and the figure', () => {
    expect(article.header).toEqual({ kind: 'modality', discipline: 'Couple and family therapy', tradition: 'Humanistic-experiential, attachment-based' });
    expect(entryKindOf(article.header.kind)).toBe('MODALITY');
    expect(article.title).toBe('Emotionally Focused Therapy');
    expect(article.summary).toBe(
      'Emotionally Focused Therapy is a short-term, attachment-based couple therapy that reshapes rigid negative interaction cycles into bonding interactions. It is one of the most researched couple therapies, though most of its trials are small.',
    );
    expect(article.upvotes).toBe(37);
    expect(article.figure).toEqual({
      description: 'A cycle diagram with “pursue” and “withdraw” arrows circling a shared fear of disconnection, with a softening event breaking the loop.',
      caption: {
        text: 'The negative cycle: each partner’s protection is the other’s threat, until a softening event lets both reach for contact.',
        provenance: 'LLM',
        sourceNumbers: [],
        line: 11,
      },
    });
  });

  it('reads every sentence: text, provenance, sources, line', () => {
    expect(claimsBySection(article)).toEqual([
      [
        'Type & Discipline',
        [
          llm(15, 'Emotionally Focused Therapy (EFT) is a modality a clinician delivers, not a construct or a diagnosis.'),
          cited(15, 'It was developed for couples in the 1980s by Sue Johnson and Les Greenberg, integrating humanistic-experiential and systemic approaches.', 1),
          // "12" with 8 sources: 12 is not a source, so 1, 2 is the only reading.
          cited(15, 'EFT treats the couple’s negative cycle – not either partner – as the problem.', 1, 2),
          cited(15, 'It is organised in three stages and nine steps.', 1),
        ],
      ],
      [
        'Creators & Lineage',
        [
          cited(19, 'The model grows out of Bowlby’s attachment theory, read as a theory of adult love.', 2),
          cited(19, 'It draws on Carl Rogers’ client-centred stance and on structural systems theory, which together supply the focus on present emotion and on interactional positions.', 1),
          cited(19, 'Johnson later extended the approach to families and to individuals, the latter as Emotionally Focused Individual Therapy.', 3),
          cited(19, 'Emotionally Focused Therapy (EFT) remains, first of all, a couple therapy.', 3),
        ],
      ],
      [
        'Core Principles',
        [
          cited(23, 'The first principle is that adult love is an attachment bond, and that distress reflects threats to that bond rather than deficits in skill.', 2),
          cited(23, 'The second is that emotion organises attachment behaviour: a partner who pursues is often protesting disconnection, and a partner who withdraws is often managing a fear of failure.', 4),
          cited(23, 'The third is that change comes from new emotional experience in the session, not from insight alone.', 4, 2),
          llm(23, 'Security, on this view, is built in the room – one enactment at a time.'),
        ],
      ],
      [
        'Interventions & Techniques',
        [
          cited(27, 'In stage 1, the therapist tracks the cycle, reflects and validates each partner’s reactive emotion, and reframes the problem as the cycle.', 1),
          cited(27, 'Stage 2 restructures the bond through withdrawer re-engagement and blamer softening, enactments in which a partner reaches for the other from a place of vulnerability.', 5),
          cited(27, 'In stage 3, the couple consolidates new positions and finds fresh solutions to old problems.', 1),
          cited(27, 'Typical interventions include empathic conjecture, heightening, and “slowing down” the moment of disconnection.', 7, 8),
          exampleSentence(29, 'LLM-generated illustrative example (not a guideline): A couple arrives locked in a pursue–withdraw cycle over household tasks, and one partner says, “It always ends the same way.”'),
          exampleSentence(29, 'The therapist slows the sequence down and asks what each partner felt just before the argument.'),
          // The tag after the period: "… softens. LLM".
          llm(29, 'Over several sessions, the withdrawing partner says, “When you get angry I freeze, because I’m sure I’ve already failed you,” and the pursuing partner softens.'),
        ],
      ],
      [
        'Evidence Base',
        [
          cited(33, 'A meta-analysis of randomized trials found a large effect on relationship distress at post-treatment.', 6),
          // Rule 1b: "was" cannot end a sentence, so 8 is text although source 8 exists.
          unmarked(33, 'Across the included trials, the median number of sessions was 8.'),
          // A number, then the marker: the word before "6" is "11", so 6 is the marker.
          cited(33, 'In the largest trial, the mean number of sessions was 11.', 6),
          cited(33, 'Most couples recovered, with gains largely maintained at follow-up.', 6),
          cited(33, 'Effects on individual depression and trauma symptoms are promising but rest on fewer and smaller studies.', 7),
          // Rule 1a: "2002" has no reading with 8 sources.
          unmarked(33, 'An adaptation for couples facing a partner’s trauma was described in 2002.'),
          // Rule 1a: "11" is 1, 1 (not distinct) or 11 (no such source).
          unmarked(33, 'In one process study, the first softening event occurred, on average, by session 11.'),
        ],
      ],
      [
        'Populations & Indications',
        [
          cited(37, 'EFT is indicated for distressed couples, including couples in which one partner has depression, post-traumatic stress disorder (PTSD), or a chronic illness.', 7),
          cited(37, 'It is adapted for families as Emotionally Focused Family Therapy and for individuals.', 3),
          llm(37, 'Couples are typically seen for 8 to 20 sessions.'),
        ],
      ],
      [
        'Contraindications, Cautions & Cultural Humility',
        [
          cited(41, 'EFT is contraindicated where there is ongoing intimate partner violence, because inviting vulnerability in the session can increase risk.', 8),
          llm(41, 'Screening for violence, affairs, and addiction happens in separate individual sessions.'),
          cited(41, 'Does the pair-bond focus fit couples whose extended families carry much of the work of attachment?', 4),
        ],
      ],
      [
        'Treatment-Plan Suggestions & SMART Objectives',
        [
          llm(54, 'EFT objectives follow the three stages, and progress is judged by shifts in emotional engagement more than by skills acquired.'),
          llm(54, 'A sample progress-note sentence: Therapist tracked the cycle and heightened the withdrawer’s fear of failure to prepare an enactment.'),
        ],
      ],
      [
        'Common Misconceptions',
        [
          cited(58, 'A common error is to treat EFT as a communication-skills programme; it works through emotional experience, not through scripted skills.', 4),
          cited(58, 'Another is that it blames the pursuing partner for the cycle, when the cycle is framed as both partners’ attempt to protect the bond.', 1),
        ],
      ],
      ['Key Terms', []],
      ['Resources & Further Reading', []],
      [
        'Reflective / Supervision Questions',
        [
          cited(70, 'When a couple escalates in the room, am I slowing the cycle down or am I being pulled into one partner’s version of events?', 1),
          cited(71, 'Have I screened each partner, alone, for violence and fear before inviting vulnerability?', 8),
          llm(72, 'Whose idea of a “good” bond am I working towards, and does it fit this couple’s family and culture?'),
          cited(73, 'What happens in my own body when a partner withdraws, and how does that shape my conjectures?', 4, 5),
        ],
      ],
    ]);
    expect(article.reflectiveQuestions.map((q) => q.line)).toEqual([70, 71, 72, 73]);
  });

  it('splits every SMART row into its exact columns', () => {
    expect(smartRows(article)).toEqual([
      // An objective ending in a lower-case word.
      ['De-escalate the negative cycle', 'Within 8 sessions, couple will describe their pursue–withdraw cycle in their own words and name it during 2 arguments at home', 'Reframing the cycle as the enemy', [1]],
      // … in a preposition ("about", then "for").
      ['Identify attachment needs', 'Over 6 weeks, each partner will name the attachment fears their arguments are really about', 'Primary emotions organise the cycle', [4]],
      ['Mobilize support between sessions', 'By week 4, each partner will name 1 moment a week they can reach out for', 'Accessibility and responsiveness build security', [2]],
      // … in a name followed directly by its acronym.
      ['Track relationship distress', 'By discharge, couple will complete the Dyadic Adjustment Scale', 'DAS scores index relationship satisfaction', [6]],
      ['Restructure the bond', 'Within 16 sessions, couple will complete 1 softening event and 1 withdrawer re-engagement with the therapist’s support', 'Enactments restructure attachment bonds', [5]],
      // … in a number, then a possessive mechanism.
      ['Reduce escalation', 'Over 12 weeks, couple will lower the frequency of escalating arguments from 5 a week to 1', "Partner's responsiveness restores felt safety", [7, 2]],
      // … in a proper noun (a book title).
      ['Build shared language for the bond', 'Over 10 weeks, partners will read and discuss 3 chapters of Hold Me Tight', 'Psychoeducation normalises attachment needs', [2]],
      ['Consolidate change', 'Across the last 4 sessions, couple will write a shared account of the cycle and of how they repair it', 'Coherent narratives consolidate new positions', [1]],
    ]);
    const lines = text.split('\n');
    expect(article.smartObjectives.map((o) => o.row)).toEqual(lines.slice(45, 53).map((l) => l.trim()));
  });

  it('reads the key terms', () => {
    expect(keyTermRows(article)).toEqual([
      ['Negative cycle', [], 'the self-reinforcing pattern of reactive moves, such as pursue–withdraw, that maintains relationship distress', [1]],
      ['Softening', [], 'a stage 2 change event in which a previously critical partner asks for comfort from a place of vulnerability', [5]],
      ['Primary emotion', [], 'the first, adaptive emotional response to a situation, often fear or sadness beneath reactive anger', [4, 2]],
      ['Dyadic Adjustment Scale', ['DAS'], 'a self-report measure of relationship satisfaction and consensus used as an outcome in couple-therapy trials', [6]],
      ['Enactment', [], 'a structured in-session interaction in which one partner turns to the other to share an emotion', []],
      ['Accessibility, responsiveness and engagement', [], 'the three features of a secure bond, as the model names them', [2]],
    ]);
  });

  it('reads sources, see also and provenance', () => {
    expect(article.sources.map((s) => [s.number, s.tier])).toEqual([
      [1, 'T2'], [2, 'T3'], [3, 'T2'], [4, 'T2'], [5, 'T1'], [6, 'T1'], [7, 'T1'], [8, 'T3'],
    ]);
    expect(article.seeAlso).toEqual(['Earned Security', 'Mentalization-Based Treatment']);
    expect(article.provenance).toEqual({ model: 'claude-opus-4-8', version: '1.0', generatedAt: '2026-06-04', readMinutes: 14, statedSourceCount: 8 });
  });

  it('defines each abbreviation once, from prose and key terms only (not from the sources list)', () => {
    expect(definitionRows(article)).toEqual([
      { longForm: 'Emotionally Focused Therapy', shortForm: 'EFT', line: 15 },
      { longForm: 'post-traumatic stress disorder', shortForm: 'PTSD', line: 37 },
      { longForm: 'Dyadic Adjustment Scale', shortForm: 'DAS', line: 62 },
    ]);
  });

  it('warns exactly for the three trailing numbers kept as text', () => {
    expect(warningRows(article)).toEqual([
      { line: 33, code: 'NUMBER_NOT_MARKER' },
      { line: 33, code: 'NUMBER_NOT_MARKER' },
      { line: 33, code: 'NUMBER_NOT_MARKER' },
    ]);
    expect(article.warnings.map((w) => w.found)).toEqual(['8', '2002', '11']);
  });
});

// ---------------------------------------------------------------------------

describe('Complex PTSD: a problem-for-work with 7 sources', () => {
  const text = fixture('complex-ptsd.wiki.txt');
  const article = parseArticle(text);

  it('reads the kind line as spelled ("problems-for-work"), title, summary, upvotes, no figure', () => {
    expect(article.header).toEqual({ kind: 'problems-for-work', discipline: 'Trauma psychology', tradition: 'Trauma-focused, phase-oriented' });
    expect(entryKindOf(article.header.kind)).toBe('PROBLEM_FOR_WORK');
    expect(article.title).toBe('Complex PTSD');
    expect(article.summary).toBe(
      'Complex PTSD is a trauma-related presentation in which the core symptoms of PTSD occur together with enduring disturbances in emotion regulation, self-concept, and relationships. It is recognised in ICD-11 but not as a separate diagnosis in DSM-5-TR.',
    );
    expect(article.upvotes).toBe(5);
    expect(article.figure).toBeNull();
  });

  it('reads every sentence: text, provenance, sources, line', () => {
    expect(claimsBySection(article)).toEqual([
      [
        'Type & Discipline',
        [
          cited(13, 'Complex post-traumatic stress disorder (complex PTSD) is a problem-for-work, a diagnosis in ICD-11 rather than a construct or a modality.', 1),
          cited(13, 'It typically follows prolonged or repeated trauma from which escape is difficult, such as childhood abuse, domestic violence, torture, or captivity.', 1, 2),
          cited(13, 'The diagnosis requires the three core symptom clusters of post-traumatic stress disorder (PTSD), namely re-experiencing in the here and now, avoidance, and a persistent sense of current threat.', 1),
          cited(13, 'It adds disturbances in self-organisation (DSO): affect dysregulation, negative self-concept, and disturbances in relationships.', 1, 3),
        ],
      ],
      [
        'Creators & Lineage',
        [
          cited(17, 'Judith Herman proposed “complex PTSD” in 1992 to describe the sequelae of prolonged, repeated trauma.', 2),
          cited(17, 'The idea was examined in the DSM-IV field trial as disorders of extreme stress not otherwise specified, but it was not adopted as a separate diagnosis.', 2),
          // Rule 1a: "2022" has no reading with 7 sources.
          unmarked(17, 'The World Health Organization included complex PTSD as a sibling diagnosis of PTSD in ICD-11, which came into effect in 2022.'),
        ],
      ],
      [
        'Core Principles',
        [
          cited(21, 'Complex PTSD is organised around the loss of safety in relationships, not only around fear of a single event.', 2),
          cited(21, 'The self-organisation symptoms are not add-ons: they are how the person has survived.', 4),
          cited(21, 'Treatment is therefore usually phase-oriented – stabilisation, trauma processing, and reintegration – though the need for a long first phase is debated.', 5, 6),
          llm(21, 'Whether every client needs a long stabilisation phase before processing remains an open question.'),
        ],
      ],
      [
        'Assessment & Measurement',
        [
          cited(25, 'The International Trauma Questionnaire (ITQ) is the standard self-report measure for ICD-11 PTSD and complex PTSD.', 3),
          // Rules 1a and 1b: "of" before it, and 18 / 1, 8 are no readings with 7 sources.
          unmarked(25, 'The full version of the measure has an item count of 18.'),
          cited(25, 'The ITQ has 12 core items and 6 items on functional impairment.', 3),
          // Rule 1b: "was" before it, though 5, 1 would be a valid reading.
          unmarked(25, 'In one clinical sample the mean age was 51.'),
          llm(25, 'Cut-offs for a probable diagnosis follow the ICD-11 algorithm rather than a total score.'),
          cited(25, 'Clinicians should confirm a positive screen with a clinical interview.', 7),
        ],
      ],
      [
        'Interventions & Techniques',
        [
          cited(29, 'Phase-based treatment begins with skills for emotion regulation and interpersonal effectiveness before trauma memories are processed.', 5),
          cited(29, 'Trauma-focused approaches such as prolonged exposure, cognitive processing therapy, and EMDR also reduce complex PTSD symptoms, and many clients tolerate them without a long preparatory phase.', 6),
          cited(29, 'Skills Training in Affective and Interpersonal Regulation (STAIR) followed by narrative therapy is one sequenced option.', 5),
          exampleSentence(31, 'LLM-generated illustrative example (not a guideline): A woman in her forties who grew up with a violent parent describes feeling “like a ghost” in her own relationships.'),
          exampleSentence(31, 'The clinician spends the first sessions on grounding and on naming emotions as they rise and fall.'),
          llm(31, 'When she later begins a trauma narrative, she can stay in contact with the clinician and with the present room.'),
          // A short paragraph (11 words, no final period of its own: it ends in `.”`) is still a paragraph, not a heading.
          unmarked(33, 'She later put it simply: “I finally feel like I live here.”'),
        ],
      ],
      [
        'Populations & Indications',
        [
          cited(37, 'Complex PTSD is most common among survivors of childhood abuse, refugees and asylum seekers, and survivors of intimate partner violence.', 4),
          llm(37, 'Prevalence estimates vary widely with the sample and the measure used.'),
        ],
      ],
      [
        'Treatment-Plan Suggestions & SMART Objectives',
        [
          cited(49, 'Complex PTSD objectives are usually sequenced, but sequencing should not become an indefinite delay of trauma-focused work.', 6),
          llm(49, 'A sample progress-note sentence: Client practiced grounding and tolerated 10 minutes of narrative work without dissociating.'),
        ],
      ],
      [
        'Common Misconceptions',
        [
          cited(53, 'A frequent error is to treat complex PTSD as simply severe PTSD; the self-organisation symptoms define it.', 3),
          cited(53, 'Another is to assume it is the same as borderline personality disorder, although the two can co-occur.', 7),
          llm(53, 'A third is that trauma processing must always wait until the client is fully stabilised.'),
        ],
      ],
      ['Key Terms', []],
      [
        'Reflective / Supervision Questions',
        [
          cited(61, 'Am I delaying trauma processing out of the client’s need or out of my own anxiety?', 6),
          llm(62, 'How do I notice, in the room, the moment the client leaves their window of tolerance?'),
          cited(63, 'Whose safety am I protecting when I avoid asking about current violence?', 4),
        ],
      ],
    ]);
  });

  it('splits every SMART row into its exact columns', () => {
    expect(smartRows(article)).toEqual([
      // Preposition ending ("reacting to").
      ['Stabilize affect before trauma processing', 'Within 10 sessions, client will use 1 grounding skill during 3 episodes of dissociation and log what they were reacting to', 'Emotion regulation precedes trauma processing', [5]],
      // A name followed by its acronym; acronyms in the goal and inside the mechanism.
      ['Track PTSD and DSO symptoms', 'By week 6, client will complete the International Trauma Questionnaire', 'ITQ scores index PTSD and DSO severity', [3]],
      // Number ending.
      ['Reduce shame-based self-concept', 'Over 12 weeks, client will challenge 3 shame-based beliefs per week and rate their conviction from 0 to 10', 'Self-compassion counters negative self-concept', [4]],
      ['Rebuild safe relationships', 'Within 16 sessions, client will name 2 people they can turn to', 'Relational safety restores trust', [2]],
      ['Process traumatic memories', 'Within 12 sessions, client will complete a written narrative of the index trauma and rate distress at or below 3', 'Processing reduces current threat', [6]],
      // Preposition ending, possessive mechanism (curly apostrophe), two sources.
      ['Reduce avoidance', 'Over 8 weeks, client will complete 6 graded exposures to situations they currently steer away from', 'Client’s avoidance maintains the threat response', [6, 5]],
      // A proper noun with a lower-case word inside it.
      ['Increase self-regulation', 'By discharge, client will complete the Difficulties in Emotion Regulation Scale', 'Self-report tracks regulation gains', [7]],
    ]);
    expect(article.smartObjectives.map((o) => o.row)).toEqual(text.split('\n').slice(41, 48));
  });

  it('reads the key terms', () => {
    expect(keyTermRows(article)).toEqual([
      ['Complex PTSD', [], 'an ICD-11 diagnosis combining the core PTSD symptoms with disturbances in self-organisation', [1]],
      ['Disturbances in self-organisation', [], 'affect dysregulation, negative self-concept, and relational disturbances that persist across contexts', [1, 3]],
      ['International Trauma Questionnaire', ['ITQ'], 'a brief self-report measure of ICD-11 PTSD and complex PTSD', [3]],
      ['Sense of current threat', [], 'the PTSD cluster marked by hypervigilance and an exaggerated startle response', [1]],
      ['Phase-oriented treatment', [], 'a sequence of stabilisation, trauma processing, and reintegration', [5]],
      ['Window of tolerance', [], 'the range of arousal within which a person can think and feel at once', []],
    ]);
  });

  it('reads sources, see also and provenance', () => {
    expect(article.sources.map((s) => [s.number, s.tier])).toEqual([[1, 'T2'], [2, 'T1'], [3, 'T1'], [4, 'T2'], [5, 'T1'], [6, 'T1'], [7, 'T3']]);
    expect(article.seeAlso).toEqual(['Earned Security', 'Insecure Attachment']);
    expect(article.provenance).toEqual({ model: 'claude-opus-4-8', version: '1.0', generatedAt: '2026-06-04', readMinutes: 18, statedSourceCount: 7 });
  });

  it('defines each abbreviation once: "complex PTSD" with its lower-case short form, STAIR with skipped function words', () => {
    expect(definitionRows(article)).toEqual([
      { longForm: 'Complex post-traumatic stress disorder', shortForm: 'complex PTSD', line: 13 },
      { longForm: 'disturbances in self-organisation', shortForm: 'DSO', line: 13 },
      { longForm: 'post-traumatic stress disorder', shortForm: 'PTSD', line: 13 },
      { longForm: 'International Trauma Questionnaire', shortForm: 'ITQ', line: 25 },
      { longForm: 'Skills Training in Affective and Interpersonal Regulation', shortForm: 'STAIR', line: 29 },
    ]);
  });

  it('warns exactly for the three trailing numbers kept as text', () => {
    expect(warningRows(article)).toEqual([
      { line: 17, code: 'NUMBER_NOT_MARKER' },
      { line: 25, code: 'NUMBER_NOT_MARKER' },
      { line: 25, code: 'NUMBER_NOT_MARKER' },
    ]);
    expect(article.warnings.map((w) => w.found)).toEqual(['2022', '18', '51']);
  });
});

// ---------------------------------------------------------------------------

describe('Reflective Functioning: a construct with 12 sources (two-digit markers)', () => {
  const text = fixture('reflective-functioning.wiki.txt');
  const article = parseArticle(text);

  it('reads header, title, summary, upvotes and the figure', () => {
    expect(article.header).toEqual({ kind: 'construct', discipline: 'Developmental / clinical psychology', tradition: 'Attachment theory, mentalization' });
    expect(entryKindOf(article.header.kind)).toBe('CONSTRUCT');
    expect(article.title).toBe('Reflective Functioning');
    expect(article.summary).toBe(
      'Reflective functioning is the measurable, operationalised form of mentalizing: the capacity to understand one’s own and others’ behaviour in terms of mental states. It is central to attachment research and to mentalization-based treatments.',
    );
    expect(article.upvotes).toBe(214);
    expect(article.figure).toEqual({
      description: 'A diagram of two heads facing each other, each containing thought bubbles about the other’s thoughts and feelings.',
      caption: { text: 'Reflective functioning: holding one’s own mind and another’s mind in mind at the same time.', provenance: 'LLM', sourceNumbers: [], line: 11 },
    });
  });

  it('reads every sentence: text, provenance, sources, line', () => {
    expect(claimsBySection(article)).toEqual([
      [
        'Type & Discipline',
        [
          cited(15, 'Reflective functioning is a construct, not a therapy; it names a capacity that treatments such as Mentalization-Based Treatment (MBT) aim to strengthen.', 1),
          cited(15, 'The term was introduced by Peter Fonagy and colleagues to operationalise mentalizing in adult attachment narratives.', 2),
          // "23": 23 is not a source, 2, 3 is the only reading.
          cited(15, 'It is scored on the Reflective Functioning Scale, an 11-point scale applied to transcripts of the Adult Attachment Interview (AAI).', 2, 3),
          cited(15, 'The scale runs from negative reflective functioning to exceptional reflective functioning.', 3),
        ],
      ],
      [
        'Creators & Lineage',
        [
          // "911": only 9, 11.
          cited(19, 'The construct grows out of Bowlby’s internal working models and Main’s work on metacognitive monitoring in the AAI.', 9, 11),
          // "1011": only 10, 11 (no cut may start with 0; 10, 1, 1 repeats).
          cited(19, 'Fonagy, Steele, and Steele showed that parents’ reflective functioning during pregnancy predicted their infants’ attachment security at one year, extending Main’s coding tradition.', 10, 11),
          cited(19, 'Later work moved the construct from interview coding to brief self-report with the Reflective Functioning Questionnaire (RFQ).', 4),
          // "112": 11, 2 or 1, 12; two numbers each, the larger first number wins.
          cited(19, 'The lineage runs through developmental psychopathology, psychoanalysis, and attachment research alike.', 11, 2),
        ],
      ],
      [
        'Core Principles',
        [
          cited(23, 'Reflective functioning is the capacity to see behaviour as driven by feelings, beliefs, wishes, and intentions.', 1),
          cited(23, 'It is relational and state-dependent: under attachment stress, mentalizing tends to collapse into pre-mentalizing modes.', 8),
          // "12": source 12 (one number) over 1, 2.
          cited(23, 'Its developmental roots lie in a caregiver who treats the infant as a mind and mirrors the infant’s states in a marked, contingent way.', 12),
          cited(23, 'Parental reflective functioning – a parent’s capacity to hold the child’s mind in mind – is a distinct, well-studied variant.', 5),
        ],
      ],
      [
        'Assessment & Measurement',
        [
          cited(27, 'On the Reflective Functioning Scale, a score of 5 marks ordinary reflective functioning.', 2),
          cited(27, 'The Reflective Functioning Questionnaire (RFQ) has two subscales, certainty and uncertainty about mental states.', 4),
          // Rule 1b ("of"), though source 8 exists.
          unmarked(27, 'The short form of the questionnaire has an item count of 8.'),
          // The word before "4" is "0.7": 4 is the marker.
          cited(27, 'Internal consistency in the validation samples was acceptable, with alphas around 0.7.', 4),
          // Rule 1b ("was").
          unmarked(27, 'In the original validation, the number of clinical samples was 3.'),
          // Rule 1a: "2016" has no reading with 12 sources (20, 16 and 201, 6 name no sources; 0 cannot open a number).
          unmarked(27, 'The RFQ was translated into several languages after 2016.'),
          cited(27, 'A review of the interview-based literature counted studies published up to 2013.', 7),
        ],
      ],
      [
        'Evidence Base',
        [
          // "510": only 5, 10.
          cited(31, 'Higher reflective functioning in parents is associated with more secure infant attachment, though effect sizes vary across samples.', 5, 10),
          cited(31, 'Low reflective functioning is linked to borderline personality disorder, especially in the context of childhood trauma.', 8),
          cited(31, 'Improvements in mentalizing are a proposed mechanism of change in MBT.', 6),
          // "1112": 11, 12 (two numbers) over 11, 1, 2 and 1, 11, 2.
          cited(31, 'The evidence that reflective functioning itself mediates outcome remains thin.', 11, 12),
          cited(31, 'Findings from self-report and interview measures often diverge.', 4, 7),
        ],
      ],
      [
        'Populations & Indications',
        [
          cited(35, 'The construct is most relevant to parents and expectant parents, to adolescents, and to adults with personality disorders.', 5),
          // "101": only 10, 1.
          cited(35, 'It is also used in work with foster and adoptive families, where caregivers’ reflective capacity shapes placement stability.', 10, 1),
          llm(35, 'Clinicians working with couples sometimes borrow the construct to describe partners’ capacity to imagine each other’s minds.'),
        ],
      ],
      [
        'Interventions & Techniques',
        [
          cited(39, 'Because reflective functioning is a construct, it has no techniques of its own; it is strengthened through therapies such as MBT and parent–infant psychotherapy.', 6),
          cited(39, 'Typical moves include the “not-knowing” stance, stopping and rewinding a moment of misunderstanding, and asking what the client thinks the other person felt.', 6),
          // "110": only 1, 10; the marker before the question mark.
          cited(39, 'Can a brief parenting programme change parental reflective functioning, or only its expression in the interview?', 1, 10),
          exampleSentence(41, 'LLM-generated illustrative example (not a guideline): A father describes his toddler as “just trying to wind me up.”'),
          exampleSentence(41, 'The clinician wonders aloud what the child might have been feeling just before the tantrum.'),
          llm(41, 'Over several sessions the father begins to offer his own guesses, such as “maybe he was scared when I left the room,” and his irritation softens.'),
        ],
      ],
      [
        'Treatment-Plan Suggestions & SMART Objectives',
        [
          llm(53, 'Objectives for reflective functioning are pursued within recognized therapies, and change is best judged by repeated measurement rather than by impression.'),
          cited(53, 'A sample progress-note sentence: Client used the rewind technique to revisit a misunderstanding with their partner and generated 2 alternative explanations.', 6),
        ],
      ],
      ['Key Terms', []],
      [
        'Reflective / Supervision Questions',
        [
          cited(61, 'When a client cannot imagine another person’s mind, am I offering my own view too quickly?', 6),
          llm(62, 'Under what conditions does my own mentalizing collapse in the session, and what helps me recover it?'),
          cited(63, 'Am I measuring reflective functioning or inferring it from how coherent the client sounds?', 11, 12),
          cited(64, 'How might the client’s culture shape what counts as an appropriate guess about another person’s mind?', 8),
        ],
      ],
    ]);
  });

  it('splits every SMART row into its exact columns', () => {
    expect(smartRows(article)).toEqual([
      ['Strengthen reflective capacity', 'Within 10 sessions, client will accurately name the mental state behind 2 confusing relational interactions per week', 'Reflective functioning supports secure functioning', [8]],
      // A name, then its acronym (defined in the prose as "Reflective Functioning Questionnaire (RFQ)").
      ['Measure change in mentalizing', 'By discharge, client will complete the Reflective Functioning Questionnaire', 'RFQ scores track certainty about mental states', [4]],
      ['Increase parental curiosity', 'Over 8 weeks, parent will describe 3 moments of the child’s behaviour and the feelings they may come from', "Parent's reflective capacity buffers the child", [5]],
      ['Repair ruptures in mentalizing', 'Within 12 sessions, client will notice and name 2 moments of pretend mode the therapist points to', 'Rewinding restores mentalizing', [6]],
      // Number ending; "811" is only 8, 11.
      ['Reduce pre-mentalizing under stress', 'Over 12 weeks, client will keep a weekly log of 3 arousing interactions and rate their certainty from 1 to 5', 'Arousal regulation protects mentalizing', [8, 11]],
      // Proper-noun ending.
      ['Reassess the attachment narrative', 'Across 16 sessions, client will complete a repeat Adult Attachment Interview', 'Coherence and reflective functioning rise together', [3]],
      // "… talk it over with", and an ambiguous marker "12" (source 12).
      ['Extend mentalizing to close relationships', 'By week 10, client will identify 2 people whose reactions they want to understand better and talk it over with', 'Epistemic trust opens learning from others', [12]],
    ]);
    expect(article.smartObjectives.map((o) => o.row)).toEqual(text.split('\n').slice(45, 52));
  });

  it('reads the key terms', () => {
    expect(keyTermRows(article)).toEqual([
      ['Reflective functioning', [], 'the operationalised, measurable expression of mentalizing in attachment narratives', [2]],
      ['Mentalizing', [], 'understanding one’s own and others’ behaviour in terms of mental states', [1]],
      ['Reflective Functioning Questionnaire', ['RFQ'], 'a brief self-report measure of certainty and uncertainty about mental states', [4]],
      ['Parental reflective functioning', [], 'a parent’s capacity to understand the child’s behaviour in terms of the child’s mental states', [5]],
      ['Pretend mode', [], 'a pre-mentalizing mode in which thoughts and feelings are decoupled from reality', [6, 8]],
      ['Epistemic trust', [], 'openness to learning from others as personally relevant and generalizable knowledge', [12]],
      ['Mentalization-Based Treatment', ['MBT'], 'a psychodynamic, attachment-based therapy that targets mentalizing under arousal', [6]],
    ]);
  });

  it('reads sources, see also and provenance', () => {
    expect(article.sources.map((s) => [s.number, s.tier])).toEqual([
      [1, 'T2'], [2, 'T2'], [3, 'T2'], [4, 'T1'], [5, 'T1'], [6, 'T2'], [7, 'T1'], [8, 'T1'], [9, 'T2'], [10, 'T1'], [11, 'T2'], [12, 'T3'],
    ]);
    expect(article.seeAlso).toEqual(['Mentalization-Based Treatment', 'Earned Security']);
    expect(article.provenance).toEqual({ model: 'claude-opus-4-8', version: '1.0', generatedAt: '2026-06-04', readMinutes: 21, statedSourceCount: 12 });
  });

  it('defines each abbreviation once, at its first line (RFQ and MBT recur later)', () => {
    expect(definitionRows(article)).toEqual([
      { longForm: 'Adult Attachment Interview', shortForm: 'AAI', line: 15 },
      { longForm: 'Mentalization-Based Treatment', shortForm: 'MBT', line: 15 },
      { longForm: 'Reflective Functioning Questionnaire', shortForm: 'RFQ', line: 19 },
    ]);
  });

  it('warns exactly for the ambiguous markers and the trailing numbers kept as text', () => {
    expect(warningRows(article)).toEqual([
      { line: 19, code: 'AMBIGUOUS_MARKER' },
      { line: 23, code: 'AMBIGUOUS_MARKER' },
      { line: 27, code: 'NUMBER_NOT_MARKER' },
      { line: 27, code: 'NUMBER_NOT_MARKER' },
      { line: 27, code: 'NUMBER_NOT_MARKER' },
      { line: 31, code: 'AMBIGUOUS_MARKER' },
      { line: 52, code: 'AMBIGUOUS_MARKER' },
      { line: 57, code: 'AMBIGUOUS_MARKER' },
      { line: 63, code: 'AMBIGUOUS_MARKER' },
    ]);
    expect(markerWarnings(article)).toEqual([
      { line: 19, found: '112', reading: 'sources 11, 2', alternatives: ['sources 1, 12'] },
      { line: 23, found: '12', reading: 'source 12', alternatives: ['sources 1, 2'] },
      { line: 31, found: '1112', reading: 'sources 11, 12', alternatives: ['sources 11, 1, 2', 'sources 1, 11, 2'] },
      { line: 52, found: '12', reading: 'source 12', alternatives: ['sources 1, 2'] },
      { line: 57, found: '12', reading: 'source 12', alternatives: ['sources 1, 2'] },
      { line: 63, found: '1112', reading: 'sources 11, 12', alternatives: ['sources 11, 1, 2', 'sources 1, 11, 2'] },
    ]);
  });
});

describe('rule 3: every kind spelling maps to its entry kind', () => {
  it.each([
    ['construct', 'CONSTRUCT'],
    ['Construct', 'CONSTRUCT'],
    ['CONSTRUCTS', 'CONSTRUCT'],
    ['modality', 'MODALITY'],
    ['Modalities', 'MODALITY'],
    ['problem-for-work', 'PROBLEM_FOR_WORK'],
    ['problems-for-work', 'PROBLEM_FOR_WORK'],
    ['Problems for work', 'PROBLEM_FOR_WORK'],
    ['problem for work', 'PROBLEM_FOR_WORK'],
  ])('"%s" → %s', (printed, kind) => {
    const text = fixture('complex-ptsd.wiki.txt').replace(/^problems-for-work ·/m, `${printed} ·`);
    const article = parseArticle(text);
    expect(article.header.kind).toBe(printed.toLowerCase());
    expect(entryKindOf(article.header.kind)).toBe(kind);
  });
});
