// How much spectral detail a checkpoint's latent bottleneck keeps, teacher-forced, on held-out test
// utterances (each after another utterance of its speaker as the prompt), in the corpus's normalised
// log-mel: the error per band of mel bins, and the output's detail against the recording's, as ratios:
//   ripple  mean |x[b] - (x[b-1] + x[b+1]) / 2| over bins 1-24 (below ~1 kHz): the harmonic ridges a
//           vocoder reads pitch from; 1 = as sharp as the recording, 0 = a smooth envelope
//   motion  mean |x[t] - x[t-1]| over frames: how much the spectrum moves frame to frame (also split into
//           the pairs across an LM step's boundary and those within a step)
// With --pitch, each output is also vocoded (the shipped vocoder) and pitch-tracked: median F0 and voiced
// share per voice for the recording, the teacher-forced output, and that output smoothed over time
// ([1, 2, 1] over frames): whether frame-to-frame jitter is what hides the pitch.
//   MELD_CHECKPOINT=runs/ab24/frames/checkpoint.bin npx tsx training/eval/mel-detail.ts [--items N] [--pitch]

import { parseArgs } from 'node:util';
import { denormalizeMel, normalizeMel } from '../../models/dsp';
import { deserializeUnitModel } from '../../models/meld/align/viterbi';
import { alignWith } from '../../models/meld/align/forcedAlign';
import { readCheckpointFile, restoreParams } from '../loop/checkpoint';
import type { CheckpointMeta } from '../loop/trainer';
import { loadCorpus } from '../data/dataset';
import { initParams } from '../model/params';
import { resynthesizeTeacherForced } from '../model/teacherForced';
import { initBackend } from '../tf/backend';
import { loadModelFromDisk } from '../cli/nodeModel';
import { meldModelDir } from './meld-systems';
import { pitchStats } from './pitch';
import { vocodeMel } from './vocodeStreamed';

const BANDS: [number, number][] = [[0, 16], [16, 40], [40, 80]];
const RIPPLE_BINS = 24;

function ripple(mel: Float32Array, frames: number, nMels: number): number {
  let sum = 0;
  for (let t = 0; t < frames; t++)
    for (let b = 1; b <= RIPPLE_BINS; b++) sum += Math.abs(mel[t * nMels + b] - (mel[t * nMels + b - 1] + mel[t * nMels + b + 1]) / 2);
  return sum / (frames * RIPPLE_BINS);
}

/** Mean |x[t] - x[t-1]| over frame pairs t whose position in their LM step (t mod r) passes `which`. */
function motion(mel: Float32Array, frames: number, nMels: number, which: (t: number) => boolean = () => true): number {
  let sum = 0;
  let pairs = 0;
  for (let t = 1; t < frames; t++) {
    if (!which(t)) continue;
    for (let b = 0; b < nMels; b++) sum += Math.abs(mel[t * nMels + b] - mel[(t - 1) * nMels + b]);
    pairs++;
  }
  return sum / (Math.max(pairs, 1) * nMels);
}

/** Each frame a [1, 2, 1] average of itself and its neighbours. */
function smoothOverTime(mel: Float32Array, frames: number, nMels: number): Float32Array {
  const out = new Float32Array(mel.length);
  for (let t = 0; t < frames; t++)
    for (let b = 0; b < nMels; b++) {
      const prev = mel[Math.max(t - 1, 0) * nMels + b];
      const next = mel[Math.min(t + 1, frames - 1) * nMels + b];
      out[t * nMels + b] = (prev + 2 * mel[t * nMels + b] + next) / 4;
    }
  return out;
}

