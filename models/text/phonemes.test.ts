import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize';
import { decodePhonemes, encodePhonemes, PHONEME_VOCAB, phonemizeText } from './phonemes';
import { TokenizerError } from './tokenize-error';

describe('phonemizeText', () => {
  it('gives eSpeak NG en-us IPA for known words', async () => {
    expect(await phonemizeText('hello world')).toBe('həlˈoʊ wˈɜːld');
    expect(await phonemizeText('the quick brown fox jumps over the lazy dog')).toBe(
      'ðə kwˈɪk bɹˈaʊn fˈɑːks dʒˈʌmps ˌoʊvɚ ðə lˈeɪzi dˈɑːɡ',
    );
    expect(await phonemizeText('church judge eye thing measure')).toBe('tʃˈɜːtʃ dʒˈʌdʒ ˈaɪ θˈɪŋ mˈɛʒɚ');
  });

  it('keeps , . ? ! as their own symbols after the preceding word', async () => {
    expect(await phonemizeText('hello, world.')).toBe('həlˈoʊ, wˈɜːld.');
    expect(await phonemizeText('why? because!')).toBe('wˈaɪ? bɪkˈʌz!');
    const ipa = await phonemizeText(normalizeText('Yes, Dr. Smith paid $5. Really?!'));
    expect(ipa.match(/[,.?!]/g)).toEqual([',', '.', '?']);
    expect(ipa).not.toMatch(/ {2}|^ | $| [,.?!]/);
  });

  it('returns an empty string for empty input', async () => {
    expect(await phonemizeText('')).toBe('');
    expect(await phonemizeText(' , ')).toBe(',');
  });
});

describe('phoneme vocabulary', () => {
  it('has one token per code point, no duplicates, space and punctuation first', () => {
    expect(new Set(PHONEME_VOCAB).size).toBe(PHONEME_VOCAB.length);
    for (const symbol of PHONEME_VOCAB) expect([...symbol]).toHaveLength(1);
    expect(PHONEME_VOCAB.slice(0, 5)).toEqual([' ', ',', '.', '?', '!']);
    for (const mark of ['ˈ', 'ˌ', 'ː', 'ə', 'ɹ', 'ʃ', 'ŋ', 'θ', 'ð']) expect(PHONEME_VOCAB).toContain(mark);
  });

  it('round-trips IPA through ids, splitting multi-code-point phonemes', async () => {
    const ipa = await phonemizeText(normalizeText('Church, judge? My eyes! The thing is, 5:30 p.m. is fine.'));
    const ids = encodePhonemes(ipa, () => {
      throw new Error('unexpected unknown symbol');
    });
    expect(ids).toHaveLength([...ipa].length);
    expect(decodePhonemes(ids)).toBe(ipa);
    const tch = encodePhonemes('tʃ');
    expect(tch).toEqual([PHONEME_VOCAB.indexOf('t'), PHONEME_VOCAB.indexOf('ʃ')]);
  });

  it('drops unknown symbols and reports them instead of throwing', () => {
    const unknown: Array<[string, number]> = [];
    const ids = encodePhonemes('hə#lˈoʊ😀', (symbol, index) => unknown.push([symbol, index]));
    expect(decodePhonemes(ids)).toBe('həlˈoʊ');
    expect(unknown).toEqual([['#', 2], ['😀', 7]]);
    expect(encodePhonemes('x#')).toEqual([PHONEME_VOCAB.indexOf('x')]);
  });

  it('rejects ids outside the vocabulary when decoding', () => {
    expect(() => decodePhonemes([PHONEME_VOCAB.length])).toThrow(TokenizerError);
    expect(() => decodePhonemes([-1])).toThrow(/not in the phoneme vocabulary/);
  });
});

/**
 * 500 varied English sentences that were NOT used to build the inventory: the change-log entries
 * of the installed Debian packages (names, versions, technical words), plus a fixed set of words
 * with rare sounds so the test means something on systems without /usr/share/doc.
 */
function sampleSentences(count: number): string[] {
  const fixed = [
    'The loch in Scotland, the Bach fugue and the genre of the rouge beige garage.',
    'Button, kitten, mountain, bottle: little battles with the glottal stop.',
    'Measure the vision of the azure treasure; judge the church choir.',
    'Rhythm and myth, this and that, thin and then, sing a long song.',
    'The naive fiancee said uh oh to the bourgeois entrepreneur at the cafe.',
    'Llewellyn, Xavier, Nguyen, Siobhan and Zbigniew ate quinoa and gnocchi.',
  ];
  const sentences: string[] = [...fixed];
  const docs = '/usr/share/doc';
  if (existsSync(docs)) {
    for (const pkg of readdirSync(docs).sort()) {
      const path = join(docs, pkg, 'changelog.Debian.gz');
      if (!existsSync(path)) continue;
      const text = gunzipSync(readFileSync(path)).toString('utf8');
      // The first two bullet entries of each package.
      const entries = [...text.matchAll(/^\s+\* (.+(?:\n\s{4}.+)*)/gm)].slice(0, 2).map((m) => m[1]);
      // At most ~100 characters each (cut at a word): eSpeak costs ~0.2 ms per character.
      sentences.push(...entries.map((e) => e.replace(/\s+/g, ' ').replace(/^(.{60,100}?)\s.*$/, '$1')));
      if (sentences.length >= count) break;
    }
  }
  return sentences.slice(0, count);
}

describe('phoneme inventory coverage', () => {
  it('contains every symbol eSpeak emits for a sample of 500 varied sentences', async () => {
    const sentences = sampleSentences(500);
    const unknown = new Map<string, string>();
    let symbols = 0;
    for (const sentence of sentences) {
      let normalized: string;
      try {
        normalized = normalizeText(sentence);
      } catch {
        continue; // nothing speakable in this entry
      }
      const ipa = await phonemizeText(normalized);
      symbols += [...ipa].length;
      encodePhonemes(ipa, (symbol) => unknown.set(symbol, sentence));
    }
    expect(symbols).toBeGreaterThan(sentences.length * 10);
    expect(Object.fromEntries(unknown)).toEqual({});
  });
});
