import { CrossLinkMatcher, type LinkTarget, type NamedTarget } from '../cross-link/matcher';
import { namedTargets, type Vocabulary } from '../cross-link/vocabulary';
import { answerKindOf, hasAnswerOfKind, personPossessiveBefore, type AnswerKind } from './answer-cues';
import { analysedText, phraseKeys, phraseTokens, spellingVariants, type Token } from './english';
import { Lexicon } from './lexicon';
import type { SynonymList } from './synonyms';

/**
 * Query expansion: what a statement's terms may be called in a sentence that
 * answers it, from the graph itself and the curated synonym list. Built once
 * per vocabulary version (EvidenceService); expanding a statement then costs
 * one pass over its words, whatever the size of the vocabulary.
 *
 * A statement becomes concepts, one per term:
 * - a NAME: an entry's or key term's name or alias, an abbreviation an
 *   article defines, or a common clinical abbreviation (seeds/synonyms.json),
 *   found by the cross-link matcher (longest name first), else by its words'
 *   stems with at most one word inserted ("emotionally focused couples
 *   therapy"), or, for an entry with an article, without its name's first word
 *   ("working model"). Its alternatives are every name of the same thing ("RFQ" →
 *   "Reflective Functioning Questionnaire"), then the synonym list's words for
 *   any of them ("domestic violence" → intimate partner violence); a key term
 *   named like an entry is that entry ("IWM" names Internal Working Model); a sentence
 *   in the article of the entry it names counts partly even when it says
 *   "it"; a key term brings its definition;
 * - a word or phrase of the synonym list: itself, then its synonyms
 *   ("coined" → proposed, introduced, developed …);
 * - any other word but a stop word: itself, in any form (the stemmer).
 */

export type MatchKind = 'WORD' | 'NAME' | 'SYNONYM' | 'LEXICON' | 'DEFINITION' | 'ARTICLE' | 'PREVIOUS';

export interface Alternative {
  /** Its words' comparison keys (phraseKeys): a sentence has it when it has these keys in a row. */
  keys: string[];
  /** As written in the statement, the vocabulary or the synonym list. */
  text: string;
  kind: 'WORD' | 'NAME' | 'SYNONYM' | 'LEXICON';
  /** What a sentence having it counts for the concept (1 for the term itself). */
  strength: number;
}

export interface Concept {
  /** The statement's term as typed. */
  term: string;
  /** Its share of the statement: names weigh more than other words. */
  weight: number;
  alternatives: Alternative[];
  /** Entries the term names: a sentence of their articles is about them even when it says "it". */
  articles: Array<{ slug: string; name: string }>;
  /** The definition of the key term it names, as keys: a sentence with enough of them describes it. */
  definition: { keys: string[]; text: string } | null;
  /**
   * True for a relation a person's possessive also states (authorship: "who
   * founded attachment theory" is answered by "Bowlby's attachment theory"):
   * a sentence has it where a person's possessive stands before one of the
   * statement's names (ranking.ts).
   */
  saidByPossessive: boolean;
}

export interface ExpandedStatement {
  concepts: Concept[];
  /** The Lucene query for the claim_text index (words and quoted phrases only), or null when nothing is left to look for. */
  luceneQuery: string | null;
  /** Entries the statement names, whose articles' sentences are candidates too. */
  articleSlugs: string[];
  /** Lower-case word beginnings that pick those articles' candidate sentences (most found first). */
  articleWords: string[];
  /** The kind of answer a question asks for ("who …": a person), and whether a sentence has one. */
  answer: { kind: AnswerKind; has(text: string): boolean } | null;
  /** The person's possessive that ends just before `offset` in a sentence ("Bowlby’s" before "attachment theory"), or null. */
  possessorBefore(text: string, offset: number): string | null;
}

/** What each kind of evidence counts for a concept (docs/evidence.md#ranking). */
export const STRENGTH = { WORD: 1, NAME: 1, SYNONYM: 0.75, ARTICLE: 0.85, DEFINITION: 0.4 } as const;
/**
 * What a word the general lexicon (WordNet) relates to a statement's word
 * counts: below the curated list's synonyms, a derived form above a synonym
 * of one of its senses (docs/evidence.md, round 4).
 */
