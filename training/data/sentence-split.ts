// Train/valid/test assignment BY SENTENCE: a sentence's split is a pure function of its normalised
// text (a hash), independent of the seed, the config and the voice. So every utterance of a test
// sentence is in the test split whoever speaks it, no test or valid sentence is ever trained on, and
// tiny and full corpora agree on which sentences are held out.

import { createHash } from 'node:crypto';
import type { Split } from './manifest';

export interface SplitFractions {
  /** Share of sentences held out for validation (seen voices, unseen sentences). */
  valid: number;
  /** Share of sentences held out for the zero-shot test (unseen voices, unseen sentences). */
  test: number;
}

export const DEFAULT_SPLIT_FRACTIONS: SplitFractions = { valid: 0.04, test: 0.04 };

/** A stable number in [0, 1) for a sentence. */
function sentenceHash(sentence: string): number {
  return createHash('sha256').update(`meld-split:${sentence}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** The split a sentence belongs to. */
export function splitOfSentence(sentence: string, fractions: SplitFractions = DEFAULT_SPLIT_FRACTIONS): Split {
  if (!(fractions.valid >= 0 && fractions.test >= 0 && fractions.valid + fractions.test < 1)) {
    throw new RangeError(`split fractions must be >= 0 and sum below 1, got ${JSON.stringify(fractions)}`);
  }
  const u = sentenceHash(sentence);
  if (u < fractions.test) return 'test';
  if (u < fractions.test + fractions.valid) return 'valid';
  return 'train';
}

/** A sentence pool divided by splitOfSentence, each part keeping the pool's order. */
export function splitSentencePool(pool: readonly string[], fractions: SplitFractions = DEFAULT_SPLIT_FRACTIONS): Record<Split, string[]> {
  const out: Record<Split, string[]> = { train: [], valid: [], test: [] };
  for (const sentence of pool) out[splitOfSentence(sentence, fractions)].push(sentence);
  return out;
}

/** A held-out text source's sentences divided between valid and test, half each, by the same hash. */
export function splitNewText(pool: readonly string[]): { valid: string[]; test: string[] } {
  const out = { valid: [] as string[], test: [] as string[] };
  for (const sentence of pool) out[sentenceHash(sentence) < 0.5 ? 'valid' : 'test'].push(sentence);
  return out;
}
