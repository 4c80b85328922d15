// A synthetic training utterance for sequence and batch tests: step j's mel values all equal j + 1
// (so rows can be told apart), phoneme and character ids cycling through the vocabularies.

import { type MeldConfig, stepSize } from '../../models/meld/config';
import type { TrainUtterance } from '../data/dataset';

export function testUtterance(c: MeldConfig, id: string, steps: number, phonemes: number, chars: number): TrainUtterance {
  const S = stepSize(c);
  return {
    id, speaker: 's', text: 'x', steps,
    mel: Float32Array.from({ length: steps * S }, (_, i) => Math.floor(i / S) + 1),
    phonemeIds: Array.from({ length: phonemes }, (_, i) => 1 + (i % 20)),
    charIds: Array.from({ length: chars }, (_, i) => i % 26),
  };
}