export const LEXICON_STRENGTH = { synonyms: 0.5, derived: 0.6 } as const;
/** A statement's word brings at most this many of the lexicon's words. */
const MAX_LEXICON_WORDS = 12;
export const WEIGHT = { NAME: 1.5, WORD: 1 } as const;
/** Lucene boosts: a synonym finds candidates, it should not outweigh the words typed. */
const LUCENE_BOOST = { SYNONYM: 0.5, LEXICON: 0.3 } as const;
/** A query stays well inside Lucene's clause limit (1,024) and its cost stays bounded. */
const MAX_LUCENE_CLAUSES = 64;
const MAX_ARTICLES = 3;
/** A statement counts by its first 32 terms (names first): what a request costs stays bounded however long it is. */
const MAX_CONCEPTS = 32;
const MAX_ARTICLE_WORDS = 24;
/** A definition counts by its first content words (the genus: "a brief self-report measure of …"). */
const DEFINITION_WORDS = 6;

interface NameGroup {
  /** Every name of the thing, as written. */
  names: string[];
  /** The synonym list's words for any of its names, at a synonym's strength. */
  synonyms: Alternative[];
  /** The entry it is, when it is one. */
  entry: { slug: string; name: string } | null;
  definition: string | null;
}

interface SynonymPhrase {
  keys: string[];
  groups: number[];
}

/** A name by its words' comparison keys, for finding it typed loosely. */
interface LooseName {
  keys: string[];
  group: string;
  /**
   * AS_WRITTEN: a name of two or more words, one word may be inserted;
   * WITHOUT_FIRST_WORD: an article's subject of three or more words without its first ("working model");
   * REVERSED: an article's subject of two words the other way round ("attachment disorganization");
   * FIRST_WORD: the distinctive first word of an article's subject of two words, alone ("disorganization").
   * None but AS_WRITTEN takes an inserted word.
   */
  shape: 'AS_WRITTEN' | 'WITHOUT_FIRST_WORD' | 'REVERSED' | 'FIRST_WORD';
}

/** A name found in a statement; a loose one has the tokens that spell it (an inserted word is not among them). */
interface NameSpan {
  start: number;
  end: number;
  surface: string;
  group: string;
  tokens?: Token[];
}
type LooseSpan = NameSpan & { tokens: Token[]; shape: LooseName['shape'] };

export class StatementExpander {
  private constructor(
    private readonly names: CrossLinkMatcher,
    private readonly groups: Map<string, NameGroup>,
    private readonly synonymGroups: Alternative[][],
    private readonly synonyms: Map<string, SynonymPhrase>,
    private readonly longestSynonym: number,
    private readonly people: ReadonlySet<string>,
    /** Names of two or more words by their first key. */
    private readonly looseNames: Map<string, LooseName[]>,
    /** Indexes of the synonym groups a person's possessive also says. */
    private readonly possessiveGroups: ReadonlySet<number>,
    private readonly lexicon: Lexicon,
  ) {}

