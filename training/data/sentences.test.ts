import { describe, expect, it } from 'vitest';
import { corpusSentences, isCorpusSentence, MAX_WORDS, MIN_WORDS, paragraphs, sentencePool, wordCount } from './sentences';

describe('sentence filtering', () => {
  it('keeps 3 to 15 words, ending in . ? or !', () => {
    expect(isCorpusSentence('he went home.')).toBe(true);
    expect(isCorpusSentence('go home.')).toBe(false);
    const words = (n: number) => `${Array.from({ length: n }, () => 'word').join(' ')}.`;
    expect(isCorpusSentence(words(MIN_WORDS))).toBe(true);
    expect(isCorpusSentence(words(MAX_WORDS))).toBe(true);
    expect(isCorpusSentence(words(MIN_WORDS - 1))).toBe(false);
    expect(isCorpusSentence(words(MAX_WORDS + 1))).toBe(false);
    expect(isCorpusSentence('is it not so?')).toBe(true);
    expect(isCorpusSentence('pride and prejudice')).toBe(false);
  });

  it('counts words, not punctuation', () => {
    expect(wordCount('well, i never!')).toBe(3);
  });

  it('normalises before splitting, so abbreviations and numbers do not break sentences', () => {
    expect(corpusSentences('"My dear Mr. Bennet," said his lady to him one day. He had 2 horses!')).toEqual([
      'my dear mister bennet, said his lady to him one day.',
      'he had two horses!',
    ]);
  });

  it('drops headings and over-long sentences of a text, and repeated sentences of the pool', () => {
    const text = [
      'CHAPTER I',
      '',
      'It was a fine day.\nThe sun was out.',
      '',
      'This sentence is far too long to be kept in the corpus because it has more than fifteen words in it.',
      '',
      'It was a fine day. Go!',
    ].join('\n');
    expect(paragraphs(text)).toHaveLength(4);
    expect(sentencePool([text])).toEqual(['it was a fine day.', 'the sun was out.']);
  });
});
