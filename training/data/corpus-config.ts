// The corpus configurations: `npm run data -- --config tiny|full`.
// tiny: a few dozen clips in seconds for CI, using only espeak-ng, MBROLA us1/us2 and flite.
// full: >= 10 h from >= 1000 training speakers, built in well under an hour on 2 cores.

import { DEFAULT_SPLIT_FRACTIONS, type SplitFractions } from './sentence-split';
import type { TextSourceId } from './text/sources';
import { ACCENTED_MBROLA_VOICES, ENGLISH_VOICES, isHeldOut } from './voices';

/** Recorded voices used clean and as the seeds of augmented speakers. */
export interface NaturalGroup {
  /** Base voice ids (voices.ts). */
  voices: readonly string[];
  /** Training utterances of each clean voice. */
  cleanUtterances: number;
  /** Augmented speakers made from each voice, and training utterances of each. */
  augmentedSpeakers: number;
  augmentedUtterances: number;
  /** Speed-perturbed copies of each clean voice (sox `speed`, e.g. 0.9 and 1.1), each a speaker with this many utterances. */
  speeds?: { factors: readonly number[]; utterances: number };
}

export interface CorpusConfig {
  name: string;
  seed: number;
  /** How many of the novels (text-source.ts order) to read: fewer is faster (normalising takes ~1 s each). */
  novels: number;
  /**
   * Corpus v2: read these text sources (text/sources.ts) instead of the novels. `heldOut` is read by
   * no training clip: its sentences are the "new text" domain, half in valid, half in test, and every
   * valid speaker and test voice also reads `newText` of them.
   */
  text?: { sources: readonly TextSourceId[]; heldOut: TextSourceId; newText: { validUtterances: number; testUtterances: number } };
  fractions: SplitFractions;
  /** eSpeak NG formant voices, one random voice variant per speaker. */
  espeak: {
    speakers: number;
    utterances: number;
    /** Share of espeak speakers that also get a random channel (EQ, reverb, noise, level). */
    channelShare: number;
  };
  natural: readonly NaturalGroup[];
  /** Seen-speaker validation on held-out sentences: every clean natural training voice plus some others. */
  valid: { espeakSpeakers: number; augmentedSpeakers: number; utterances: number };
  /**
   * Zero-shot test: held-out voices (their families are never trained on) x held-out sentences. With
   * `fromSource` the test sentences come from that text source alone, in the order it alone would give:
   * corpus v2 keeps the first corpus's test items this way.
   */
  test: { voices: readonly string[]; utterances: number; fromSource?: TextSourceId };
  /** Clips per worker task (one synthesiser start-up, e.g. festival's, serves a whole task). */
  batchSize: number;
  /** Mel shard size in bytes. */
  shardBytes: number;
}

const TEST_VOICES = ENGLISH_VOICES.filter((v) => isHeldOut(v.family)).map((v) => v.id);
const TRAIN_ENGLISH = ENGLISH_VOICES.filter((v) => !isHeldOut(v.family)).map((v) => v.id);

export const CONFIGS: Record<string, CorpusConfig> = {
  tiny: {
    name: 'tiny',
    seed: 1,
    novels: 1,
    fractions: DEFAULT_SPLIT_FRACTIONS,
    espeak: { speakers: 4, utterances: 4, channelShare: 0.25 },
    natural: [{ voices: ['mbrola-us1', 'flite-rms'], cleanUtterances: 4, augmentedSpeakers: 1, augmentedUtterances: 3 }],
    valid: { espeakSpeakers: 1, augmentedSpeakers: 0, utterances: 3 },
    test: { voices: ['flite-slt', 'mbrola-us2'], utterances: 3 },
    batchSize: 8,
    shardBytes: 64 << 20,
  },
  full: {
    name: 'full',
    seed: 1,
    novels: 6,
    fractions: DEFAULT_SPLIT_FRACTIONS,
    espeak: { speakers: 1400, utterances: 6, channelShare: 0.3 },
    natural: [
      { voices: TRAIN_ENGLISH, cleanUtterances: 280, augmentedSpeakers: 30, augmentedUtterances: 6 },
      { voices: ACCENTED_MBROLA_VOICES.map((v) => v.id), cleanUtterances: 70, augmentedSpeakers: 10, augmentedUtterances: 5 },
    ],
    valid: { espeakSpeakers: 60, augmentedSpeakers: 40, utterances: 3 },
    test: { voices: TEST_VOICES, utterances: 100 },
    batchSize: 12,
    shardBytes: 64 << 20,
  },
};

/**
 * Corpus v2 (issue "Speech that generalizes"): ~117k sentences from five Debian text sources with the
 * Harvard sentences held out as new text; ~80 h, most of it recorded voices (clean, speed-perturbed and
 * augmented) and at most ~40% espeak. Today's held-out families and test items are kept (the test reads
 * Austen's test sentences, as `full` does), plus 40 new-text sentences per test voice.
 */
const V2: CorpusConfig = {
  name: 'v2',
  seed: 1,
  novels: 6,
  fractions: DEFAULT_SPLIT_FRACTIONS,
  text: { sources: ['austen', 'wordnet', 'trans-de-en', 'fortunes', 'web-bible'], heldOut: 'harvard', newText: { validUtterances: 2, testUtterances: 40 } },
  espeak: { speakers: 4000, utterances: 10, channelShare: 0.3 },
  natural: [
    { voices: TRAIN_ENGLISH, cleanUtterances: 2200, augmentedSpeakers: 60, augmentedUtterances: 34, speeds: { factors: [0.9, 1.1], utterances: 1000 } },
    { voices: ACCENTED_MBROLA_VOICES.map((v) => v.id), cleanUtterances: 300, augmentedSpeakers: 20, augmentedUtterances: 15 },
  ],
  valid: { espeakSpeakers: 100, augmentedSpeakers: 100, utterances: 3 },
  test: { voices: TEST_VOICES, utterances: 100, fromSource: 'austen' },
  batchSize: 12,
  shardBytes: 64 << 20,
};
CONFIGS.v2 = V2;

export function corpusConfig(name: string): CorpusConfig {
  const config = CONFIGS[name];
  if (!config) throw new Error(`unknown corpus config "${name}" (known: ${Object.keys(CONFIGS).join(', ')})`);
  return config;
}