  /**
   * @param vocabulary the graph's names (src/cross-link/vocabulary.ts)
   * @param definitions key-term id → its definition
   * @param entriesWithArticles slugs of the entries that have an article (not stubs)
   * @param lexicon the general English lexicon (WordNet), for words neither a name nor in the list
   */
  static build(
    vocabulary: Vocabulary,
    definitions: ReadonlyMap<string, string>,
    list: SynonymList,
    entriesWithArticles: ReadonlySet<string> = new Set(),
    lexicon: Lexicon = Lexicon.shipped(),
  ): StatementExpander {
    const targets = namedTargets(vocabulary);
    const firstPass = CrossLinkMatcher.build(targets);
    // Pairs that name nothing in the graph (an article's "STAIR", the list's "PTSD") are names of their own;
    // a pair one of whose forms names something gives that thing the other form.
    const byTarget = new Map(targets.map((t) => [targetKey(t.target), t]));
    const pairs = [
      ...vocabulary.entries.flatMap((e) => e.definitions.map((d) => [d.shortForm, d.longForm] as const)),
      ...list.abbreviations.map((a) => [a.short, a.long] as const),
    ];
    const pseudo = new Map<string, NamedTarget>();
    const pseudoOf = new Map<string, NamedTarget>();
    for (const [short, long] of pairs) {
      const longTarget = firstPass.targetOf(long);
      const shortTarget = firstPass.targetOf(short);
      if (longTarget && shortTarget) continue;
      const named = longTarget ?? shortTarget;
      if (named) {
        byTarget.get(targetKey(named))?.names.push(longTarget ? short : long);
        continue;
      }
      // Neither names anything: one pseudo target per thing, however many pairs spell it.
      const existing = pseudoOf.get(short.toLowerCase()) ?? pseudoOf.get(long.toLowerCase());
      const target = existing ?? { target: { kind: 'KEY_TERM' as const, id: `~${pseudo.size}` }, names: [] };
      pseudo.set(target.target.id, target);
      for (const name of [long, short]) {
        if (!target.names.includes(name)) target.names.push(name);
        pseudoOf.set(name.toLowerCase(), target);
      }
    }
    const all = [...targets, ...pseudo.values()].map((t) => ({ target: t.target, names: withHyphenVariants(t.names) }));
    const names = CrossLinkMatcher.build(all);

    const synonymGroups = list.groups.map((group) =>
      group.terms.map((term): Alternative => ({ keys: phraseKeys(term), text: term, kind: 'SYNONYM', strength: STRENGTH.SYNONYM })),
    );
    const synonyms = new Map<string, SynonymPhrase>();
    synonymGroups.forEach((group, index) => {
      for (const { keys } of group) {
        if (keys.length === 0) continue;
        const key = keys.join(' ');
        const phrase = synonyms.get(key) ?? { keys, groups: [] };
        if (!phrase.groups.includes(index)) phrase.groups.push(index);
        synonyms.set(key, phrase);
      }
    });
    const longest = Math.max(1, ...[...synonyms.values()].map((p) => p.keys.length));
    const possessiveGroups = new Set(list.groups.flatMap((group, index) => (group.possessive ? [index] : [])));

    const entryNames = new Map(vocabulary.entries.map((e) => [e.slug, e.name]));
    const groups = new Map<string, NameGroup>();
    const looseNames = new Map<string, LooseName[]>();
    const looselyKnown = new Set<string>();
    for (const { target, names: spellings } of all) {
      // A name another target holds more strongly (an entry's own name beats a stub's alias) is not this one's.
      const own = spellings.filter((name) => sameTarget(names.targetOf(name), target));
      if (own.length === 0) continue;
      const key = targetKey(target);
      const ownKeys = own.map(phraseKeys);
      // A name that is also a word of the synonym list keeps that word's synonyms: "couples" (a population) is
      // still said "partners", "domestic violence" (an abbreviation's long form) "intimate partner violence".
      const synonymGroupsOfNames = [...new Set(ownKeys.flatMap((keys) => synonyms.get(keys.join(' '))?.groups ?? []))];
      groups.set(key, {
        names: own,
        synonyms: synonymGroupsOfNames.flatMap((g) => synonymGroups[g]!),
        entry: target.kind === 'ENTRY' ? { slug: target.id, name: entryNames.get(target.id) ?? own[0]! } : null,
        definition: target.kind === 'KEY_TERM' ? (definitions.get(target.id) ?? null) : null,
      });
      for (const keys of ownKeys) {
        // Spellings that differ only in form ("Mentalization-Based" / "Mentalization Based") are one loose name.
        if (keys.length < 2 || looselyKnown.has(keys.join(' '))) continue;
        looselyKnown.add(keys.join(' '));
        addLooseName(looseNames, { keys, group: key, shape: 'AS_WRITTEN' });
      }
    }

    // A key term named like an entry (an article's Key Terms defining its own subject: "Internal working model
    // (IWM)") is that entry: the entry holds the shared name, and the key term's other names ("IWM") name the
    // entry too, with its article, rather than a key term of their own.
    for (const { target, names: spellings } of all) {
      if (target.kind !== 'KEY_TERM') continue;
      const holder = names.targetOf(spellings[0]!);
      const keyTerm = groups.get(targetKey(target));
      const entry = holder?.kind === 'ENTRY' ? groups.get(targetKey(holder)) : undefined;
      if (!keyTerm || !entry) continue;
      entry.names.push(...keyTerm.names.filter((name) => !entry.names.includes(name)));
      groups.set(targetKey(target), entry);
    }

    const people = new Set(vocabulary.entries.filter((e) => e.kind === 'PERSON').map((e) => e.slug));
    for (const name of namesWithoutFirstWord(all, groups, looselyKnown, synonyms, entriesWithArticles)) addLooseName(looseNames, name);
    const subjects = all.filter((t) => t.target.kind === 'ENTRY' && entriesWithArticles.has(t.target.id) && !people.has(t.target.id));
    for (const name of twoWordNamesReshaped(subjects, all, groups, names, synonyms)) addLooseName(looseNames, name);

    return new StatementExpander(names, groups, synonymGroups, synonyms, longest, people, looseNames, possessiveGroups, lexicon);
  }

