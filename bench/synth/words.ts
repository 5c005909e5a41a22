/**
 * Word lists for the synthetic wiki: clinical-sounding names for every entry
 * kind, key terms, source titles and claim prose. Combined, they give hundreds
 * of thousands of distinct names, so even the large preset needs no numbering.
 */

export const CONSTRUCT_ADJECTIVES = [
  'Earned', 'Reflective', 'Epistemic', 'Affective', 'Relational', 'Secure', 'Insecure', 'Disorganized', 'Internal',
  'Emotional', 'Narrative', 'Attachment', 'Mentalizing', 'Embodied', 'Interpersonal', 'Intersubjective', 'Defensive',
  'Adaptive', 'Maladaptive', 'Compassionate', 'Self-Critical', 'Dissociative', 'Somatic', 'Cognitive', 'Behavioural',
  'Motivational', 'Existential', 'Developmental', 'Parental', 'Implicit', 'Explicit', 'Autobiographical', 'Moral',
  'Psychological', 'Social', 'Experiential', 'Integrative', 'Collaborative', 'Mindful', 'Traumatic', 'Post-Traumatic',
  'Shame-Based', 'Hopeful', 'Restorative', 'Protective', 'Corrective', 'Coherent', 'Contingent', 'Marked', 'Ruptured',
  'Dyadic', 'Triadic', 'Familial', 'Cultural', 'Unresolved', 'Preoccupied', 'Dismissing', 'Avoidant', 'Anxious', 'Ambivalent',
];

export const CONSTRUCT_NOUNS = [
  'Security', 'Functioning', 'Trust', 'Regulation', 'Attunement', 'Mentalization', 'Working Model', 'Resilience',
  'Coherence', 'Agency', 'Identity', 'Integration', 'Avoidance', 'Hypervigilance', 'Shame', 'Self-Compassion', 'Empathy',
  'Alliance', 'Rupture', 'Repair', 'Containment', 'Holding', 'Mirroring', 'Transference', 'Countertransference',
  'Schema', 'Rumination', 'Worry', 'Dissociation', 'Grief', 'Loss', 'Bonding', 'Caregiving', 'Sensitivity',
  'Responsiveness', 'Flexibility', 'Acceptance', 'Commitment', 'Curiosity', 'Tolerance', 'Window of Tolerance',
  'Felt Sense', 'Inner Critic', 'Self-Efficacy', 'Locus of Control', 'Expressed Emotion', 'Emotional Granularity',
  'Affect Consciousness', 'Epistemic Vigilance', 'Metacognition', 'Psychological Flexibility', 'Inhibition',
  'Reactivity', 'Withdrawal', 'Approach Motivation', 'Secure Base', 'Safe Haven', 'Proximity Seeking', 'Sense of Self',
];

export const MODALITY_STEMS = [
  'Mentalization', 'Schema', 'Compassion', 'Acceptance', 'Attachment', 'Emotion', 'Trauma', 'Narrative', 'Mindfulness',
  'Dialectical', 'Interpersonal', 'Psychodynamic', 'Cognitive', 'Behavioural', 'Exposure', 'Family', 'Couple', 'Group',
  'Somatic', 'Sensorimotor', 'Art', 'Music', 'Play', 'Sand-Tray', 'Video-Feedback', 'Parent-Child', 'Reflective',
  'Metacognitive', 'Motivational', 'Solution', 'Systemic', 'Relational', 'Transference', 'Affect', 'Imagery', 'Memory',
  'Problem-Solving', 'Strengths', 'Recovery', 'Dyadic', 'Developmental', 'Integrative', 'Existential', 'Gestalt',
  'Person-Centred', 'Process-Experiential', 'Coherence', 'Polyvagal', 'Internal Family', 'Eye Movement',
];

export const MODALITY_SUFFIXES = [
  'Based Treatment', 'Focused Therapy', 'Therapy', 'Oriented Therapy', 'Informed Psychotherapy', 'Processing Therapy',
  'Training', 'Intervention', 'Counselling', 'Rescripting', 'Enhancement Program', 'Skills Group',
];

