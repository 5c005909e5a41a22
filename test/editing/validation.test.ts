import { AppError } from '../../src/errors';
import * as validate from '../../src/editing/validation';

/** The text rules every mutation argument goes through (src/editing/validation.ts). */
describe('text validation', () => {
  const refusal = (make: () => unknown): AppError => {
    try {
      make();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    }
    throw new Error('expected BAD_USER_INPUT');
  };

  describe('invisible characters', () => {
    // Zero-width space, non-joiner, joiner, word joiner, byte-order mark, soft hyphen, left-to-right and right-to-left marks.
    const invisible = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u200E', '\u200F', '\u061C'];

    it.each(invisible.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, c]))(
      '%s is removed from one-line values, names and paragraphs',
      (_name, c) => {
        expect(validate.line(`Attach${c}ment Theory`, 'name', 200)).toBe('Attachment Theory');
        expect(validate.entryName(`${c}Attachment${c} Theory${c}`, 'name')).toBe('Attachment Theory');
        expect(validate.paragraph(`Within 12${c} sessions,\nthe client${c}…`, 'text', 1_000)).toBe('Within 12 sessions,\nthe client…');
      },
    );

    it('does not count towards lengths or emptiness', () => {
      expect(refusal(() => validate.line('\u200B\u200B', 'name', 200)).message).toMatch(/must not be empty/);
      expect(validate.line(`${'a'.repeat(10)}${'\u200B'.repeat(50)}`, 'x', 10)).toBe('a'.repeat(10));
    });
  });

  describe('bidirectional controls (embeddings, overrides, isolates)', () => {
    const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

    it.each(controls.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase()}`, c]))('%s is refused, naming the argument', (_name, c) => {
      for (const make of [
        () => validate.line(`Call \u202E7654-321 )555(${c}`, 'input.sources[0]', 500),
        () => validate.paragraph(`Please cite ${c}the review${c} in the evidence section.`, 'input.text', 1_000),
        () => validate.entryName(`Earned ${c}Security`, 'input.name'),
      ]) {
        const error = refusal(make);
        expect(error.code).toBe('BAD_USER_INPUT');
        expect(error.message).toMatch(/bidirectional/);
        expect(error.extensions.argument).toBeDefined();
      }
    });
  });

  describe('entry names and aliases', () => {
    it('are compatibility-normalised, so full-width and ligature spellings are the same name', () => {
      expect(validate.entryName('Ａｔｔａｃｈｍｅｎｔ ﬁeld', 'name')).toBe('Attachment field');
      expect(validate.aliases(['ＭＢＴ', 'MBT', 'M\u200BBT'], 'Mentalization-Based Treatment', 'aliases')).toEqual(['MBT']);
    });

    it('keep accents', () => {
      expect(validate.entryName('Jose\u0301 Garci\u0301a scale', 'name')).toBe('José García scale');
    });
  });
});