  expand(statement: string): ExpandedStatement {
    const concepts: Concept[] = [];
    const tokens = phraseTokens(statement);
    const exact: NameSpan[] = this.names.match(statement).map((span) => ({ start: span.start, end: span.end, surface: span.surface, group: targetKey(span.target) }));
    const found = this.looseNamesIn(statement, tokens, exact);
    // A name's first word alone names it only where nothing else in the statement does: in "schema therapy changes the
    // schemas themselves" the schemas are schemas.
    const groupOf = (span: NameSpan) => this.groups.get(span.group);
    const loose = found.filter((l) => l.shape !== 'FIRST_WORD' || ![...exact, ...found].some((o) => o !== l && groupOf(o) === groupOf(l)));
    const withinLoose = (span: NameSpan) => loose.some((l) => l.tokens.some((t) => t.start < span.end && t.end > span.start));
    const spans: NameSpan[] = [...exact.filter((span) => !withinLoose(span)), ...loose].sort((a, b) => a.start - b.start);
    const named = new Set<NameGroup>();
    for (const span of spans) {
      const group = this.groups.get(span.group);
      if (!group || named.has(group)) continue;
      named.add(group);
      const definitionKeys = group.definition ? contentKeys(group.definition).slice(0, DEFINITION_WORDS) : [];
      concepts.push({
        term: span.surface,
        weight: WEIGHT.NAME,
        alternatives: uniqueAlternatives([
          ...group.names.map((name): Alternative => ({ keys: phraseKeys(name), text: name, kind: 'NAME', strength: STRENGTH.NAME })),
          // A name typed loosely is also said as typed ("a single working model"): its words, the inserted one left out.
          ...(span.tokens ? [typedName(span.tokens)] : []),
          ...group.synonyms,
        ]),
        articles: group.entry ? [group.entry] : [],
        definition: definitionKeys.length > 0 ? { keys: definitionKeys, text: group.definition! } : null,
        saidByPossessive: false,
      });
    }

    // A loose name's inserted word is not part of it ("couples" in "emotionally focused couples therapy"): it stays a term.
    const covered = (token: Token) => spans.some((s) => (s.tokens ?? [s]).some((t) => token.start < t.end && token.end > t.start));
    let i = 0;
    while (i < tokens.length) {
      if (covered(tokens[i]!)) {
        i++;
        continue;
      }
      const phrase = this.synonymAt(tokens, i, covered);
      if (phrase) {
        const typed = tokens.slice(i, i + phrase.keys.length);
        const term = analysedText(statement).slice(typed[0]!.start, typed.at(-1)!.end);
        const alternatives = uniqueAlternatives([
          { keys: phrase.keys, text: term, kind: 'WORD', strength: STRENGTH.WORD },
          ...phrase.groups.flatMap((g) => this.synonymGroups[g]!),
        ]);
        addWordConcept(concepts, term, alternatives, phrase.groups.some((g) => this.possessiveGroups.has(g)));
        i += phrase.keys.length;
        continue;
      }
      const token = tokens[i]!;
      if (!token.stop) {
        const alternatives = uniqueAlternatives([{ keys: [token.stem], text: token.surface, kind: 'WORD', strength: STRENGTH.WORD }, ...this.lexiconAlternatives(token)]);
        addWordConcept(concepts, token.surface, alternatives, false);
      }
      i++;
    }

    concepts.splice(MAX_CONCEPTS);
    const articleSlugs = [...new Set(concepts.flatMap((c) => c.articles.map((a) => a.slug)))].slice(0, MAX_ARTICLES);
    const kind = answerKindOf(statement);
    const otherNames = (text: string) => this.namesOtherThanPeople(text);
    const answer = kind ? { kind, has: (text: string) => hasAnswerOfKind(kind, text, otherNames) } : null;
    return {
      concepts,
      luceneQuery: luceneQueryOf(concepts),
      articleSlugs,
      articleWords: articleWordsOf(concepts),
      answer,
      possessorBefore: (text, offset) => personPossessiveBefore(text, offset, otherNames),
    };
  }

