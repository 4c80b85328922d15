// The MELD training run, top to bottom: config -> data -> model (fresh or resumed) -> loop -> eval.
// The CLI (train.ts) and the tests both call runTraining().

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { MelStats } from '../../models/dsp';
import { type MeldConfig, latentSize, stepSize } from '../../models/meld/config';
import { createRng } from '../../models/random';
import { checkpointToResume, hasMoments, restoreTrainState, trainStateTensors, writeCheckpointFile } from './checkpoint';
import { type TrainConfig, lossWeights, modelConfigOf } from '../config';
import { attachAlignments } from '../align/cache';
import { type SerializedUnitModel, serializeUnitModel } from '../../models/meld/align/viterbi';
import { type Corpus, filterCorpus, loadCorpus } from '../data/dataset';
import { stepFlops } from './flops';
import { lockRunDir } from './runLock';
import { RunLoop, type StopReason } from './runLoop';
import { appendLog, dropLogAfter } from './runLog';
import { kmeans, sampleSteps } from '../model/kmeans';
import type { Batch } from '../model/batch';
import { GradientWorker } from '../parallel/gradientPool';
import { type Params, absentIsZeroNames, countParams, initParams, trainableNames } from '../model/params';
import { AdamW, learningRate } from './optim';
import { Progress, formatDuration } from './progress';
import { BatchStream, type StreamPosition } from '../data/stream';
import { activeBackend, measureMatMulGflops } from '../tf/backend';
import { trainStep } from './trainStep';
import { cerItems, gapFigures, greedyCer, prefixed, validate, validationBatches } from '../eval/validation';
import { shuffled } from '../data/seeded-random';

export interface RunOptions {
  train: TrainConfig;
  outDir: string;
  seed: number;
  resume: boolean;
  /** Stop after this many steps in this process (the schedule still spans train.steps). */
  maxStepsThisRun?: number;
  /** Stop (with a checkpoint) after this much wall time. */
  maxMinutes?: number;
  /** 2: a worker thread differentiates a second batch each step and the gradients are averaged. */
  workers?: number;
  /** Train on the first batch over and over (the overfitting test). */
  fixedBatch?: boolean;
  quiet?: boolean;
  /** Set by signal handlers: finish the current step, checkpoint, return. */
  stopSignal?: { requested: boolean };
}

export interface CheckpointMeta {
  version: 1;
  model: MeldConfig;
  train: TrainConfig;
  seed: number;
  step: number;
  adamStep: number;
  streams: { tts: StreamPosition; stt: StreamPosition };
  trainSeconds: number;
  kmeansInertia: number[];
  /** The corpus's per-bin mel statistics: the export ships them, so it does not need the corpus. */
  melStats: MelStats;
  /** The forced aligner's unit model (time-aligned layout): the export ships it so the runtime can align voice prompts. */
  alignModel?: SerializedUnitModel;
}

export interface StepLog {
  step: number;
  task: 'tts' | 'stt';
  loss: number;
  kl: number;
  recon: number;
  eos: number;
  slow: number;
  text: number;
  /** Guided-attention term (0 when off). */
  attn: number;
  qEntropy: number;
  /** TTS phoneme CE on aligned steps (0 when off). */
  phoneme: number;
  phonemeAcc: number;
  /** Time-aligned layout: CE of how far each TTS step moves on in the text (0 otherwise). */
  advance: number;
  lr: number;
  gradNorm: number;
  ms: number;
  rows: number;
  rowsPerSec: number;
  gflops: number;
  /** The largest WASM heap of the threads that ran the step, in MiB (null off WASM); the cap is 4096. */
  heapMB: number | null;
}

export interface RunResult {
  steps: StepLog[];
  finalStep: number;
  stoppedBy: StopReason;
  checkpoint: string;
}

export const CHECKPOINT_FILE = 'checkpoint.bin';

export async function runTraining(o: RunOptions): Promise<RunResult> {
  const t = o.train;
  const c = modelConfigOf(t);
  const log = (s: string) => { if (!o.quiet) console.log(s); };
  fs.mkdirSync(o.outDir, { recursive: true });
  const unlock = lockRunDir(o.outDir);
  try {
    return await train(o, t, c, log);
  } finally {
    unlock();
  }
}

