import { describe, expect, it } from 'vitest';
import { addCounts, align, errorCount, errorRate, scoreTranscript, scoringWords } from './wer';

const words = (s: string) => (s === '' ? [] : s.split(' '));

describe('align', () => {
  it('counts one substitution and one deletion (hand-checked)', () => {
    const { steps, counts } = align(words('the cat sat on the mat'), words('the cat sit on mat'));
    expect(counts).toEqual({ reference: 6, hypothesis: 5, matches: 4, substitutions: 1, deletions: 1, insertions: 0 });
    expect(steps.map((s) => s.op)).toEqual(['match', 'match', 'substitution', 'match', 'deletion', 'match']);
    expect(steps[2]).toEqual({ op: 'substitution', ref: 'sat', hyp: 'sit' });
    expect(steps[4]).toEqual({ op: 'deletion', ref: 'the' });
    expect(errorRate(counts)).toBeCloseTo(2 / 6, 12);
  });

  it('counts insertions inside and at the end', () => {
    const { steps, counts } = align(words('a b c'), words('a x b c d'));
    expect(counts.insertions).toBe(2);
    expect(counts.substitutions + counts.deletions).toBe(0);
    expect(steps.filter((s) => s.op === 'insertion').map((s) => s.hyp)).toEqual(['x', 'd']);
    expect(errorRate(counts)).toBeCloseTo(2 / 3, 12);
  });

  it('handles an empty reference and an empty hypothesis', () => {
    expect(align([], []).counts).toEqual({ reference: 0, hypothesis: 0, matches: 0, substitutions: 0, deletions: 0, insertions: 0 });
    expect(errorRate(align([], []).counts)).toBe(0);

    const onlyInsertions = align([], words('a b'));
    expect(onlyInsertions.counts.insertions).toBe(2);
    expect(errorRate(onlyInsertions.counts)).toBe(Number.POSITIVE_INFINITY);

    const onlyDeletions = align(words('a b'), []);
    expect(onlyDeletions.counts.deletions).toBe(2);
    expect(onlyDeletions.steps).toEqual([
      { op: 'deletion', ref: 'a' },
      { op: 'deletion', ref: 'b' },
    ]);
    expect(errorRate(onlyDeletions.counts)).toBe(1);
  });

  it('gives the classic kitten/sitting distance of 3 on characters', () => {
    const { counts } = align([...'kitten'], [...'sitting']);
    expect(errorCount(counts)).toBe(3);
    expect(counts.substitutions).toBe(2); // k->s, e->i
    expect(counts.insertions).toBe(1); // g
    expect(errorRate(counts)).toBe(0.5);
  });

  it('replaces whole different sentences by substitutions, never by more edits', () => {
    const { counts } = align(words('one two three'), words('four five six'));
    expect(counts.substitutions).toBe(3);
    expect(errorCount(counts)).toBe(3);
  });

  it('adds counts so corpus WER is total errors over total reference words', () => {
    const a = align(words('a b c d'), words('a b c d')).counts; // 0 errors / 4
    const b = align(words('e f'), words('g')).counts; // 2 errors / 2
    const total = addCounts(a, b);
    expect(total.reference).toBe(6);
    expect(errorRate(total)).toBeCloseTo(2 / 6, 12); // not the mean of per-utterance rates (0.5)
  });
});

describe('scoreTranscript', () => {
  it('ignores case and punctuation but keeps apostrophes', () => {
    expect(scoringWords("Hello, World! It's (quite) fine.")).toEqual(['hello', 'world', "it's", 'quite', 'fine']);
    const score = scoreTranscript("It's a test.", 'its a test');
    expect(score.words.counts.substitutions).toBe(1);
    expect(score.wer).toBeCloseTo(1 / 3, 12);
  });

  it('normalises numbers with models/text before scoring', () => {
    const score = scoreTranscript('I have 2 cats.', 'i have two cats');
    expect(score.wer).toBe(0);
    expect(score.cer).toBe(0);
  });

  it('computes CER over the scoring words joined by spaces', () => {
    // "the cat" (7 chars) vs "the bat": one substitution.
    const score = scoreTranscript('The cat', 'the bat');
    expect(score.chars.reference).toBe(7);
    expect(score.chars.substitutions).toBe(1);
    expect(score.cer).toBeCloseTo(1 / 7, 12);
    expect(score.wer).toBe(0.5);
  });

  it('treats empty or unspeakable text as no words', () => {
    expect(scoringWords('')).toEqual([]);
    expect(scoringWords('  ...  ')).toEqual([]);
    expect(scoreTranscript('', '').wer).toBe(0);
  });

  it('scores an empty hypothesis as all deletions', () => {
    const score = scoreTranscript('three little words', '');
    expect(score.words.counts.deletions).toBe(3);
    expect(score.wer).toBe(1);
    expect(score.cer).toBe(1);
  });
});
