/**
 * Cross-link matcher: finds every span of a text that names a wiki entry or key term.
 *
 * Names and text are cut into tokens by the same rule and compared token by token
 * through a trie, so matching costs O(tokens × longest name in tokens) Map lookups
 * however large the dictionary is — there is no regex per name.
 *
 * Pure and synchronous: build once per dictionary, then call `match` as often as needed.
 */

import { forEachToken } from './tokens';

/** What a span links to; `id` is opaque, the caller resolves it. */
export interface LinkTarget {
  kind: 'ENTRY' | 'KEY_TERM';
  id: string;
}

/**
 * A target with every name it can be written as: `names[0]` is its own name,
 * the rest its aliases. When targets share a name, a target's own name beats
 * another's alias, so which entry "reflective functioning" links to does not
 * depend on which was written first.
 */
export interface NamedTarget {
  target: LinkTarget;
  names: string[];
}

/** Offsets are UTF-16 indices into the original text: `surface === text.slice(start, end)`. */
export interface CrossLinkSpan {
  start: number;
  end: number;
  surface: string;
  target: LinkTarget;
}

interface TrieNode {
  /** Created on first child only: most nodes are leaves. */
  next: Map<string, TrieNode> | undefined;
  /** Set when the token path from the root to here is a whole name. */
  target: LinkTarget | undefined;
  /** How strongly `target` holds the name: see `claimRank`. */
  rank: number;
}

/**
 * Which target a name belongs to when several share it, lowest first: an
 * entry's own name, an entry's alias, a key term's own term, a key term's
 * alias; then the smallest id. Never the order the targets were given in.
 */
const claimRank = (target: LinkTarget, isOwnName: boolean): number => (target.kind === 'ENTRY' ? 0 : 2) + (isOwnName ? 0 : 1);

const wins = (rank: number, target: LinkTarget, node: TrieNode): boolean =>
  node.target === undefined || rank < node.rank || (rank === node.rank && target.id < node.target.id);

/**
 * Sentence punctuation between two tokens: a name never runs across it ("attachment. Theory"
 * is not "Attachment theory"), unless the name has it in the same place ("St. Louis study").
 * Such a token's trie key carries AFTER_BREAK in front, a character no token key has.
 */
const AFTER_BREAK = '\u0000';

function breakBetween(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    // . ! ? ; and their ideographic and full-width forms
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x3002 || c === 0xff0e || c === 0xff01 || c === 0xff1f || c === 0xff1b) return true;
  }
  return false;
}

/** A name's trie keys: its tokens', a token after sentence punctuation marked as such. */
function nameKeys(name: string): string[] {
  const keys: string[] = [];
  let previousEnd = -1;
  forEachToken(name, (key, start, end) => {
    keys.push(previousEnd >= 0 && breakBetween(name, previousEnd, start) ? AFTER_BREAK + key : key);
    previousEnd = end;
  });
  return keys;
}

export class CrossLinkMatcher {
  private constructor(
    private readonly root: TrieNode,
    /** Number of distinct names indexed (distinct token-key sequences). */
    readonly size: number,
  ) {}

  /**
   * Indexes every name. Names with no tokens (empty, whitespace, punctuation) are skipped,
   * and so are one-token names shorter than 2 characters: they would mostly link noise.
   */
  static build(targets: NamedTarget[]): CrossLinkMatcher {
    const root: TrieNode = { next: undefined, target: undefined, rank: 0 };
    let size = 0;
    for (const { target, names } of targets) {
      // A private frozen copy: the caller cannot change the index after building it.
      const own: LinkTarget = Object.freeze({ kind: target.kind, id: target.id });
      for (const [position, name] of names.entries()) {
        const keys = nameKeys(name);
        if (keys.length === 0 || (keys.length === 1 && [...keys[0]].length < 2)) continue;

        let node = root;
        for (const key of keys) {
          node.next ??= new Map();
          let child = node.next.get(key);
          if (child === undefined) {
            child = { next: undefined, target: undefined, rank: 0 };
            node.next.set(key, child);
          }
          node = child;
        }
        if (node.target === undefined) size++;
        const rank = claimRank(own, position === 0);
        if (wins(rank, own, node)) {
          node.target = own;
          node.rank = rank;
        }
      }
    }
    return new CrossLinkMatcher(root, size);
  }

  /** The target `name` links to as a whole, or undefined: the same rule as in running text. */
  targetOf(name: string): LinkTarget | undefined {
    const keys = nameKeys(name);
    let node: TrieNode | undefined = this.root;
    for (const key of keys) node = node?.next?.get(key);
    return keys.length === 0 ? undefined : node?.target;
  }

  /**
   * Every span naming a target, sorted by position and never overlapping: leftmost-longest,
   * i.e. at each token the longest name starting there wins, and the search resumes after it.
   */
  match(text: string): CrossLinkSpan[] {
    const keys: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    /** Whether sentence punctuation stands between token k - 1 and token k. */
    const afterBreak: boolean[] = [];
    forEachToken(text, (key, start, end) => {
      afterBreak.push(ends.length > 0 && breakBetween(text, ends[ends.length - 1], start));
      keys.push(key);
      starts.push(start);
      ends.push(end);
    });

    const spans: CrossLinkSpan[] = [];
    let i = 0;
    while (i < keys.length) {
      // Walk as deep as the trie allows, remembering the last whole name passed.
      let node: TrieNode | undefined = this.root;
      let last = -1;
      let target: LinkTarget | undefined;
      for (let j = i; j < keys.length; j++) {
        node = node.next?.get(j > i && afterBreak[j] ? AFTER_BREAK + keys[j] : keys[j]);
        if (node === undefined) break;
        if (node.target !== undefined) {
          last = j;
          target = node.target;
        }
      }
      if (target === undefined) {
        i++;
        continue;
      }
      const start = starts[i];
      const end = ends[last];
      spans.push({ start, end, surface: text.slice(start, end), target });
      i = last + 1;
    }
    return spans;
  }
}
