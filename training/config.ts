// Training hyper-parameters per config; the model's own shape is models/meld/config.ts.

import { MELD_CONFIGS, type MeldConfigName } from '../models/meld/config';
import type { LossWeights } from './model/forward';
import type { SttMasks } from './data/specAugment';

export interface TrainConfig {
  model: MeldConfigName;
  /** Corpus directory (built by `npm run data`). */
  data: string;
  steps: number;
  peakLr: number;
  warmupSteps: number;
  /** TTS-only steps before the 50/50 TTS/STT mix starts. */
  ttsOnlySteps: number;
  /**
   * Rows (B x T) per batch, per thread. Bounded by memory: a step's live tensors grow with it (a
   * 4085-row small-config TTS batch peaks at 3.66 GB in tfjs-wasm, measured with tf.profile) and the
   * wasm32 heap stops at 4 GB, past which the backend aborts.
   */
  maxRows: number;
  maxBatch: number;
  maxSpeechSteps: number;
  promptRate: number;
  slowWeight: number;
  /** Guided attention (model/guide.ts): loss weight (0 = off), diagonal width g, layers whose head 0 is guided. */
  guideWeight: number;
  guideWidth: number;
  guideLayers: number[];
  /**
   * Align the corpus (align/alignment.ts) and guide towards the aligned keys, in a band of this many
   * rows, instead of the linear diagonal; 0 = no alignment, the diagonal everywhere.
   */
  guideAlignedRows: number;
  /** Weight of the TTS phoneme CE on aligned steps (model/forward.ts; needs guideAlignedRows > 0). */
  phonemeWeight: number;
  /** Weight of the phoneme CE on the aligned speech rows of STT sequences (model/forward.ts; needs guideAlignedRows > 0). */
  sttPhonemeWeight: number;
  /** Time-aligned layout: weight of the CE of how far each TTS step moves on in the text. */
  advanceWeight?: number;
  /** Parallel scheduled sampling: the share of TTS steps read as the model's own reconstruction (training/model/ownHistory.ts). */
  ownHistoryRate?: number;
  /** SpecAugment-style masks on the STT speech of training batches (absent: none). */
  sttMasks?: SttMasks;
  /**
   * Validation also on a fixed sample of training utterances and on `heldOutUtterances` training
   * utterances kept out of training (same voices, sentences never trained on), `batches` batches each, and
   * CER on the corpus's new-text utterances: the train/valid gap split into its sentence and voice parts.
   */
  gapSets?: { heldOutUtterances: number; batches: number };
  weightDecay: number;
  clipNorm: number;
  /** k-means: steps sampled from the training set, and Lloyd iterations. */
  kmeansPoints: number;
  kmeansIterations: number;
  checkpointMinutes: number;
  evalEvery: number;
  evalBatches: number;
}

/**
 * The layout A/B (issue 17): one schedule for both arms, from scratch on the same corpus and seed;
 * the winner continues it to the full run. Alignment losses from step 0 (arm a), TTS-only for
 * 200 steps so both tasks are measured early.
 */
const AB_SCHEDULE = {
  data: 'data/full', steps: 8000, peakLr: 8e-4, warmupSteps: 300, ttsOnlySteps: 200,
  maxRows: 3072, maxBatch: 32, maxSpeechSteps: 320, promptRate: 0.7, slowWeight: 0.2, weightDecay: 0.01,
  clipNorm: 5, kmeansPoints: 40000, kmeansIterations: 12, checkpointMinutes: 5, evalEvery: 100, evalBatches: 8,
} as const;

/**
 * The time-aligned layout's losses: the text is an input at its time, so no guided heads and no TTS
 * phoneme CE (the phoneme is given); guideAlignedRows > 0 only asks for the corpus alignment.
 */
const ALIGNED_LOSSES: Pick<TrainConfig, 'guideWeight' | 'guideWidth' | 'guideLayers' | 'guideAlignedRows' | 'phonemeWeight' | 'sttPhonemeWeight' | 'advanceWeight'> = {
  guideWeight: 0, guideWidth: 0.2, guideLayers: [], guideAlignedRows: 1, phonemeWeight: 0, sttPhonemeWeight: 0.5, advanceWeight: 1,
};

