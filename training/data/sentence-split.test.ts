import { describe, expect, it } from 'vitest';
import { CONFIGS, type CorpusConfig } from './corpus-config';
import { planCorpus } from './corpus-plan';
import { DEFAULT_SPLIT_FRACTIONS, splitOfSentence, splitSentencePool } from './sentence-split';
import { HELD_OUT_FAMILIES } from './voices';

/** Distinct fake sentences (the split only looks at the text). */
const pool = Array.from({ length: 20_000 }, (_, i) => `sentence number ${i} is here.`);

describe('sentence split', () => {
  it('is a pure function of the sentence: same answer every time and in any pool order', () => {
    const forward = splitSentencePool(pool);
    const backward = splitSentencePool([...pool].reverse());
    for (const split of ['train', 'valid', 'test'] as const) {
      expect(new Set(backward[split])).toEqual(new Set(forward[split]));
    }
    expect(pool.slice(0, 200).map((s) => splitOfSentence(s))).toEqual(pool.slice(0, 200).map((s) => splitOfSentence(s)));
  });

  it('puts every sentence in exactly one split, in roughly the configured shares', () => {
    const parts = splitSentencePool(pool);
    const train = new Set(parts.train);
    expect(parts.valid.some((s) => train.has(s))).toBe(false);
    expect(parts.test.some((s) => train.has(s) || parts.valid.includes(s))).toBe(false);
    expect(parts.train.length + parts.valid.length + parts.test.length).toBe(pool.length);
    expect(parts.test.length / pool.length).toBeCloseTo(DEFAULT_SPLIT_FRACTIONS.test, 1);
    expect(parts.valid.length / pool.length).toBeCloseTo(DEFAULT_SPLIT_FRACTIONS.valid, 1);
  });

  it('rejects fractions that leave nothing to train on', () => {
    expect(() => splitOfSentence('a b c.', { valid: 0.6, test: 0.5 })).toThrow(RangeError);
  });
});

describe('corpus plan', () => {
  const sentences = splitSentencePool(pool);
  const plan = planCorpus(CONFIGS.full, sentences);

  it('never trains on a valid or test sentence', () => {
    const trained = new Set(plan.clips.filter((c) => c.split === 'train').map((c) => c.text));
    const heldOut = plan.clips.filter((c) => c.split !== 'train');
    expect(heldOut.length).toBeGreaterThan(0);
    expect(heldOut.filter((c) => trained.has(c.text))).toEqual([]);
    for (const clip of plan.clips) expect(splitOfSentence(clip.text)).toBe(clip.split);
  });

  it('holds out whole voice families: test voices only in test, never trained or validated on', () => {
    for (const clip of plan.clips) {
      expect(HELD_OUT_FAMILIES.includes(clip.speaker.family)).toBe(clip.split === 'test');
    }
    const testFamilies = new Set(plan.clips.filter((c) => c.split === 'test').map((c) => c.speaker.family));
    expect(testFamilies.size).toBeGreaterThanOrEqual(3);
  });

  it('plans >= 1000 training speakers with >= 3 utterances in each of their splits', () => {
    const counts = new Map<string, number>();
    for (const c of plan.clips) counts.set(`${c.split}/${c.speaker.id}`, (counts.get(`${c.split}/${c.speaker.id}`) ?? 0) + 1);
    expect([...counts.values()].every((n) => n >= 3)).toBe(true);
    const trainSpeakers = new Set(plan.clips.filter((c) => c.split === 'train').map((c) => c.speaker.id));
    expect(trainSpeakers.size).toBeGreaterThanOrEqual(1000);
  });

  it('is deterministic, with unique clip ids and keys', () => {
    const again = planCorpus(CONFIGS.full, splitSentencePool(pool));
    expect(again.clips.map((c) => [c.id, c.key])).toEqual(plan.clips.map((c) => [c.id, c.key]));
    expect(new Set(plan.clips.map((c) => c.id)).size).toBe(plan.clips.length);
    expect(new Set(plan.clips.map((c) => c.key)).size).toBe(plan.clips.length);
  });

  it('refuses a config that trains on a held-out family', () => {
    const bad: CorpusConfig = { ...CONFIGS.tiny, natural: [{ voices: ['festival-slt'], cleanUtterances: 3, augmentedSpeakers: 0, augmentedUtterances: 3 }] };
    expect(() => planCorpus(bad, sentences)).toThrow(/held-out family cmu-slt/);
  });
});
