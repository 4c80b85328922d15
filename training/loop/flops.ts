// Matrix-product FLOPs of one training step (forward + backward = 3x forward), so the trainer can
// report achieved GFLOP/s against the backend's measured plain matMul rate.

import { type MeldConfig, VOICE_SUMMARY_STEPS, latentsPerStep, stepSize } from '../../models/meld/config';
import { buildVocab, inputTokenCount } from '../../models/meld/vocab';
import type { Batch } from '../model/batch';

export function stepFlops(c: MeldConfig, batch: Batch): number {
  const v = buildVocab(c.codebookSize);
  const { B, T } = batch;
  const N = B * T;
  const D = c.dModel;
  const S = stepSize(c);
  let f = 2 * N * inputTokenCount(v) * D; // one-hot embedding product
  f += 2 * N * (S * c.prenetHidden + c.prenetHidden * c.prenetHidden + c.prenetHidden * D);
  f += c.nLayers * (2 * N * (4 * D * D + 2 * D * c.dFF) + 4 * B * T * T * D);
  if (batch.task === 'tts') {
    const K = c.codebookSize;
    const L = latentsPerStep(c);
    const Hr = c.reconHidden;
    // The prior's L heads, the posterior's distances (L latents of S/L values) and the latent embeddings (D/L each).
    f += 2 * N * D * (L * K + 1) + 2 * N * S * K + 2 * N * K * D;
    if (c.voiceSummary) {
      const M = batch.voice?.seq.length ?? Math.min(B * VOICE_SUMMARY_STEPS, N);
      f += 2 * M * (S * c.prenetHidden + c.prenetHidden * c.prenetHidden + c.prenetHidden * D) + 2 * B * M * D + 2 * N * B * D + 2 * N * D * Hr;
    }
    f += 2 * N * (2 * D * Hr + 2 * Hr * Hr + Hr * S);
    f += 2 * N * c.postnetKernel * (S * c.postnetHidden + c.postnetHidden * S);
  } else {
    f += 2 * N * D * (v.sttOutputs.end - v.sttOutputs.start);
  }
  return 3 * f;
}