  /**
   * Names of two or more words the cross-link matcher does not see because
   * they are typed loosely: compared by their words' stems ("attachment
   * theories"), with at most one word inserted that is not a stop word
   * ("emotionally focused couples therapy" names Emotionally Focused Therapy;
   * "couples" stays a term of its own). A loose name is kept where it is more
   * than the exact names it shares words with: longer, and holding each of
   * them whole ("mentalization based group treatment" holds "mentalization").
   */
  private looseNamesIn(statement: string, tokens: Token[], exact: NameSpan[]): LooseSpan[] {
    const text = analysedText(statement);
    const tokensOf = (span: NameSpan) => tokens.filter((t) => t.start < span.end && t.end > span.start);
    const found: LooseSpan[] = [];
    let i = 0;
    while (i < tokens.length) {
      const match = this.looseNameAt(tokens, i, text);
      const moreThanExact =
        match !== undefined &&
        exact.every((span) => {
          const spelling = tokensOf(span);
          const shared = spelling.filter((t) => match.tokens.includes(t)).length;
          return shared === 0 || (shared === spelling.length && match.tokens.length > shared);
        });
      if (!match || !moreThanExact) {
        i++;
        continue;
      }
      const first = match.tokens[0]!;
      const last = match.tokens.at(-1)!;
      found.push({ start: first.start, end: last.end, surface: text.slice(first.start, last.end), group: match.group, tokens: match.tokens, shape: match.shape });
      i = tokens.indexOf(last) + 1;
    }
    return found;
  }

  /** The longest loose name whose first word is token i, with the tokens that spell it (the inserted word left out). */
  private looseNameAt(tokens: Token[], i: number, text: string): { group: string; tokens: Token[]; shape: LooseName['shape'] } | undefined {
    let best: { group: string; tokens: Token[]; shape: LooseName['shape'] } | undefined;
    // A name without its first word is not the end of a compound: "trauma-focused therapy" is no Emotionally Focused Therapy.
    const compounded = i > 0 && /^[-\u2010\u2011]$/u.test(text.slice(tokens[i - 1]!.end, tokens[i]!.start));
    for (const name of this.looseNames.get(tokens[i]!.stem) ?? []) {
      // A name without its first word, or of its first word alone, is not the end of a compound.
      if ((name.shape === 'WITHOUT_FIRST_WORD' || name.shape === 'FIRST_WORD') && compounded) continue;
      const spelled = [tokens[i]!];
      let at = i + 1;
      let inserted = false;
      for (const key of name.keys.slice(1)) {
        if (tokens[at]?.stem === key) {
          spelled.push(tokens[at]!);
          at++;
        } else if (!inserted && name.shape === 'AS_WRITTEN' && tokens[at] && !tokens[at]!.stop && tokens[at + 1]?.stem === key) {
          inserted = true;
          spelled.push(tokens[at + 1]!);
          at += 2;
        } else {
          break;
        }
      }
      if (spelled.length === name.keys.length && (!best || spelled.length > best.tokens.length)) best = { group: name.group, tokens: spelled, shape: name.shape };
    }
    return best;
  }

