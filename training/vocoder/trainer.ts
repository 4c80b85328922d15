// The vocoder training run, top to bottom: config -> data -> model (fresh or resumed) -> loop ->
// validation -> checkpoint. Same robustness as the MELD trainer: atomic checkpoints with the
// optimiser state, exact resume (batches are a function of (seed, step)), a NaN/Inf guard, a clean
// stop on a signal, one run per directory, JSONL log.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { MelStats } from '../../models/dsp';
import { VOCODER_CONFIGS, type VocoderConfig, type VocoderConfigName } from '../../models/vocoder/config';
import { checkpointToResume, readCheckpointFile, restoreParams, restoreTrainState, trainStateTensors, writeCheckpointFile } from '../loop/checkpoint';
import { AdamW, learningRate } from '../loop/optim';
import { Progress, formatDuration } from '../loop/progress';
import { lockRunDir } from '../loop/runLock';
import { RunLoop, type StopReason } from '../loop/runLoop';
import { countParams } from '../model/params';
import { appendLog, dropLogAfter } from '../loop/runLog';
import { batchForStep, loadVocoderClips } from './data';
import { gtaResynthesizer } from './gta';
import { LossConstants, type VocoderBatch, vocoderLoss } from './losses';
import { IstftConstants, initVocoderParams, vocoderForward } from './model';

export interface VocoderTrainConfig {
  model: VocoderConfigName;
  data: string;
  steps: number;
  /** Windows per batch and frames per window. */
  batch: number;
  window: number;
  /** Training utterances loaded (a seeded subset: waveforms are held in memory). */
  clips: number;
  peakLr: number;
  warmupSteps: number;
  weightDecay: number;
  clipNorm: number;
  checkpointMinutes: number;
  evalEvery: number;
  evalBatches: number;
  /** Start from this vocoder checkpoint's weights (a fine-tune: fresh optimiser, this config's schedule). */
  init?: string;
  /** Train on this MELD checkpoint's ground-truth-aligned mels instead of the recordings' own (gta.ts). */
  gta?: string;
}

export const VOCODER_TRAIN_CONFIGS: Record<VocoderConfigName | 'small-gta', VocoderTrainConfig> = {
  tiny: {
    model: 'tiny', data: 'data/tiny', steps: 60, batch: 4, window: 24, clips: 100, peakLr: 2e-3, warmupSteps: 5,
    weightDecay: 0.01, clipNorm: 5, checkpointMinutes: 1, evalEvery: 20, evalBatches: 1,
  },
  small: {
    model: 'small', data: 'data/full', steps: 8000, batch: 16, window: 48, clips: 6000, peakLr: 1e-3, warmupSteps: 200,
    weightDecay: 0.01, clipNorm: 5, checkpointMinutes: 5, evalEvery: 250, evalBatches: 8,
  },
  // The small vocoder fine-tuned on a MELD checkpoint's GTA mels: the shipped GTA vocoder fine-tuned again
  // (in place) on the MELD v2 run's. The first fine-tune started from the vocoder trained on recordings, now
  // only in history (`git show 4e29de5:checkpoints/vocoder-small/checkpoint.bin`, pass it with --init).
  'small-gta': {
    model: 'small', data: 'data/full', steps: 1500, batch: 16, window: 48, clips: 3000, peakLr: 3e-4, warmupSteps: 50,
    weightDecay: 0.01, clipNorm: 5, checkpointMinutes: 5, evalEvery: 250, evalBatches: 8,
    init: 'checkpoints/vocoder-small-gta/checkpoint.bin', gta: 'checkpoints/meld-v2/checkpoint.bin',
  },
};

export interface VocoderCheckpointMeta {
  version: 1;
  kind: 'vocoder';
  model: VocoderConfig;
  train: VocoderTrainConfig;
  seed: number;
  step: number;
  adamStep: number;
  trainSeconds: number;
  melStats: MelStats;
}

export interface VocoderRunOptions {
  train: VocoderTrainConfig;
  outDir: string;
  seed: number;
  resume: boolean;
  maxStepsThisRun?: number;
  maxMinutes?: number;
  quiet?: boolean;
  stopSignal?: { requested: boolean };
}

export interface VocoderStepLog {
  step: number;
  loss: number;
  mel: number;
  stft: number;
  complex: number;
  lr: number;
  gradNorm: number;
  ms: number;
}

export interface VocoderRunResult {
  steps: VocoderStepLog[];
  finalStep: number;
  stoppedBy: StopReason;
  checkpoint: string;
}

export const VOCODER_CHECKPOINT_FILE = 'checkpoint.bin';

export async function runVocoderTraining(o: VocoderRunOptions): Promise<VocoderRunResult> {
  fs.mkdirSync(o.outDir, { recursive: true });
  const unlock = lockRunDir(o.outDir);
  try {
    return await train(o);
  } finally {
    unlock();
  }
}

