import { describe, expect, it } from 'vitest';
import type { Split, Utterance } from '../data/manifest';
import { buildEvalItems, hashString } from './items';

function utt(id: string, speaker: string, text: string, split: Split = 'test'): Utterance {
  return {
    id,
    split,
    text,
    phonemes: '',
    speaker,
    family: speaker.split('-')[0],
    engine: 'espeak-ng',
    durationSec: 1,
    wav: `wav/${id}.wav`,
    mel: { shard: 'mel/0.bin', offset: 0, frames: 62 },
  };
}

const corpus: Utterance[] = [
  utt('b2', 'b-1', 'four'),
  utt('a1', 'a-1', 'one'),
  utt('a3', 'a-1', 'three'),
  utt('a2', 'a-1', 'two'),
  utt('b1', 'b-1', 'one'),
  utt('c1', 'c-1', 'lonely'), // a single utterance: no prompt possible
  utt('t1', 'a-1', 'training', 'train'),
  utt('v1', 'a-1', 'valid', 'valid'),
];

describe('buildEvalItems', () => {
  it('uses only the test split and prompts with the next utterance of the same speaker', () => {
    const items = buildEvalItems(corpus);
    const pairs = items.map((i) => `${i.target.id}<-${i.prompt.id}`).sort();
    expect(pairs).toEqual(['a1<-a2', 'a2<-a3', 'a3<-a1', 'b1<-b2', 'b2<-b1']);
    for (const i of items) {
      expect(i.prompt.speaker).toBe(i.target.speaker);
      expect(i.prompt.id).not.toBe(i.target.id);
    }
  });

  it('keeps the new-text subset apart: left out by default, on its own with newText', () => {
    const withNew = [...corpus, { ...utt('n1', 'a-1', 'harvard one'), newText: true }, { ...utt('n2', 'a-1', 'harvard two'), newText: true }];
    expect(buildEvalItems(withNew).map((i) => i.target.id).sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    expect(buildEvalItems(withNew, Infinity, true).map((i) => `${i.target.id}<-${i.prompt.id}`).sort()).toEqual(['n1<-n2', 'n2<-n1']);
  });

  it('skips the first items for a calibration set disjoint from them', () => {
    const all = buildEvalItems(corpus).map((i) => i.target.id);
    const first = buildEvalItems(corpus, 2).map((i) => i.target.id);
    const rest = buildEvalItems(corpus, 2, false, 2).map((i) => i.target.id);
    expect([...first, ...rest]).toEqual(all.slice(0, 4));
    expect(buildEvalItems(corpus, Infinity, false, 4).map((i) => i.target.id)).toEqual(all.slice(4));
  });

  it('alternates folds within a speaker and derives seeds from ids', () => {
    const items = buildEvalItems(corpus);
    const fold = Object.fromEntries(items.map((i) => [i.target.id, i.fold]));
    expect(fold).toMatchObject({ a1: 0, a2: 1, a3: 0, b1: 0, b2: 1 });
    expect(items.find((i) => i.target.id === 'a2')!.seed).toBe(hashString('a2'));
  });

  it('skips a prompt with the same sentence', () => {
    const items = buildEvalItems([utt('x1', 's', 'same'), utt('x2', 's', 'same'), utt('x3', 's', 'other')]);
    expect(items.find((i) => i.target.id === 'x1')!.prompt.id).toBe('x3');
    expect(items.find((i) => i.target.id === 'x3')!.prompt.id).toBe('x1');
  });

  it('takes --limit round-robin over voices, deterministically', () => {
    const limited = buildEvalItems(corpus, 3);
    expect(limited.map((i) => i.target.id)).toEqual(['a1', 'b1', 'a2']);
    expect(buildEvalItems([...corpus].reverse(), 3).map((i) => i.target.id)).toEqual(['a1', 'b1', 'a2']);
  });
});

describe('hashString', () => {
  it('is the 32-bit FNV-1a hash', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
  });
});