export const PROBLEM_ADJECTIVES = [
  'Complex', 'Chronic', 'Acute', 'Intergenerational', 'Childhood', 'Perinatal', 'Postnatal', 'Relational', 'Social',
  'Generalized', 'Health', 'Performance', 'Separation', 'Attachment', 'Sleep', 'Eating', 'Body-Image', 'Identity',
  'Moral', 'Vicarious', 'Developmental', 'Occupational', 'Academic', 'Sexual', 'Emotional', 'Behavioural', 'Anger',
  'Substance', 'Alcohol', 'Gambling', 'Gaming', 'Self-Harm', 'Suicidal', 'Panic', 'Obsessional', 'Somatic', 'Pain',
  'Grief', 'Caregiver', 'Parenting', 'Couple', 'Family', 'Workplace', 'Trauma', 'Dissociative', 'Psychotic', 'Mood',
];

export const PROBLEM_NOUNS = [
  'Trauma', 'Anxiety', 'Depression', 'Dysregulation', 'Conflict', 'Avoidance', 'Withdrawal', 'Burnout', 'Insomnia',
  'Distress', 'Difficulties', 'Injury', 'Loneliness', 'Isolation', 'Rumination', 'Perfectionism', 'Procrastination',
  'Irritability', 'Aggression', 'Impulsivity', 'Compulsions', 'Intrusions', 'Nightmares', 'Flashbacks', 'Numbing',
  'Shame', 'Guilt', 'Low Self-Esteem', 'Hopelessness', 'Misuse', 'Dependence', 'Relapse', 'Fatigue', 'Stress',
  'Adjustment Problems', 'Transmission', 'Estrangement', 'Enmeshment', 'Disconnection', 'Mistrust',
];

export const POPULATION_ADJECTIVES = [
  'Expectant', 'New', 'Adoptive', 'Foster', 'Older', 'Young', 'Adolescent', 'Refugee', 'Migrant', 'Bereaved', 'Rural',
  'Urban', 'Incarcerated', 'Veteran', 'Student', 'First-Time', 'Single', 'Teenage', 'Kinship', 'Separated', 'Divorced',
  'Neurodivergent', 'Autistic', 'LGBTQ+', 'Indigenous', 'Unemployed', 'Homeless', 'Disabled', 'Chronically Ill',
  'Bilingual', 'Working', 'Low-Income', 'Military', 'Frontline', 'Emergency', 'Elderly', 'Preschool', 'School-Age',
];

export const POPULATION_NOUNS = [
  'Parents', 'Mothers', 'Fathers', 'Adults', 'Children', 'Adolescents', 'Couples', 'Families', 'Survivors', 'Carers',
  'Siblings', 'Grandparents', 'Infants', 'Toddlers', 'Students', 'Nurses', 'Physicians', 'Clinicians', 'Teachers',
  'Workers', 'Partners', 'Caregivers', 'Patients', 'Clients', 'Offenders', 'Adoptees', 'Refugees', 'Widows',
];

export const FIRST_NAMES = [
  'John', 'Mary', 'Peter', 'Anna', 'Donald', 'Margaret', 'Erik', 'Karen', 'Sue', 'Alan', 'Beatrice', 'Daniel', 'Ruth',
  'Heinz', 'Melanie', 'Otto', 'Frieda', 'Carl', 'Virginia', 'Aaron', 'Judith', 'Leslie', 'Marsha', 'Jeffrey', 'Paul',
  'Steven', 'Kristin', 'Bessel', 'Pat', 'Dan', 'Edward', 'Julia', 'Patricia', 'Robert', 'Linda', 'Michael', 'Elena',
  'Sofia', 'Hiroshi', 'Amara', 'Kwame', 'Ines', 'Lars', 'Priya', 'Chen', 'Fatima', 'Mateo', 'Noor', 'Tomasz', 'Yara',
  'Howard', 'Miriam', 'Jonas', 'Leah', 'Samuel', 'Greta', 'Omar', 'Hana', 'Diego', 'Ingrid', 'Rafael', 'Anika',
];