async function train(o: RunOptions, t: TrainConfig, c: MeldConfig, log: (s: string) => void): Promise<RunResult> {
  const ckptFile = path.join(o.outDir, CHECKPOINT_FILE);
  const logFile = path.join(o.outDir, 'log.jsonl');

  // ---- data ---------------------------------------------------------------------------------
  // A resumed run keeps the mel normalisation it was trained with (its frozen codebook lives in it), also when
  // it goes on to another corpus (--data, or a config on other data): then its streams start that corpus afresh.
  const resumeFrom = checkpointToResume<CheckpointMeta>(ckptFile, o.resume, log);
  const newCorpus = resumeFrom !== null && resumeFrom.meta.train.data !== t.data;
  const stats = resumeFrom?.meta.melStats;
  const corpus = loadCorpus(t.data, ['train'], c, { maxSteps: t.maxSpeechSteps, stats });
  const validAll = loadCorpus(t.data, ['valid'], c, { maxSteps: t.maxSpeechSteps, stats });
  // Validation as before on the training sources' sentences; the new-text domain (corpus v2) is scored apart.
  const valid = filterCorpus(validAll, (u) => !u.newText);
  log(`data: ${corpus.utterances.length} train / ${valid.utterances.length} valid utterances from ${t.data}`);
  let alignModel: SerializedUnitModel | undefined;
  if (t.guideAlignedRows > 0) {
    const a = attachAlignments([corpus, validAll], c.nMels);
    if (c.layout === 'aligned') alignModel = serializeUnitModel(a.model);
    const last = a.rounds.at(-1)!;
    log(`alignment${a.cached ? ' (cached)' : ''}: ${a.rounds.length} rounds, cost/step ${last.costPerStep.toFixed(2)}, ${(100 * last.skipped).toFixed(1)}% of phonemes skipped, ${a.unaligned} utterances left linear`);
  }
  // Gap sets: some training utterances kept out of training, to tell the sentence gap from the voice gap.
  const heldOutIds = new Set(t.gapSets ? shuffled(createRng(o.seed + 29), corpus.utterances.map((u) => u.id)).slice(0, t.gapSets.heldOutUtterances) : []);
  const train = heldOutIds.size > 0 ? filterCorpus(corpus, (u) => !heldOutIds.has(u.id)) : corpus;
  const gapSets = t.gapSets ? gapSetsOf(train, filterCorpus(corpus, (u) => heldOutIds.has(u.id)), validAll, c, { ...t, evalBatches: t.gapSets.batches }, o.seed) : null;
  if (gapSets) log(`gap sets: ${heldOutIds.size} training utterances held out of training; new-text CER on ${gapSets.newTextItems.length} valid utterances`);
  const streamOpts = (task: 'tts' | 'stt', seed: number) => ({
    task, seed, maxRows: t.maxRows, maxBatch: t.maxBatch, maxSpeechSteps: t.maxSpeechSteps, promptRate: t.promptRate,
    ...(t.sttMasks ? { sttMasks: t.sttMasks } : {}),
  });
  const streams = { tts: new BatchStream(train, c, streamOpts('tts', o.seed)), stt: new BatchStream(train, c, streamOpts('stt', o.seed)) };
  const validBatches = valid.utterances.length > 0 ? validationBatches(valid, c, t, o.seed) : [];
  const sttItems = cerItems(valid);

  // ---- model: fresh (with the k-means codebook) or resumed ----------------------------------
  const params = initParams(c, o.seed);
  const names = trainableNames(c);
  const opt = meldOptimizer(params, names, t);
  let step = 0;
  let trainSeconds = 0;
  let kmeansInertia: number[] = [];
  if (resumeFrom) {
    const ck = resumeFrom;
    const absent = restoreTrainState(ck, params, opt, names, absentIsZeroNames(c));
    if (absent.length > 0) log(`${ckptFile} has no ${absent.join(', ')} (added to the model since): starting at zero`);
    // A slim checkpoint (weights only, float16; the one the repository keeps) has no moments: AdamW
    // starts them from zero with fresh bias correction, so they re-warm over its first few hundred steps.
    const slim = !hasMoments(ck);
    opt.step = slim ? 0 : ck.meta.adamStep;
    if (slim) log(`${ckptFile} holds weights only (float16): the AdamW moments re-warm from zero, so this run does not repeat the original exactly`);
    step = ck.meta.step;
    trainSeconds = ck.meta.trainSeconds;
    kmeansInertia = ck.meta.kmeansInertia;
    if (newCorpus) log(`${ckptFile} was trained on ${ck.meta.train.data}: it goes on with ${t.data}, normalised with its own mel statistics, its batch streams from the start`);
    else {
      streams.tts.position = ck.meta.streams.tts;
      streams.stt.position = ck.meta.streams.stt;
    }
    dropLogAfter(logFile, step);
    log(`resumed from ${ckptFile} at step ${step} (${formatDuration(trainSeconds)} trained)`);
  } else {
    kmeansInertia = initCodebook(params, train, c, t, o.seed);
    log(`k-means codebook: K=${c.codebookSize}, inertia ${kmeansInertia[0].toFixed(1)} -> ${kmeansInertia.at(-1)!.toFixed(1)}, tau ${Math.exp(params['latent.logTau'].dataSync()[0]).toFixed(2)}`);
  }
  log(`model: ${(countParams(params) / 1e6).toFixed(2)}M parameters (${JSON.stringify(c)})`);
  const peakGflops = measureMatMulGflops();
  log(`backend ${activeBackend() ?? tf.getBackend()}: plain 2-D matMul ${peakGflops.toFixed(1)} GFLOP/s`);

  const save = () => {
    const meta: CheckpointMeta = {
      version: 1, model: c, train: t, seed: o.seed, step, adamStep: opt.step,
      streams: { tts: streams.tts.position, stt: streams.stt.position }, trainSeconds, kmeansInertia, melStats: train.stats,
      ...(alignModel ? { alignModel } : {}),
    };
    writeCheckpointFile(ckptFile, trainStateTensors(params, opt, names), meta);
  };

  // ---- loop (optionally data-parallel over two threads) ---------------------------------------
  const weights = lossWeights(t);
  const pool = (o.workers ?? 1) > 1 ? await GradientWorker.start(c, names) : null;
  if (pool) log(`data parallel: a gradient worker thread (backend ${pool.backend}) takes every second batch`);
  const results: StepLog[] = [];
  const firstBatch = o.fixedBatch ? streams.tts.next() : null;
  const progress = new Progress(t.steps, 'train', step);
  const loop = new RunLoop(o, t.checkpointMinutes, { save, checkpoint: ckptFile, logFile, log });
  let stoppedBy: StopReason = 'done';
  while (step < t.steps) {
    const stop = await loop.stopReason();
    if (stop) { stoppedBy = stop; break; }

    const task = step < t.ttsOnlySteps || step % 2 === 0 ? 'tts' : 'stt';
    const batch = firstBatch ?? streams[task].next();
    const second = pool ? (firstBatch ?? streams[task].next()) : null;
    const lr = learningRate(step, t.peakLr, t.warmupSteps, t.steps);
    const t0 = performance.now();
    const { parts, gradNorm, heapBytes } = await trainStep(c, params, names, opt, pool, { batch, second, dropoutSeed: dropoutSeed(o.seed, step), weights, lr });
    const ms = performance.now() - t0;
    if (!Number.isFinite(parts.total) || !Number.isFinite(gradNorm)) {
      stoppedBy = loop.nonFinite(step, parts.total, gradNorm);
      break;
    }
    step++;
    trainSeconds += ms / 1000;
    const rows = batch.B * batch.T + (second ? second.B * second.T : 0);
    const entry: StepLog = {
      step, task: batch.task, loss: parts.total, kl: parts.kl, recon: parts.recon, eos: parts.eos, slow: parts.slow, text: parts.text, attn: parts.attn,
      qEntropy: parts.qEntropy, phoneme: parts.phoneme, phonemeAcc: parts.phonemeAcc, advance: parts.advance, lr, gradNorm, ms: Math.round(ms), rows, rowsPerSec: Math.round((rows / ms) * 1000),
      gflops: +((stepFlops(c, batch) + (second ? stepFlops(c, second) : 0)) / ms / 1e6).toFixed(2),
      heapMB: heapBytes === null ? null : Math.round(heapBytes / 2 ** 20),
    };
    results.push(entry);
    appendLog(logFile, { kind: 'step', ...entry });
    progress.update(step, `${batch.task} loss ${parts.total.toFixed(3)} ${entry.ms}ms/step ${entry.rowsPerSec} rows/s ${entry.gflops}/${peakGflops.toFixed(0)} GFLOP/s${entry.heapMB === null ? '' : ` heap ${entry.heapMB} MB`}`);

    if (!o.fixedBatch && validBatches.length > 0 && step % t.evalEvery === 0) {
      const v = validate(c, params, validBatches, o.seed, weights, sttItems);
      const gap = gapSets
        ? {
          ...prefixed('train', gapFigures(c, params, gapSets.train.batches, o.seed, weights, gapSets.train.items)),
          ...prefixed('heldout', gapFigures(c, params, gapSets.heldOut.batches, o.seed, weights, gapSets.heldOut.items)),
          newTextCer: gapSets.newTextItems.length > 0 ? +greedyCer(c, params, gapSets.newTextItems).toFixed(4) : null,
        }
        : {};
      loop.validated(step, { ...v, ...gap });
    }
    loop.stepDone();
  }
  progress.done();
  loop.finish(stoppedBy, step);
  await pool?.stop();
  tf.dispose([...Object.values(params), ...Object.values(opt.m), ...Object.values(opt.v)]);
  return { steps: results, finalStep: step, stoppedBy, checkpoint: ckptFile };
}

