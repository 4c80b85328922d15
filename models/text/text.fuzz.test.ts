// Fuzz: the text normaliser and the tokenizers on generated hostile input. Every input either gives a
// usable result or a typed error with a message: never another exception, a hang or an empty success.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEXT_ALPHABET } from './alphabet';
import { decodeChars, encodeChars } from './chars';
import { normalizeText } from './normalize';
import { decodePhonemes, encodePhonemes, PHONEME_VOCAB, phonemizeText } from './phonemes';
import { splitSentences } from './sentences';
import { TextError } from './text-error';
import { TokenizerError } from './tokenize-error';

const ALPHABET = new Set(TEXT_ALPHABET);
/** Longest a single normalisation may take: a hang or a pathological regex shows up as a failure. */
const MAX_MS = 2000;

/** Text a user (or a paste) can produce, weighted towards what breaks normalisers. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }), // any code point, lone surrogates included
  fc.string({ unit: 'grapheme', maxLength: 200 }), // emoji, combining marks, other scripts
  fc.stringMatching(/^[\d.,$£€%:\-/ ]{1,60}$/), // numbers, money, times, dates
  fc.array(fc.constantFrom('Dr.', 'St.', 'Mr.', '&', '@', '#', '1st', '10:30', '$3.50', '2e10', '1,000,000,000,000,000,000', '...', '?!', '\u200b', '\u0000', '\t', '\n', 'ﬁ', 'İ', 'ß'), { maxLength: 30 }).map((xs) => xs.join(' ')),
  fc.constantFrom('', ' ', '\n\t', '🙂', '🙂✨', '....', ',,,', '%%%', '9'.repeat(400), 'a'.repeat(5000)),
);

function expectTextError(error: unknown): void {
  expect(error).toBeInstanceOf(TextError);
  expect((error as TextError).message.length).toBeGreaterThan(10);
  expect(['empty', 'unspeakable']).toContain((error as TextError).kind);
}

describe('fuzz: normalizeText', () => {
  it('gives speakable text in the alphabet, or a TextError with a message', () => {
    fc.assert(
      fc.property(hostileText, (input) => {
        const t0 = performance.now();
        let out: string;
        try {
          out = normalizeText(input);
        } catch (error) {
          expectTextError(error);
          return;
        }
        expect(performance.now() - t0).toBeLessThan(MAX_MS);
        expect(out).toMatch(/[a-z]/);
        for (const c of out) expect(ALPHABET.has(c)).toBe(true);
        // What the app does next: split and tokenise, without error.
        expect(splitSentences(out, 200).length).toBeGreaterThan(0);
        expect(encodeChars(out).length).toBe([...out].length);
      }),
    );
  });
});

describe('fuzz: tokenizers', () => {
  it('encodeChars: ids for normalised text, a TokenizerError naming the character otherwise', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }), (input) => {
        try {
          const ids = encodeChars(input);
          expect(decodeChars(ids)).toBe(input);
        } catch (error) {
          expect(error).toBeInstanceOf(TokenizerError);
          expect((error as TokenizerError).detail.kind).toBe('unknown-char');
          expect((error as TokenizerError).message).toMatch(/not in the text alphabet/);
        }
      }),
    );
  });

  const badId = fc.oneof(fc.integer({ min: -1e6, max: -1 }), fc.integer({ min: PHONEME_VOCAB.length + TEXT_ALPHABET.length, max: 1e9 }), fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, 0.5, -0));
  const idsWithABadOne = fc.tuple(fc.array(fc.nat({ max: TEXT_ALPHABET.length - 1 }), { maxLength: 20 }), badId, fc.nat()).map(([ids, bad, at]) => {
    const out: number[] = [...ids];
    out.splice(at % (ids.length + 1), 0, bad);
    return out;
  });

  it.each([
    ['decodeChars', decodeChars],
    ['decodePhonemes', decodePhonemes],
  ] as const)('%s: a TokenizerError naming the bad id, never undefined in the text', (_name, decode) => {
    fc.assert(
      fc.property(idsWithABadOne, (ids) => {
        let threw: unknown;
        try {
          decode(ids);
        } catch (error) {
          threw = error;
        }
        // -0 is a valid id 0; everything else generated as bad must be refused.
        if (ids.every((id) => Number.isInteger(id) && id >= 0 && id < (decode === decodeChars ? TEXT_ALPHABET.length : PHONEME_VOCAB.length))) return;
        expect(threw).toBeInstanceOf(TokenizerError);
        expect((threw as TokenizerError).detail.kind).toBe('unknown-id');
        expect((threw as TokenizerError).message).toMatch(/is not in the/);
      }),
    );
  });

  it('encodePhonemes: drops and reports unknown symbols, never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (ph) => {
        const unknown: string[] = [];
        const ids = encodePhonemes(ph, (s) => unknown.push(s));
        expect(ids.length + unknown.length).toBe([...ph].length);
        for (const id of ids) expect(PHONEME_VOCAB[id]).toBeDefined();
      }),
    );
  });

  it('phonemizeText on any normalised text gives phonemes the tokenizer knows', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (input) => {
        let normalized: string;
        try {
          normalized = normalizeText(input);
        } catch (error) {
          expectTextError(error);
          return;
        }
        const ids = encodePhonemes(await phonemizeText(normalized.slice(0, 300)));
        expect(ids.length).toBeGreaterThan(0);
      }),
      { numRuns: 50 },
    );
  }, 120_000);
});