  /**
   * The general lexicon's words for a statement's word (its most frequent
   * senses' derived forms and synonyms), each below the
   * curated list's synonyms; none that is only stop words or the word itself.
   */
  private lexiconAlternatives(token: Token): Alternative[] {
    const related = this.lexicon.relatedTo(token.surface);
    if (!related) return [];
    const alternatives: Alternative[] = [];
    for (const [words, strength] of [
      [related.derived, LEXICON_STRENGTH.derived],
      [related.synonyms, LEXICON_STRENGTH.synonyms],
    ] as const) {
      for (const text of words) {
        const tokens = phraseTokens(text);
        if (tokens.length === 0 || tokens.every((t) => t.stop) || (tokens.length === 1 && tokens[0]!.stem === token.stem)) continue;
        alternatives.push({ keys: tokens.map((t) => t.stem), text, kind: 'LEXICON', strength });
      }
    }
    return alternatives.slice(0, MAX_LEXICON_WORDS);
  }

  /** Where a text names something of the wiki's that is not a person (a construct, an instrument …). */
  private namesOtherThanPeople(text: string): Array<{ start: number; end: number }> {
    return this.names.match(text).filter((span) => !(span.target.kind === 'ENTRY' && this.people.has(span.target.id)));
  }

  /** The longest phrase of the synonym list starting at token i, within uncovered tokens. */
  private synonymAt(tokens: Token[], i: number, covered: (token: Token) => boolean): SynonymPhrase | undefined {
    for (let length = Math.min(this.longestSynonym, tokens.length - i); length >= 1; length--) {
      const slice = tokens.slice(i, i + length);
      if (slice.some(covered)) continue;
      const phrase = this.synonyms.get(slice.map((t) => t.stem).join(' '));
      // A stop word alone ("use" is a word, "at" is not) is no concept.
      if (phrase && !(length === 1 && slice[0]!.stop)) return phrase;
    }
    return undefined;
  }
}

function typedName(tokens: Token[]): Alternative {
  return { keys: tokens.map((t) => t.stem), text: tokens.map((t) => t.surface).join(' '), kind: 'NAME', strength: STRENGTH.NAME };
}

function addLooseName(looseNames: Map<string, LooseName[]>, name: LooseName): void {
  const starting = looseNames.get(name.keys[0]!);
  if (starting) starting.push(name);
  else looseNames.set(name.keys[0]!, [name]);
}

/**
 * The names of entries with an article, of three or more words as written (a
 * hyphenated word is one), also typed without their first word: "working model"
 * for Internal Working Model, "focused therapy" for Emotionally Focused
 * Therapy. An article is about its subject and shortens its name so; an alias, a
 * key term or a stub is not shortened ("Low self-esteem" is two words:
 * "self-esteem" is not it). The rest must start with a word that is not a stop
 * word, be no name of anything and no phrase of the synonym list itself, and be
 * the rest of no other thing's name ("behavior therapy", the rest of two
 * modalities' names, names neither).
 */
