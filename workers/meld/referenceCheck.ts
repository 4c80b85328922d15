// A fixed, deterministic computation through every MELD graph, used to prove a backend computes
// what WASM computes (workers/ort createSessions): random-but-seeded speech steps through the encoder,
// a short TTS prefill through the LM (text rows and speech rows), two cached LM steps, the recon
// graph on fixed codes, the post-net on its output, and the neural vocoder (when the model ships
// one) on the post-net frames. Shapes come from the manifest, so it fits any
// exported model without shipping expected outputs.

import { streamLayout } from '../../models/meld/aligned';
import { alignedLayout, latentsPerStep, stepSize } from '../../models/meld/config';
import type { GraphName, MeldManifest } from '../../models/meld/manifest';
import { buildVocab } from '../../models/meld/vocab';
import { createRng } from '../../models/random';
import type { SessionCheck } from '../ort/createSessions';
import type { ModelSession } from '../ort/modelSession';
import type { KvCache } from './kvCache';
import { MeldGraphs } from './meldGraphs';

const SEED = 20240611;
const SPEECH_ROWS = 6;

/**
 * fp32 arithmetic on both sides (fp16 files only store weights in half precision), so GPU and CPU
 * differ by summation order only: ~1e-5 relative for this depth. 1e-3 leaves room for GPUs with
 * fused multiply-add and faster exp/tanh while catching broken kernels, which are off by O(1).
 */
export const REFERENCE_TOLERANCE = 1e-3;

/**
 * A time-aligned LM's text-stream ids for `rows` rows: seeded ids across the whole stream table, every
 * fourth slot unused (-1), so the check runs the stream embeddings too. undefined for other layouts.
 */
function checkStream(g: MeldGraphs, rows: number, rand: () => number): Int32Array | undefined {
  const a = alignedLayout(g.config);
  if (!a) return undefined;
  const l = streamLayout(a);
  return Int32Array.from({ length: rows * l.width }, (_, i) => (i % 4 === 3 ? -1 : Math.floor(rand() * l.columns)));
}

/** The fixed computation itself; the cache may live on the GPU, so the caller releases it. */
async function computeReference(g: MeldGraphs, cache: KvCache): Promise<Record<string, Float32Array>> {
  const c = g.config;
  const S = stepSize(c);
  const v = buildVocab(c.codebookSize);
  const rand = createRng(SEED);
  // Normalised mel values are roughly unit-scale.
  const steps = Float32Array.from({ length: SPEECH_ROWS * S }, () => 2 * rand() - 1);
  const ones = new Float32Array(SPEECH_ROWS * c.prenetHidden).fill(1);
  const features = await g.encode(steps, SPEECH_ROWS, ones, ones);

  const text = [v.tts, v.phonemes.start + 5, v.phonemes.start + 12, v.phonemes.start, v.phonemes.start + 20, v.sep];
  const rows = text.length + SPEECH_ROWS;
  const feats = new Float32Array(rows * c.dModel);
  feats.set(features, text.length * c.dModel);
  const prefill = await g.lm(
    { tokenIds: [...text, ...new Array<number>(SPEECH_ROWS).fill(0)], features: feats, isSpeech: [...text.map(() => 0), ...new Array<number>(SPEECH_ROWS).fill(1)], stream: checkStream(g, rows, rand) },
    cache,
  );
  // Three steps' codes (latentsPerStep each), from the ends and the middle of the codebook.
  const reconSteps = 3;
  const codes = Array.from({ length: reconSteps * latentsPerStep(c) }, (_, i) => [0, c.codebookSize - 1, c.codebookSize >> 1][i % 3]);
  const h = prefill.h.slice((rows - reconSteps) * c.dModel);
  const voice = await g.voiceOf(steps, SPEECH_ROWS);
  const keep = ones.subarray(0, reconSteps * c.prenetHidden);
  const { steps: recon, features: reconFeatures } = await g.recon(codes, h, keep, keep, voice);
  const refined = await g.postnet(recon, reconSteps);
  // Two incremental steps exercise the cached attention path (past K/V fed back in).
  const stepFeature = await g.encode(recon.subarray(0, S), 1, ones.subarray(0, c.prenetHidden), ones.subarray(0, c.prenetHidden));
  const step1 = await g.lm({ tokenIds: [0], features: stepFeature, isSpeech: [1], stream: checkStream(g, 1, rand) }, cache);
  const step2 = await g.lm({ tokenIds: [v.chars.start + 3], features: new Float32Array(c.dModel), isSpeech: [0], stream: checkStream(g, 1, rand) }, cache);
  // The cache as it stands after those steps (downloaded from the GPU where it lives there).
  const last = await cache.read(c.nLayers - 1);
  const vocoded: Record<string, Float32Array> = g.vocoderKind === 'neural' ? { vocoded: await g.vocode(refined, (reconSteps * S) / c.nMels) } : {};
  // The time-aligned layout's own heads.
  const aligned: Record<string, Float32Array> = prefill.advanceLogits && prefill.slotLogits ? { advance: prefill.advanceLogits, slots: prefill.slotLogits, step1Slots: step1.slotLogits! } : {};
  // Per-frame latents' slot heads, and the voice summary.
  const perFrame: Record<string, Float32Array> = {
    ...(prefill.latentLogits ? { latentLogits: prefill.latentLogits } : {}),
    ...(voice ? { voice } : {}),
  };
  return {
    ...vocoded,
    ...aligned,
    ...perFrame,
    features,
    h: prefill.h,
    ttsLogits: prefill.ttsLogits,
    sttLogits: prefill.sttLogits,
    recon,
    reconFeatures,
    refined,
    step1: step1.ttsLogits,
    step2: step2.sttLogits,
    keys: last.keys,
    values: last.values,
  };
}

export function meldReferenceCheck(manifest: MeldManifest): SessionCheck<GraphName> {
  return {
    tolerance: REFERENCE_TOLERANCE,
    async run(sessions: Record<GraphName, ModelSession>) {
      const g = new MeldGraphs(manifest, sessions);
      const cache = g.emptyCache();
      try {
        return await computeReference(g, cache);
      } finally {
        cache.release();
      }
    },
  };
}
