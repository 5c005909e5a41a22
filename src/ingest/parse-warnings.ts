import type { ParseWarning, ParseWarningCode } from '../model/article';

/**
 * Collects the doubtful readings of one parse. The parser takes the best
 * reading and carries on instead of rejecting the article; each such choice
 * is recorded here with what was found and what else it could have meant.
 */
export class ParseWarnings {
  private readonly list: ParseWarning[] = [];

  add(line: number, code: ParseWarningCode, details: { found: string; reading: string; alternatives?: string[]; message: string }): void {
    this.list.push({ line, code, found: details.found, reading: details.reading, alternatives: details.alternatives ?? [], message: details.message });
  }

  /** In line order; warnings of one line keep the order they were found in. */
  toArray(): ParseWarning[] {
    return [...this.list].sort((a, b) => a.line - b.line);
  }
}