const { values } = parseArgs({ options: { items: { type: 'string', default: '40' }, pitch: { type: 'boolean', default: false } } });
const file = process.env.MELD_CHECKPOINT;
if (!file) throw new Error('set MELD_CHECKPOINT to a training checkpoint');
const limit = Number(values.items);
await initBackend('wasm');
const ck = readCheckpointFile<CheckpointMeta>(file);
const c = ck.meta.model;
const params = initParams(c, ck.meta.seed);
restoreParams(ck, params);
const units = ck.meta.alignModel ? deserializeUnitModel(ck.meta.alignModel) : null;
const test = loadCorpus('data/full', ['test'], c, { maxSteps: 320 });
const graphs = values.pitch ? await loadModelFromDisk(meldModelDir()) : null;
/** Median F0 and voiced share of normalised mel frames, vocoded by the shipped vocoder. */
const pitchOf = async (mel: Float32Array) => pitchStats(await vocodeMel(graphs!, normalizeMel(denormalizeMel(mel, ck.meta.melStats), graphs!.manifest.melStats), 1));
const pitchRows = new Map<string, number[][]>();
const sums = { band: BANDS.map(() => 0), ripple: [0, 0], motion: [0, 0], across: [0, 0], within: [0, 0], frames: 0 };
const acrossSteps = (t: number) => t % c.framesPerStep === 0;
let n = 0;
for (const [speaker, idx] of test.bySpeaker) {
  for (let k = 0; k + 1 < idx.length && k < limit / test.bySpeaker.size; k += 2) {
    const [target, prompt] = [test.utterances[idx[k]], test.utterances[idx[k + 1]]];
    for (const u of [target, prompt]) if (units && !u.stepTokens) u.stepTokens = alignWith(units, [{ mel: u.mel, steps: u.steps, phonemeIds: u.phonemeIds }])[0] ?? undefined;
    const r = resynthesizeTeacherForced(c, params, target, prompt, 7 + n);
    const F = r.frames;
    const truth = target.mel.subarray(0, F * c.nMels);
    BANDS.forEach(([a, b], i) => {
      let e = 0;
      for (let t = 0; t < F; t++) for (let m = a; m < b; m++) e += (r.mel[t * c.nMels + m] - truth[t * c.nMels + m]) ** 2;
      sums.band[i] += e / (b - a);
    });
    sums.ripple[0] += ripple(r.mel, F, c.nMels) * F;
    sums.ripple[1] += ripple(truth, F, c.nMels) * F;
    sums.motion[0] += motion(r.mel, F, c.nMels) * F;
    sums.motion[1] += motion(truth, F, c.nMels) * F;
    sums.across[0] += motion(r.mel, F, c.nMels, acrossSteps) * F;
    sums.across[1] += motion(truth, F, c.nMels, acrossSteps) * F;
    sums.within[0] += motion(r.mel, F, c.nMels, (t) => !acrossSteps(t)) * F;
    sums.within[1] += motion(truth, F, c.nMels, (t) => !acrossSteps(t)) * F;
    sums.frames += F;
    n++;
    if (graphs) {
      const stats = [await pitchOf(truth), await pitchOf(r.mel), await pitchOf(smoothOverTime(r.mel, F, c.nMels))];
      pitchRows.set(speaker, [...(pitchRows.get(speaker) ?? []), stats.flatMap((p) => [p.medianHz, p.voicedFraction])]);
    }
  }
}
const f = sums.frames;
console.log(`${file} (step ${ck.meta.step}), ${n} test utterances, ${f} frames, teacher-forced`);
console.log(`MSE by mel band: ${BANDS.map(([a, b], i) => `bins ${a}-${b - 1} ${(sums.band[i] / f).toFixed(3)}`).join(', ')}`);
console.log(`ripple (bins 1-${RIPPLE_BINS}): output ${(sums.ripple[0] / f).toFixed(3)}, recording ${(sums.ripple[1] / f).toFixed(3)}, ratio ${(sums.ripple[0] / sums.ripple[1]).toFixed(2)}`);
console.log(`motion: output ${(sums.motion[0] / f).toFixed(3)}, recording ${(sums.motion[1] / f).toFixed(3)}, ratio ${(sums.motion[0] / sums.motion[1]).toFixed(2)}; across LM steps ${(sums.across[0] / sums.across[1]).toFixed(2)}, within ${(sums.within[0] / sums.within[1]).toFixed(2)}`);
if (graphs) {
  console.log('| voice | recording: F0 Hz / voiced | teacher-forced | teacher-forced, smoothed over time |');
  for (const [speaker, rows] of pitchRows) {
    const mean = (i: number) => rows.reduce((a, r) => a + r[i], 0) / rows.length;
    console.log(`| ${speaker} | ${[0, 2, 4].map((i) => `${mean(i).toFixed(0)} / ${mean(i + 1).toFixed(2)}`).join(' | ')} |`);
  }
  await graphs.release();
}
