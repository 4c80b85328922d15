// A training checkpoint in the evaluation harness, before any export: decoding with the training
// weights in TensorFlow.js (training/model/sampler.ts for the prefix layout, layout/alignedSampler.ts for
// the time-aligned one) and the shipped model's vocoder for the audio. This is how the layout A/B
// compares its arms on held-out items at equal steps:
//   MELD_CHECKPOINT=checkpoints/meld-v2/checkpoint.bin [MELD_STT_PAD_BIAS=1] npm run eval -- --tts checkpoint --stt checkpoint --config full --limit 20
// 'checkpoint-teacher-forced' speaks each item's own recording back through the latent bottleneck
// (model/teacherForced.ts): the ceiling of this checkpoint's TTS if its prior chose every code right;
// 'checkpoint-prior-codes' gives it the same true history and lets the prior choose the codes;
// 'checkpoint-true-durations' decodes freely but walks the recording's durations ('-true-codes': and
// takes its codes, so only the history is the model's own).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { denormalizeMel, normalizeMel } from '../../models/dsp';
import * as tf from '@tensorflow/tfjs';
import { type MeldConfig, stepSize } from '../../models/meld/config';
import { phonemeUnits, stepUnits } from '../../models/meld/aligned';
import { ttsStepLimit } from '../../models/meld/limits';
import { encodePhonemes, normalizeText, phonemizeText } from '../../models/text';
import { DEFAULT_SAMPLING } from '../../models/sampling';
import { audioToSteps } from '../../workers/meld/frontend';
import type { MeldGraphs } from '../../workers/meld/meldGraphs';
import { alignWith } from '../../models/meld/align/forcedAlign';
import { type UnitModel, deserializeUnitModel } from '../../models/meld/align/viterbi';
import { readCheckpointFile, restoreParams } from '../loop/checkpoint';
import { loadModelFromDisk } from '../cli/nodeModel';
import { synthesizeAligned, transcribeAligned } from '../layout/alignedSampler';
import { type Params, initParams } from '../model/params';
import { resynthesizeTeacherForced } from '../model/teacherForced';
import { posteriorCodes } from '../model/infer';
import { synthesize, transcribe } from '../model/sampler';
import { initBackend } from '../tf/backend';
import type { CheckpointMeta } from '../loop/trainer';
import type { TrainUtterance } from '../data/dataset';
import { groundTruthTts } from './ground-truth-tts';
import { registerStt, registerTts } from './registry';
import { vocodeMel } from './vocodeStreamed';
import { meldModelDir } from './meld-systems';

interface Loaded {
  c: MeldConfig;
  params: Params;
  meta: CheckpointMeta;
  /** The shipped model: its vocoder voices our mels. */
  graphs: MeldGraphs;
  /** Time-aligned checkpoints: the forced aligner's unit model they were trained with. */
  unitModel: UnitModel | null;
}

let loading: Promise<Loaded> | null = null;

function load(): Promise<Loaded> {
  loading ??= (async () => {
    const file = process.env.MELD_CHECKPOINT;
    if (!file || !fs.existsSync(file)) throw new Error(`set MELD_CHECKPOINT to a training checkpoint (got ${file ?? 'nothing'})`);
    await initBackend('wasm');
    const ck = readCheckpointFile<CheckpointMeta>(file);
    const c = ck.meta.model;
    const params = initParams(c, ck.meta.seed);
    restoreParams(ck, params);
    const unitModel = ck.meta.alignModel ? deserializeUnitModel(ck.meta.alignModel) : null;
    return { c, params, meta: ck.meta, graphs: await loadModelFromDisk(meldModelDir()), unitModel };
  })();
  return loading;
}

async function phonemeIds(text: string): Promise<number[]> {
  return encodePhonemes(await phonemizeText(normalizeText(text)));
}

/** Our normalised mel into the vocoder's normalisation (the same corpus statistics when both come from one corpus). */
function vocode(m: Loaded, mel: Float32Array, seed: number): Promise<Float32Array> {
  return vocodeMel(m.graphs, normalizeMel(denormalizeMel(mel, m.meta.melStats), m.graphs.manifest.melStats), seed);
}

/** Speech steps of 16 kHz audio in the checkpoint's normalisation. */
function steps(m: Loaded, audio: Float32Array) {
  const manifest = { ...m.graphs.manifest, config: m.c, melStats: m.meta.melStats };
  return audioToSteps(audio, manifest);
}

