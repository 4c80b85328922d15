// How much of a recording a k-means codebook of speech steps keeps on its own, before any network:
// every step of the item's recording is replaced by its nearest codebook centroid and vocoded by the
// shipped vocoder. The codebook is fitted as the trainer fits its initial one (model/kmeans.ts, on
// sampled training steps), with MELD_CODEBOOK_SIZE codes (default 512) over MELD_CODEBOOK_FRAMES mel
// frames each (default 4, a whole LM step; 1: one code per frame, MELD's latent rate):
//   MELD_CODEBOOK_SIZE=8192 npm run eval -- --tts codebook --stt none --config full --limit 100
//   MELD_CODEBOOK_SIZE=256 MELD_CODEBOOK_FRAMES=1 npm run eval -- --tts codebook --stt none --config full --limit 100
// Comparing sizes and rates says whether the latent bottleneck's codebook is what drops the voice.

import * as tf from '@tensorflow/tfjs';
import { MELD_CONFIGS, stepSize } from '../../models/meld/config';
import { createRng } from '../../models/random';
import { loadCorpus as loadTrainCorpus } from '../data/dataset';
import { kmeans, nearestCodes, sampleSteps } from '../model/kmeans';
import { initBackend } from '../tf/backend';
import { audioToSteps } from '../../workers/meld/frontend';
import { loadModelFromDisk } from '../cli/nodeModel';
import { meldModelDir } from './meld-systems';
import { groundTruthTts } from './ground-truth-tts';
import { registerTts } from './registry';
import { vocodeMel } from './vocodeStreamed';

/** Training steps sampled per code (the trainer's 40,000 points for 512 codes is ~78). */
const POINTS_PER_CODE = 16;
const MIN_POINTS = 40_000;
const ITERATIONS = 8;

export function registerCodebookSystems(): void {
  registerTts('codebook', async ({ corpus }) => {
    await initBackend('wasm');
    const K = Number(process.env.MELD_CODEBOOK_SIZE ?? 512);
    if (!Number.isInteger(K) || K < 2) throw new Error(`MELD_CODEBOOK_SIZE must be an integer >= 2 (got ${process.env.MELD_CODEBOOK_SIZE})`);
    const c = MELD_CONFIGS.aligned;
    const F = Number(process.env.MELD_CODEBOOK_FRAMES ?? c.framesPerStep);
    if (!Number.isInteger(F) || F < 1 || c.framesPerStep % F !== 0) throw new Error(`MELD_CODEBOOK_FRAMES must divide ${c.framesPerStep} (got ${process.env.MELD_CODEBOOK_FRAMES})`);
    const S = stepSize(c);
    const Z = F * c.nMels; // values per code
    const train = loadTrainCorpus(corpus.dir, ['train'], c).utterances;
    const steps = Math.max(MIN_POINTS, Math.ceil((POINTS_PER_CODE * K * Z) / S));
    const n = (steps * S) / Z; // each sampled step split into codes of F frames
    const points = sampleSteps(train, steps, S, createRng(18));
    const t0 = performance.now();
    const km = kmeans(points, n, Z, K, ITERATIONS, 1);
    console.error(`[codebook] K=${K} over ${F} frame(s) on ${n} points: inertia ${km.inertia[0].toFixed(1)} -> ${km.inertia.at(-1)!.toFixed(1)} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const centroidsT = tf.tidy(() => tf.transpose(tf.tensor2d(km.centroids, [K, Z])));
    const graphs = await loadModelFromDisk(meldModelDir());
    const truth = groundTruthTts(corpus);
    return {
      name: `recordings through a ${K}-code k-means codebook of ${F} frame(s) per code`,
      async synthesize(req) {
        const steps = audioToSteps(await truth.synthesize(req), { ...graphs.manifest, config: c });
        if (steps.count === 0) return new Float32Array(0);
        const codes = tf.tidy(() => nearestCodes(tf.tensor2d(steps.data, [(steps.count * S) / Z, Z]), centroidsT));
        const mel = new Float32Array(steps.count * S);
        codes.forEach((k, j) => mel.set(km.centroids.subarray(k * Z, (k + 1) * Z), j * Z));
        return vocodeMel(graphs, mel, req.seed);
      },
      async dispose() {
        centroidsT.dispose();
        await graphs.release();
      },
    };
  });
}