export const LAST_NAMES = [
  'Bowlby', 'Ainsworth', 'Main', 'Fonagy', 'Bateman', 'Johnson', 'Linehan', 'Beck', 'Young', 'Gilbert', 'Hayes',
  'Siegel', 'Porges', 'Schore', 'Winnicott', 'Klein', 'Kohut', 'Sroufe', 'Egeland', 'Roisman', 'Steele', 'Hesse',
  'George', 'Kaplan', 'Crittenden', 'Slade', 'Tronick', 'Stern', 'Beebe', 'Lyons-Ruth', 'Zeanah', 'Lieberman',
  'Fraiberg', 'Herman', 'Levine', 'Ogden', 'Shapiro', 'Greenberg', 'Elliott', 'Safran', 'Muran', 'Wachtel', 'Luyten',
  'Allen', 'Sharp', 'Bleiberg', 'Gergely', 'Target', 'Jurist', 'Mikulincer', 'Shaver', 'Hazan', 'Bartholomew',
  'Fraley', 'Cassidy', 'Belsky', 'Grossmann', 'van IJzendoorn', 'Bakermans-Kranenburg', 'Dozier', 'Hoffman', 'Marvin',
  'Cooper', 'Powell', 'Feldman', 'Tottenham', 'Gunnar', 'Teicher', 'Perry', 'Cloitre', 'Courtois', 'Ford', 'Briere',
];

export const INSTRUMENT_STEMS = [
  'Adult Attachment', 'Reflective Functioning', 'Parental Bonding', 'Experiences in Close Relationships', 'Childhood Trauma',
  'Emotion Regulation', 'Difficulties in Emotion', 'Self-Compassion', 'Mentalization', 'Epistemic Trust', 'Dissociative Experiences',
  'Trauma Symptom', 'Working Alliance', 'Session Rating', 'Outcome Rating', 'Parent Development', 'Maternal Sensitivity',
  'Infant Attachment', 'Relationship Structures', 'Caregiving Helplessness', 'Adverse Childhood', 'Post-Traumatic Growth',
  'Interpersonal Reactivity', 'Shame Experience', 'Mindful Attention', 'Acceptance and Action', 'Cognitive Fusion',
  'Family Environment', 'Couple Satisfaction', 'Dyadic Adjustment', 'Brief Symptom', 'Patient Health', 'Generalized Anxiety',
];

export const INSTRUMENT_SUFFIXES = [
  'Interview', 'Scale', 'Questionnaire', 'Inventory', 'Checklist', 'Q-Sort', 'Rating System', 'Procedure', 'Screener',
  'Index', 'Measure', 'Assessment', 'Coding System', 'Profile', 'Battery',
];

export const TERM_ADJECTIVES = [
  'Secure', 'Coherent', 'Marked', 'Contingent', 'Unresolved', 'Segregated', 'Earned', 'Continuous', 'Prospective',
  'Retrospective', 'Felt', 'Shared', 'Joint', 'Mutual', 'Pretend', 'Psychic', 'Teleological', 'Embodied', 'Core',
  'Primary', 'Secondary', 'Affective', 'Relational', 'Procedural', 'Declarative', 'Implicit', 'Narrative', 'Reflective',
  'Corrective', 'Therapeutic', 'Alternative', 'Intergenerational', 'Defensive', 'Hyperactivating', 'Deactivating',
];

export const TERM_NOUNS = [
  'base', 'haven', 'mirroring', 'equivalence', 'mode', 'stance', 'attention', 'representation', 'strategy', 'subtype',
  'classification', 'coherence', 'transmission', 'gap', 'window', 'loop', 'cycle', 'pattern', 'script', 'memory',
  'state of mind', 'support figure', 'experience', 'relationship', 'exclusion', 'idealization', 'derogation',
  'passivity', 'collaboration', 'monitoring', 'lapse', 'affect', 'signal', 'bid', 'rupture', 'repair', 'holding',
];