/**
 * The fixed batches and CER items of the gap sets: a sample of training utterances, the held-out training
 * utterances, and the valid utterances of a text source no training utterance reads (the new-text domain).
 */
function gapSetsOf(train: Corpus, heldOut: Corpus, valid: Corpus, c: MeldConfig, t: TrainConfig, seed: number) {
  const set = (corpus: Corpus) => ({ batches: corpus.utterances.length > 0 ? validationBatches(corpus, c, t, seed + 101) : [], items: cerItems(corpus) });
  return {
    train: set(train),
    heldOut: set(heldOut),
    newTextItems: cerItems({ ...valid, utterances: valid.utterances.filter((u) => u.newText) }),
  };
}

/** The MELD trainer's AdamW (bench-train.ts builds the same). */
export function meldOptimizer(params: Params, names: string[], t: TrainConfig): AdamW {
  return new AdamW(params, names, { beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: t.weightDecay, clipNorm: t.clipNorm });
}

function dropoutSeed(seed: number, step: number): number {
  return (seed * 1_000_003 + step * 7919) >>> 0;
}

/**
 * Runs k-means on a seeded sample of training steps (each split into its latents: per-frame latents
 * cluster single frames) and writes the codebook and tau into params.
 */
function initCodebook(params: Params, train: Corpus, c: MeldConfig, t: TrainConfig, seed: number): number[] {
  const S = stepSize(c);
  const Z = latentSize(c);
  const total = train.utterances.reduce((n, u) => n + u.steps, 0);
  const steps = Math.min(t.kmeansPoints, total);
  const points = sampleSteps(train.utterances, steps, S, createRng(seed + 17)); // [steps * S] = [n, Z]
  const n = (steps * S) / Z;
  const K = Math.min(c.codebookSize, n);
  if (K < c.codebookSize) throw new Error(`k-means needs at least ${c.codebookSize} training latents, the corpus has ${n}`);
  const km = kmeans(points, n, Z, K, t.kmeansIterations, seed);
  tf.tidy(() => {
    params['latent.codebookT'].assign(tf.transpose(tf.tensor2d(km.centroids, [K, Z])));
    params['latent.logTau'].assign(tf.scalar(Math.log(km.tau)));
  });
  return km.inertia;
}