/** A recording as the trainer sees an utterance (force-aligned with the checkpoint's unit model, if it has one). */
async function recordingUtterance(m: Loaded, audio: Float32Array, text: string): Promise<TrainUtterance> {
  const s = steps(m, audio);
  const phonemes = await phonemeIds(text);
  const stepTokens = m.unitModel ? alignWith(m.unitModel, [{ mel: s.data, steps: s.count, phonemeIds: phonemes }])[0] ?? undefined : undefined;
  return { id: '', speaker: '', text, mel: s.data, steps: s.count, phonemeIds: phonemes, charIds: [], stepTokens };
}

export function registerCheckpointSystems(): void {
  const name = () => `checkpoint ${path.basename(path.dirname(process.env.MELD_CHECKPOINT ?? '?'))}`;
  registerTts('checkpoint', async () => {
    const m = await load();
    return {
      name: `${name()} (step ${m.meta.step})`,
      async synthesize(req) {
        const target = await phonemeIds(req.text);
        const prompt = await recordingUtterance(m, req.promptAudio, req.promptText);
        const base = { phonemeIds: target, seed: req.seed, prompt: { phonemeIds: prompt.phonemeIds, mel: prompt.mel, steps: prompt.steps } };
        const r = m.unitModel
          ? synthesizeAligned(m.c, m.params, { ...base, prompt: { ...base.prompt, stepTokens: prompt.stepTokens }, maxSteps: ttsStepLimit(target.length) })
          : synthesize(m.c, m.params, base);
        return r.frames > 0 ? vocode(m, r.mel, req.seed) : new Float32Array(0);
      },
    };
  });
  for (const [system, sampling] of [['checkpoint-teacher-forced', undefined], ['checkpoint-prior-codes', DEFAULT_SAMPLING]] as const) registerTts(system, async ({ corpus }) => {
    const m = await load();
    const truth = groundTruthTts(corpus);
    return {
      name: `${name()} teacher-forced${sampling ? ', prior\'s codes' : ''} (step ${m.meta.step})`,
      async synthesize(req) {
        const target = await recordingUtterance(m, await truth.synthesize(req), req.text);
        const prompt = await recordingUtterance(m, req.promptAudio, req.promptText);
        const r = resynthesizeTeacherForced(m.c, m.params, target, prompt, req.seed, sampling);
        return r.frames > 0 ? vocode(m, r.mel, req.seed) : new Float32Array(0);
      },
    };
  });
  // Free-running TTS given what a recording of the target would give it: its durations (and its codes).
  for (const [system, withCodes] of [['checkpoint-true-durations', false], ['checkpoint-true-codes', true]] as const) registerTts(system, async ({ corpus }) => {
    const m = await load();
    if (!m.unitModel) throw new Error(`${system} needs a time-aligned checkpoint`);
    const truth = groundTruthTts(corpus);
    return {
      name: `${name()} true durations${withCodes ? ' and codes' : ''} (step ${m.meta.step})`,
      async synthesize(req) {
        const target = await recordingUtterance(m, await truth.synthesize(req), req.text);
        const prompt = await recordingUtterance(m, req.promptAudio, req.promptText);
        for (const u of [target, prompt]) if (!u.stepTokens) throw new Error(`${system}: the aligner found no path through a recording of "${u.text}"`);
        const oracle = {
          units: stepUnits(target.stepTokens, target.steps, phonemeUnits(target.phonemeIds)),
          ...(withCodes ? { codes: tf.tidy(() => posteriorCodes(m.c, m.params, tf.tensor2d(target.mel, [target.steps, stepSize(m.c)]))) } : {}),
        };
        const r = synthesizeAligned(m.c, m.params, {
          phonemeIds: target.phonemeIds, seed: req.seed, maxSteps: ttsStepLimit(target.phonemeIds.length),
          prompt: { phonemeIds: prompt.phonemeIds, mel: prompt.mel, steps: prompt.steps, stepTokens: prompt.stepTokens },
        }, oracle);
        return r.frames > 0 ? vocode(m, r.mel, req.seed) : new Float32Array(0);
      },
    };
  });
  registerStt('checkpoint', async () => {
    const m = await load();
    return {
      name: `${name()} (step ${m.meta.step})`,
      async transcribe(audio) {
        const s = steps(m, audio);
        // The pad bias the export would record (npm run calibrate-stt), if given.
        const padBias = Number(process.env.MELD_STT_PAD_BIAS ?? 0);
        return m.c.layout === 'aligned' ? transcribeAligned(m.c, m.params, s.data, s.count, padBias) : transcribe(m.c, m.params, s.data, s.count);
      },
    };
  });
}
