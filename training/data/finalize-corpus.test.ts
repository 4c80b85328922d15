import { describe, expect, it } from 'vitest';
import type { Utterance } from './manifest';
import { summarize } from './finalize-corpus';

function utt(id: string, text: string, source?: string): Utterance {
  return {
    id, split: 'train', text, phonemes: '', speaker: `s-${id}`, family: 's', engine: 'espeak-ng', durationSec: 1800,
    wav: `wavs/${id}.wav`, mel: { shard: 'mels/mel-0000.f32', offset: 0, frames: 10 }, ...(source ? { source } : {}),
  };
}

const extra = { heldOutFamilies: [], textSource: 'test', buildSeconds: 1, failedClips: 0, droppedSpeakers: [] };

describe('summarize', () => {
  it('counts distinct sentences, clips and hours per text source', () => {
    const s = summarize('x', [utt('a', 'one', 'wordnet'), utt('b', 'one', 'wordnet'), utt('c', 'two', 'wordnet'), utt('d', 'three', 'austen')], extra);
    expect(s.perSource).toEqual({ austen: { sentences: 1, utterances: 1, hours: 0.5 }, wordnet: { sentences: 2, utterances: 3, hours: 1.5 } });
  });

  it('leaves per-source counts out for a corpus of one unnamed source', () => {
    expect(summarize('x', [utt('a', 'one')], extra).perSource).toBeUndefined();
  });
});