/**
 * Issue 25's A/B: the per-frame latent model on today's corpus against corpus v2 with SpecAugment-style
 * masks on the STT speech, same seed and schedule, both with the gap sets (a sample of training
 * utterances, 500 held-out training utterances, new-text CER), validated every 250 steps. The masks:
 * two frequency bands of up to 15 of the 80 mel bins, two time spans of up to 10% of the utterance
 * (SpecAugment's LibriSpeech policies use 27 bins and up to 20%, for a far larger model).
 */
const GAP_SETS = { gapSets: { heldOutUtterances: 500, batches: 4 }, evalEvery: 250 } as const;
const STT_MASKS = { freq: { count: 2, maxBins: 15 }, time: { count: 2, maxShare: 0.1 } } as const;

/** Training configs: one per model config, plus arms that train a model config differently. */
export type TrainConfigName = MeldConfigName | 'aligned-frames-noslow' | 'aligned-frames-gap' | 'aligned-frames-v2' | 'meld-v2' | 'meld-v2-ar' | 'meld-v2-own';

export const TRAIN_CONFIGS: Record<TrainConfigName, TrainConfig> = {
  tiny: {
    model: 'tiny', data: 'data/tiny', steps: 120, peakLr: 3e-3, warmupSteps: 10, ttsOnlySteps: 40,
    maxRows: 1024, maxBatch: 8, maxSpeechSteps: 200, promptRate: 0.5, slowWeight: 0.2, weightDecay: 0.01,
    guideWeight: 1, guideWidth: 0.2, guideLayers: [1], guideAlignedRows: 0, phonemeWeight: 0, sttPhonemeWeight: 0,
    clipNorm: 50, kmeansPoints: 2000, kmeansIterations: 8, checkpointMinutes: 1, evalEvery: 40, evalBatches: 2,
  },
  small: {
    model: 'small', data: 'data/full', steps: 6000, peakLr: 8e-4, warmupSteps: 300, ttsOnlySteps: 500,
    // 4096 until step 4757: with the heap fragmented, 4096-row TTS batches reached the 4 GB cap (an abort).
    maxRows: 3072, maxBatch: 32, maxSpeechSteps: 320, promptRate: 0.7, slowWeight: 0.2, weightDecay: 0.01,
    guideWeight: 1, guideWidth: 0.2, guideLayers: [1, 2, 3], guideAlignedRows: 3, phonemeWeight: 0.5, sttPhonemeWeight: 0.5,
    clipNorm: 5, kmeansPoints: 40000, kmeansIterations: 12, checkpointMinutes: 5, evalEvery: 250, evalBatches: 8,
  },
  prefix: {
    model: 'prefix', ...AB_SCHEDULE,
    guideWeight: 1, guideWidth: 0.2, guideLayers: [1, 2, 3], guideAlignedRows: 3, phonemeWeight: 0.5, sttPhonemeWeight: 0.5,
  },
  aligned: { model: 'aligned', ...AB_SCHEDULE, ...ALIGNED_LOSSES },
  // Issue 24's arms: the aligned run's schedule and losses, the latent design changed.
  'aligned-frames': { model: 'aligned-frames', ...AB_SCHEDULE, ...ALIGNED_LOSSES },
  'aligned-frames-voice': { model: 'aligned-frames-voice', ...AB_SCHEDULE, ...ALIGNED_LOSSES },
  'aligned-frames-ar': { model: 'aligned-frames-ar', ...AB_SCHEDULE, ...ALIGNED_LOSSES },
  /**
   * Arm (c): arm (a) without the slowness term, which rewards frame-to-frame motion: every bottleneck so far
   * moves ~1.5x as much as the recordings (training/eval/mel-detail.ts).
   */
  'aligned-frames-noslow': { model: 'aligned-frames', ...AB_SCHEDULE, ...ALIGNED_LOSSES, slowWeight: 0 },
  'aligned-frames-gap': { model: 'aligned-frames', ...AB_SCHEDULE, ...ALIGNED_LOSSES, ...GAP_SETS },
  'aligned-frames-v2': { model: 'aligned-frames', ...AB_SCHEDULE, ...ALIGNED_LOSSES, ...GAP_SETS, data: 'data/v2', sttMasks: STT_MASKS },
  /**
   * Issue 26's run: issue 24's best measured latent design (per-frame latents) on corpus v2, without STT
   * masks, continued from the 11-hour arm of issue 25's A/B: 5,000 steps on data/full, then data/v2 (the
   * trainer keeps the checkpoint's mel statistics). From step 5000 the cosine is stretched from 8,000 to
   * 20,000 steps (lr 3.2e-4 -> 7.0e-4, about what the arms trained at near step 2000). Why this start: from
   * step 5000 to 6750 on v2 (one batch a step), the 11-hour arm's weights stayed ahead of the v2 arm's
   * (validation STT CE 1.246 vs 1.320, TTS KL 7.21 vs 7.49; reports/ab-corpus-v2/). Why no masks: on v2
   * neither arm shows an STT train/held-out gap for them to close; the gap sets will show when one opens.
   * Why 20,000 steps: data is not what stops it, compute is: 13,000 more steps at ~2 s on two threads is
   * ~7 h of both cores, over several sessions.
   */
  'meld-v2': { model: 'aligned-frames', ...AB_SCHEDULE, ...ALIGNED_LOSSES, ...GAP_SETS, data: 'data/v2', steps: 20000 },
  /**
   * MELD v2 from step 13259 on: the same run, its slots drawn in order within a step (aligned-frames-ar). At
   * step 9681 the weights scored 47% judge WER teacher-forced and 105% free-running (20 and 100 items), each of
   * a step's four codes drawn independently; the table that ties slot l to slot l-1 starts at zero (the run as
   * it was). The schedule ends at step 18000, not 20000: at step 15689 the cosine's end was brought forward so
   * the run anneals within the compute that was left (lr 1.62e-4 -> 1.10e-4 at the change). Over steps
   * 14000-15500 validation STT CE fell ~0.02 nats and TTS KL ~0.3 nats per 1,000 steps, with greedy CER at ~0.7
   * (the STT bar is 20% WER; at step 13715 the 100 held-out items read 92.8% WER and 101.5% TTS judge WER).
   */
  'meld-v2-ar': { model: 'aligned-frames-ar', ...AB_SCHEDULE, ...ALIGNED_LOSSES, ...GAP_SETS, data: 'data/v2', steps: 18000 },
  /**
   * meld-v2-ar, with half of each TTS batch's target steps read as the model's own reconstruction (parallel
   * scheduled sampling, training/model/ownHistory.ts). At step 13259: teacher-forced 55% judge WER, free-running
   * 102%, and each of the two differences alone ~14 points (reports/meld-v2/).
   */
  'meld-v2-own': { model: 'aligned-frames-ar', ...AB_SCHEDULE, ...ALIGNED_LOSSES, ...GAP_SETS, data: 'data/v2', steps: 20000, ownHistoryRate: 0.5 },
  'tiny-frames': {
    model: 'tiny-frames', data: 'data/tiny', steps: 120, peakLr: 3e-3, warmupSteps: 10, ttsOnlySteps: 40,
    maxRows: 1024, maxBatch: 8, maxSpeechSteps: 200, promptRate: 0.5, slowWeight: 0.2, weightDecay: 0.01,
    ...ALIGNED_LOSSES,
    clipNorm: 50, kmeansPoints: 2000, kmeansIterations: 8, checkpointMinutes: 1, evalEvery: 40, evalBatches: 2,
  },
  'tiny-aligned': {
    model: 'tiny-aligned', data: 'data/tiny', steps: 120, peakLr: 3e-3, warmupSteps: 10, ttsOnlySteps: 40,
    maxRows: 1024, maxBatch: 8, maxSpeechSteps: 200, promptRate: 0.5, slowWeight: 0.2, weightDecay: 0.01,
    ...ALIGNED_LOSSES,
    clipNorm: 50, kmeansPoints: 2000, kmeansIterations: 8, checkpointMinutes: 1, evalEvery: 40, evalBatches: 2,
  },
};

export function modelConfigOf(t: TrainConfig) {
  return MELD_CONFIGS[t.model];
}

export function lossWeights(t: TrainConfig): LossWeights {
  return {
    slow: t.slowWeight, guide: t.guideWeight, guideWidth: t.guideWidth, guideLayers: t.guideLayers,
    // Configs stored in checkpoints written before the alignment (or the STT phoneme CE) existed lack these fields: off.
    guideAlignedRows: t.guideAlignedRows ?? 0, phoneme: t.phonemeWeight ?? 0, sttPhoneme: t.sttPhonemeWeight ?? 0,
    advance: t.advanceWeight ?? 0, ownHistoryRate: t.ownHistoryRate ?? 0,
  };
}