function namesWithoutFirstWord(
  targets: Array<{ target: LinkTarget; names: string[] }>,
  groups: ReadonlyMap<string, NameGroup>,
  exactNames: ReadonlySet<string>,
  synonyms: ReadonlyMap<string, SynonymPhrase>,
  entriesWithArticles: ReadonlySet<string>,
): LooseName[] {
  const holders = new Map<string, Set<NameGroup>>();
  const shortened: LooseName[] = [];
  for (const { target, names } of targets) {
    const key = targetKey(target);
    const group = groups.get(key);
    if (!group) continue;
    for (const name of names) {
      const rest = restOfName(name);
      if (!rest) continue;
      const joined = rest.join(' ');
      holders.set(joined, (holders.get(joined) ?? new Set<NameGroup>()).add(group));
      const ownNameWithArticle = target.kind === 'ENTRY' && entriesWithArticles.has(target.id) && name === names[0] && group.names.includes(name);
      if (ownNameWithArticle && !exactNames.has(joined) && !synonyms.has(joined)) shortened.push({ keys: rest, group: key, shape: 'WITHOUT_FIRST_WORD' });
    }
  }
  return shortened.filter((name) => holders.get(name.keys.join(' '))!.size === 1);
}

/**
 * The own names of entries with an article (not people) that are two words
 * (after the tokenizer: "Schema Therapy", "Disorganized attachment"), also
 * typed the other way round ("attachment disorganization": its words in any
 * form, no word between) where that is no name and no phrase of the synonym
 * list; and their first word alone, in any form ("disorganization",
 * "disorganised"), where no other entry's name has a word of that stem, it
 * is no name of its own, no word of the synonym list and not a stop word
 * ("complex" alone names Complex PTSD; "attachment", in many names, nothing).
 */
function twoWordNamesReshaped(
  subjects: Array<{ target: LinkTarget; names: string[] }>,
  all: Array<{ target: LinkTarget; names: string[] }>,
  groups: ReadonlyMap<string, NameGroup>,
  names: CrossLinkMatcher,
  synonyms: ReadonlyMap<string, SynonymPhrase>,
): LooseName[] {
  const entriesWithStem = new Map<string, Set<string>>();
  for (const { target, names: spellings } of all) {
    if (target.kind !== 'ENTRY') continue;
    for (const token of spellings.flatMap(phraseTokens)) entriesWithStem.set(token.stem, (entriesWithStem.get(token.stem) ?? new Set<string>()).add(target.id));
  }
  const reshaped: LooseName[] = [];
  for (const { target, names: spellings } of subjects) {
    const key = targetKey(target);
    const own = spellings[0]!;
    const tokens = phraseTokens(own);
    if (!groups.get(key)?.names.includes(own) || tokens.length !== 2 || tokens.some((t) => t.stop)) continue;
    const [first, second] = tokens as [Token, Token];
    const reversed = `${second.surface} ${first.surface}`;
    if (!names.targetOf(reversed) && !synonyms.has(`${second.stem} ${first.stem}`)) reshaped.push({ keys: [second.stem, first.stem], group: key, shape: 'REVERSED' });
    if (entriesWithStem.get(first.stem)?.size === 1 && !names.targetOf(first.surface) && !synonyms.has(first.stem)) {
      reshaped.push({ keys: [first.stem], group: key, shape: 'FIRST_WORD' });
    }
  }
  return reshaped;
}

/** A name of three or more words without its first one, as comparison keys; null when too short or it starts with a stop word. */
function restOfName(name: string): string[] | null {
  const words = name.trim().split(/\s+/);
  if (words.length < 3) return null;
  const rest = phraseTokens(words.slice(1).join(' '));
  return rest.length >= 2 && !rest[0]!.stop ? rest.map((t) => t.stem) : null;
}

function addWordConcept(concepts: Concept[], term: string, alternatives: Alternative[], saidByPossessive: boolean): void {
  const key = alternatives[0]!.keys.join(' ');
  if (concepts.some((c) => c.alternatives[0]!.keys.join(' ') === key)) return;
  concepts.push({ term, weight: WEIGHT.WORD, alternatives, articles: [], definition: null, saidByPossessive });
}