async function train(o: VocoderRunOptions): Promise<VocoderRunResult> {
  const t = o.train;
  const c = VOCODER_CONFIGS[t.model];
  const log = (s: string) => { if (!o.quiet) console.log(s); };
  const ckptFile = path.join(o.outDir, VOCODER_CHECKPOINT_FILE);
  const logFile = path.join(o.outDir, 'log.jsonl');

  // ---- data ---------------------------------------------------------------------------------
  const real = loadVocoderClips(t.data, 'train', t.window, { limit: t.clips, seed: o.seed });
  const { stats } = real;
  let clips = real.clips;
  let valid = loadVocoderClips(t.data, 'valid', t.window, { limit: 200, seed: o.seed, stats }).clips;
  if (t.gta) {
    const t0 = performance.now();
    const gta = gtaResynthesizer(t.data, t.gta);
    clips = gta.clips(clips, stats, o.seed);
    valid = gta.clips(valid, stats, o.seed + 1);
    gta.dispose();
    log(`GTA mels from ${t.gta}: ${clips.length + valid.length} utterances resynthesised in ${formatDuration((performance.now() - t0) / 1000)}`);
  }
  log(`data: ${clips.length} train / ${valid.length} valid utterances from ${t.data}`);
  if (clips.length === 0) throw new Error(`no training utterance in ${t.data} is longer than ${t.window} frames`);
  const validBatches = valid.length > 0 ? Array.from({ length: t.evalBatches }, (_, i) => batchForStep(valid, t.batch, t.window, o.seed + 1, i)) : [];

  // ---- model ----------------------------------------------------------------------------------
  const params = initVocoderParams(c, o.seed);
  const names = Object.keys(params);
  const opt = new AdamW(params, names, { beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: t.weightDecay, clipNorm: t.clipNorm });
  let step = 0;
  let trainSeconds = 0;
  const ck = checkpointToResume<VocoderCheckpointMeta>(ckptFile, o.resume, log);
  if (ck) {
    if (ck.meta.kind !== 'vocoder') throw new Error(`${ckptFile} is not a vocoder checkpoint`);
    restoreTrainState(ck, params, opt, names);
    opt.step = ck.meta.adamStep;
    step = ck.meta.step;
    trainSeconds = ck.meta.trainSeconds;
    dropLogAfter(logFile, step);
    log(`resumed from ${ckptFile} at step ${step} (${formatDuration(trainSeconds)} trained)`);
  } else if (t.init) {
    const init = readCheckpointFile<VocoderCheckpointMeta>(t.init);
    if (init.meta.kind !== 'vocoder') throw new Error(`${t.init} is not a vocoder checkpoint`);
    if (JSON.stringify(init.meta.melStats) !== JSON.stringify(stats)) throw new Error(`${t.init} was trained on other mel statistics than ${t.data}`);
    restoreParams(init, params);
    log(`fine-tuning from ${t.init} (step ${init.meta.step})`);
  }
  log(`vocoder: ${(countParams(params) / 1e6).toFixed(2)}M parameters (${JSON.stringify(c)})`);
  const istft = new IstftConstants(c);
  const lossK = new LossConstants();

  const save = () => {
    const meta: VocoderCheckpointMeta = { version: 1, kind: 'vocoder', model: c, train: t, seed: o.seed, step, adamStep: opt.step, trainSeconds, melStats: stats };
    writeCheckpointFile(ckptFile, trainStateTensors(params, opt, names), meta);
  };
  const lossOf = (b: VocoderBatch) => {
    const pred = vocoderForward(c, params, istft, tf.tensor2d(b.mel, [b.B * b.W, c.nMels]), b.B, b.W);
    return vocoderLoss(pred, b, lossK);
  };

  // ---- loop -------------------------------------------------------------------------------------
  const results: VocoderStepLog[] = [];
  const progress = new Progress(t.steps, 'vocoder', step);
  const loop = new RunLoop(o, t.checkpointMinutes, { save, checkpoint: ckptFile, logFile, log });
  let stoppedBy: StopReason = 'done';
  while (step < t.steps) {
    const stop = await loop.stopReason();
    if (stop) { stoppedBy = stop; break; }

    const t0 = performance.now();
    const batch = batchForStep(clips, t.batch, t.window, o.seed, step);
    const lr = learningRate(step, t.peakLr, t.warmupSteps, t.steps);
    let parts: Record<'mel' | 'stft' | 'complex', number> = { mel: 0, stft: 0, complex: 0 };
    const { value, grads } = tf.variableGrads(() => {
      const p = lossOf(batch);
      parts = { mel: p.mel.dataSync()[0], stft: p.stft.dataSync()[0], complex: p.complex.dataSync()[0] };
      return p.total;
    }, names.map((n) => params[n]));
    const loss = value.dataSync()[0];
    const byName: Record<string, tf.Tensor> = {};
    for (const n of names) byName[n] = grads[params[n].name];
    const gradNorm = Number.isFinite(loss) ? opt.apply(byName, lr) : NaN;
    tf.dispose([value, ...Object.values(grads)]);
    const ms = performance.now() - t0;
    if (!Number.isFinite(loss) || !Number.isFinite(gradNorm)) {
      stoppedBy = loop.nonFinite(step, loss, gradNorm);
      break;
    }
    step++;
    trainSeconds += ms / 1000;
    const entry: VocoderStepLog = { step, loss, ...parts, lr, gradNorm, ms: Math.round(ms) };
    results.push(entry);
    appendLog(logFile, { kind: 'step', ...entry });
    progress.update(step, `loss ${loss.toFixed(3)} mel ${parts.mel.toFixed(3)} ${entry.ms}ms/step`);

    if (validBatches.length > 0 && step % t.evalEvery === 0) {
      const sums = { loss: 0, mel: 0, stft: 0, complex: 0 };
      for (const b of validBatches) {
        tf.tidy(() => {
          const p = lossOf(b);
          sums.loss += p.total.dataSync()[0];
          sums.mel += p.mel.dataSync()[0];
          sums.stft += p.stft.dataSync()[0];
          sums.complex += p.complex.dataSync()[0];
        });
      }
      const v = Object.fromEntries(Object.entries(sums).map(([k, x]) => [k, +(x / validBatches.length).toFixed(4)]));
      loop.validated(step, v);
    }
    loop.stepDone();
  }
  progress.done();
  loop.finish(stoppedBy, step);
  istft.dispose();
  lossK.dispose();
  tf.dispose([...Object.values(params), ...Object.values(opt.m), ...Object.values(opt.v)]);
  return { steps: results, finalStep: step, stoppedBy, checkpoint: ckptFile };
}
