import { describe, expect, it } from 'vitest';
import { CHAR_VOCAB, decodeChars, encodeChars } from './chars';
import { normalizeText, TEXT_ALPHABET } from './normalize';
import { TokenizerError } from './tokenize-error';

describe('character tokenizer', () => {
  it('is exactly the normaliser alphabet, one id per character', () => {
    expect(CHAR_VOCAB).toEqual(TEXT_ALPHABET);
    expect(new Set(CHAR_VOCAB).size).toBe(CHAR_VOCAB.length);
    expect(CHAR_VOCAB.length).toBe(32);
    expect(encodeChars(CHAR_VOCAB.join(''))).toEqual(CHAR_VOCAB.map((_, i) => i));
  });

  it('round-trips normalised text', () => {
    for (const input of [
      "Hello, world! It's 5:30 p.m. on Jan. 21st, 1984.",
      'Dr. Smith paid $5.20 — really?!',
      'a',
    ]) {
      const text = normalizeText(input);
      const ids = encodeChars(text);
      expect(ids).toHaveLength(text.length);
      for (const id of ids) expect(id >= 0 && id < CHAR_VOCAB.length).toBe(true);
      expect(decodeChars(ids)).toBe(text);
      expect(decodeChars(Int32Array.from(ids))).toBe(text);
    }
  });

  it('encodes known characters to their fixed ids', () => {
    expect(encodeChars("a b'")).toEqual([2, 0, 3, 1]);
    expect(decodeChars([])).toBe('');
  });

  it('throws a TokenizerError naming an out-of-alphabet character', () => {
    const error = (() => {
      try {
        encodeChars('hello World');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(TokenizerError);
    expect((error as TokenizerError).detail).toEqual({ kind: 'unknown-char', char: 'W', index: 6 });
    expect(() => encodeChars('3')).toThrow(/not in the text alphabet/);
  });

  it('throws a TokenizerError on ids outside the vocabulary', () => {
    expect(() => decodeChars([0, CHAR_VOCAB.length])).toThrow(TokenizerError);
    expect(() => decodeChars([-1])).toThrow(/not in the character vocabulary/);
    expect(() => decodeChars([1.5])).toThrow(TokenizerError);
  });
});