/** Section headings, as the exported articles have them (lineage, problems and populations sections drive derived relations). */
export const SECTIONS = [
  'Type & Discipline',
  'Creators & Lineage',
  'Core Principles',
  'Interventions & Techniques',
  'Evidence Base',
  'Populations & Indications',
  'Problems-for-Work',
  'Contraindications, Cautions & Cultural Humility',
  'Treatment-Plan Suggestions & SMART Objectives',
  'Common Misconceptions',
  'Training & Certification',
  'Reflective / Supervision Questions',
] as const;

export const LINEAGE_SECTION = 1;
export const POPULATIONS_SECTION = 5;
export const PROBLEMS_SECTION = 6;
export const QUESTIONS_SECTION = SECTIONS.length - 1;

/** Verbs that make lineage sentences read the way deriveRelations recognises. */
export const LINEAGE_PHRASES = ['grows directly out of', 'originated in', 'sits alongside', 'extends', 'draws on', 'is rooted in'];

/**
 * Prose vocabulary, most frequent first (claim text draws from it with a power law):
 * common clinical and research words, so full-text evidence queries find ranked matches.
 */
export const PROSE = (
  'the of and to in a is that for with as by on are this be it from or an which at can their clients client therapy ' +
  'clinicians clinical evidence research studies study adults children parents early relationship relationships ' +
  'attachment security emotional emotion regulation trauma treatment outcomes outcome change process mechanism ' +
  'reflective capacity narrative coherence therapist alliance session sessions support figures adversity history ' +
  'experience experiences secure insecure model models internal working caregiving caregiver infant infants mother ' +
  'mothers father fathers family families couples partner partners intervention interventions assessment measure ' +
  'measures interview interviews scale validity reliability trial trials randomized controlled effect effects size ' +
  'sizes sample samples longitudinal prospective retrospective cohort review meta-analysis systematic scoping ' +
  'findings suggest suggests indicate indicates associated association predicts predicted predictor moderate strong ' +
  'weak modest robust limited mixed preliminary promising established contested unresolved debate caution cautions ' +
  'cultural context contexts humility norms values autonomy proximity closeness distress dysregulation tolerance ' +
  'window mentalizing mentalization reflective functioning epistemic trust shame guilt grief loss separation ' +
  'reunion disorganized avoidant resistant preoccupied dismissing unresolved classification coding coders trained ' +
  'validated procedure questions prompts memories episodes childhood adolescence adulthood parenting sensitivity ' +
  'responsiveness attunement rupture repair safety safe base haven exploration comfort soothing co-regulation ' +
  'self-regulation stress cortisol physiological arousal hyperarousal hypoarousal dissociation intrusion avoidance ' +
  'symptoms symptom severity diagnosis formulation goals objectives plan planning progress monitoring feedback ' +
  'supervision training competence certification scope practice ethics consent confidentiality risk safeguarding ' +
  'referral specialist services community primary care inpatient outpatient group individual brief long-term ' +
  'weekly months years follow-up baseline post-treatment remission relapse recovery resilience growth hope ' +
  'compassion acceptance curiosity warmth empathy validation collaboration transparency pacing titration grounding ' +
  'breathing body somatic sensations posture voice gaze face expression tone rhythm timing turn-taking play ' +
  'pretend imagination symbolic language words meaning sense self identity agency coherence integration ' +
  'fragmentation splitting idealization devaluation projection defence defences rigid flexible adaptive maladaptive ' +
  'transmission intergenerational cycle pattern patterns script scripts expectation expectations beliefs belief ' +
  'thoughts feelings needs wishes intentions motives desires fears worries doubts conflicts dilemmas'
).split(' ');
