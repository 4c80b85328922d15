import { describe, expect, it } from 'vitest';
import { CONFIGS, type CorpusConfig } from './corpus-config';
import { planCorpus } from './corpus-plan';
import { DEFAULT_SPLIT_FRACTIONS, splitNewText, splitOfSentence, splitSentencePool } from './sentence-split';
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

describe('corpus plan with a held-out text source (corpus v2)', () => {
  const fresh = Array.from({ length: 400 }, (_, i) => `a brand new sentence ${i}.`);
  const newText = splitNewText(fresh);
  const sourceOf = new Map([...pool.map((t) => [t, 'old'] as const), ...fresh.map((t) => [t, 'new'] as const)]);
  const config: CorpusConfig = { ...CONFIGS.tiny, text: { sources: ['wordnet'], heldOut: 'harvard', newText: { validUtterances: 3, testUtterances: 4 } } };
  const plan = planCorpus(config, splitSentencePool(pool), newText, sourceOf);

  it('splits the new text between valid and test by hash, half and half', () => {
    expect(newText.valid.length + newText.test.length).toBe(fresh.length);
    expect(newText.valid.some((s) => newText.test.includes(s))).toBe(false);
    expect(newText.valid.length / fresh.length).toBeGreaterThan(0.4);
  });

  it('trains on none of it; every valid speaker and test voice also reads it, tagged with its source', () => {
    const isNew = (c: (typeof plan.clips)[number]) => c.source === 'new' && c.newText === true;
    expect(plan.clips.filter((c) => c.split === 'train' && isNew(c))).toEqual([]);
    const validSpeakers = new Set(plan.clips.filter((c) => c.split === 'valid').map((c) => c.speaker.id));
    for (const id of validSpeakers) expect(plan.clips.filter((c) => c.split === 'valid' && c.speaker.id === id && isNew(c)).length).toBe(3);
    const tests = plan.clips.filter((c) => c.split === 'test' && isNew(c));
    expect(tests.length).toBe(4 * config.test.voices.length);
    for (const c of tests) expect(newText.test).toContain(c.text);
    expect(plan.clips.filter((c) => !isNew(c)).every((c) => c.source === 'old')).toBe(true);
    expect(new Set(plan.clips.map((c) => c.id)).size).toBe(plan.clips.length);
  });

  it('speed-perturbed copies of a clean voice are speakers of its family; fromSource keeps the test to one source', () => {
    const pooled = splitSentencePool([...pool, ...fresh.map((t) => t.replace('new', 'old'))]);
    const srcOf = new Map([...sourceOf, ...fresh.map((t) => [t.replace('new', 'old'), 'other'] as const)]);
    const cfg: CorpusConfig = {
      ...config,
      natural: [{ voices: ['mbrola-us1'], cleanUtterances: 3, augmentedSpeakers: 0, augmentedUtterances: 3, speeds: { factors: [0.9, 1.1], utterances: 4 } }],
      test: { ...config.test, fromSource: 'austen' },
    };
    const p = planCorpus(cfg, pooled, newText, new Map([...srcOf].map(([t, s]) => [t, s === 'old' ? 'austen' : s])));
    const slow = p.clips.filter((c) => c.speaker.id === 'mbrola-us1-s090');
    expect(slow.length).toBe(4);
    expect(slow[0].speaker.family).toBe('mbrola-us1');
    expect(slow[0].speaker.augmentation.speed).toBe(0.9);
    expect(p.clips.filter((c) => c.split === 'test' && !c.id.includes('-new-')).every((c) => c.source === 'austen')).toBe(true);
  });

  it('plans the same clips as before for a config without text sources', () => {
    const base = planCorpus(CONFIGS.tiny, splitSentencePool(pool));
    expect(planCorpus(CONFIGS.tiny, splitSentencePool(pool), newText, sourceOf).clips.map((c) => c.key)).toEqual(base.clips.map((c) => c.key));
  });
});