/** The same keys once, the strongest kept (the typed word before its synonym). */
function uniqueAlternatives(alternatives: Alternative[]): Alternative[] {
  const seen = new Map<string, Alternative>();
  for (const alternative of alternatives) {
    if (alternative.keys.length === 0) continue;
    const key = alternative.keys.join(' ');
    const known = seen.get(key);
    if (!known || known.strength < alternative.strength) seen.set(key, alternative);
  }
  return [...seen.values()];
}

const contentKeys = (text: string): string[] => [...new Set(phraseTokens(text).filter((t) => !t.stop).map((t) => t.stem))];

/** "Mentalization-Based Treatment" is also typed "Mentalization Based Treatment"; "post-traumatic" also "posttraumatic". */
function withHyphenVariants(names: string[]): string[] {
  const all = new Set(names);
  for (const name of names) {
    if (!/[\p{L}\p{N}][-\u2010\u2011][\p{L}\p{N}]/u.test(name)) continue;
    all.add(name.replace(/[-\u2010\u2011]/g, ' '));
    all.add(name.replace(/[-\u2010\u2011]/g, ''));
  }
  return [...all];
}

const targetKey = (target: LinkTarget) => `${target.kind}\u0000${target.id}`;
const sameTarget = (a: LinkTarget | undefined, b: LinkTarget) => a !== undefined && a.kind === b.kind && a.id === b.id;

/** Lower-case words only, for Lucene: no syntax character can reach the parser. */
const luceneWords = (text: string): string[] => (text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []);

/**
 * One clause per alternative (a word, or a quoted phrase), with its spelling
 * variants; synonyms boosted down. Lucene analyses them as the index does
 * (english: stop words, Porter stems).
 */
export function luceneQueryOf(concepts: Concept[]): string | null {
  const clauses: string[] = [];
  const seen = new Set<string>();
  const add = (clause: string) => {
    if (clauses.length < MAX_LUCENE_CLAUSES && !seen.has(clause)) {
      seen.add(clause);
      clauses.push(clause);
    }
  };
  // Every concept's own term first, then the others' alternatives: a long list of synonyms cannot crowd out a typed word.
  const rest = concepts.map((c) => c.alternatives.slice(1));
  const rounds = [
    concepts.map((c) => c.alternatives.slice(0, 1)),
    rest.map((alternatives) => alternatives.filter((a) => a.kind !== 'LEXICON')),
    rest.map((alternatives) => alternatives.filter((a) => a.kind === 'LEXICON')),
  ];
  for (const round of rounds) {
    for (const alternatives of round) {
      for (const alternative of alternatives) {
        const words = luceneWords(alternative.text).filter((word) => !LUCENE_OPERATORS.has(word));
        if (words.length === 0) continue;
        const boost = alternative.kind === 'SYNONYM' || alternative.kind === 'LEXICON' ? `^${LUCENE_BOOST[alternative.kind]}` : '';
        if (words.length > 1) {
          add(`"${words.join(' ')}"${boost}`);
          continue;
        }
        for (const word of [words[0]!, ...spellingVariants(words[0]!)]) add(`${word}${boost}`);
      }
    }
  }
  return clauses.length > 0 ? clauses.join(' ') : null;
}

/** Words Lucene's parser reads as operators when upper-case; dropped outside phrases (they are stop words anyway). */
const LUCENE_OPERATORS = new Set(['and', 'or', 'not', 'to']);

/**
 * The beginnings of the words the named articles' sentences are picked by:
 * each content word's stem, without a final i (y in the text); the typed
 * words first, then their synonyms.
 */
function articleWordsOf(concepts: Concept[]): string[] {
  const words = new Set<string>();
  const others = concepts.filter((c) => c.articles.length === 0);
  for (const alternatives of [...others.map((c) => c.alternatives.slice(0, 1)), ...others.map((c) => c.alternatives.slice(1))]) {
    for (const alternative of alternatives) {
      for (const token of phraseTokens(alternative.text)) {
        const stem = token.stem.replace(/i$/, '');
        if (!token.stop && stem.length >= 3) words.add(stem);
      }
    }
  }
  return [...words].slice(0, MAX_ARTICLE_WORDS);
}
