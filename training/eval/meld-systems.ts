// Our model in the evaluation harness, through the same engine the app and CLIs use (the exported
// ONNX graphs on onnxruntime-node): `npm run eval -- --tts meld --stt meld [--model DIR]`;
// MELD_PRECISION=fp16 loads the fp16 weight files instead of the fp32 ones; MELD_TTS_TEMPERATURE and
// MELD_TTS_TOP_P sample TTS otherwise than the model's defaults.
// 'vocoded-ground-truth' is the ceiling heard through our vocoder: the corpus's own recording of each
// item, its log-mel vocoded by the shipped vocoder as the app streams it. What it loses against
// 'ground-truth' (judge WER, speaker-ID) is the vocoder's share; the rest of a TTS gap is the LM's.

import { transcribe } from '../../workers/meld/stt';
import { synthesize } from '../../workers/meld/tts';
import type { MeldGraphs } from '../../workers/meld/meldGraphs';
import type { Precision } from '../../models/meld/manifest';
import { DEFAULT_MODEL_DIR, loadModelFromDisk } from '../cli/nodeModel';
import { groundTruthTts } from './ground-truth-tts';
import { registerStt, registerTts } from './registry';
import { vocodeStreamed } from './vocodeStreamed';

let shared: Promise<MeldGraphs> | null = null;
let users = 0;

/** One loaded model serves both the TTS and the STT system of a run. */
function model(dir: string): Promise<MeldGraphs> {
  shared ??= loadModelFromDisk(dir, { precision: meldPrecision() });
  users++;
  return shared;
}

async function release(): Promise<void> {
  if (--users === 0 && shared) {
    await (await shared).release();
    shared = null;
  }
}

function meldPrecision(): Precision {
  const p = process.env.MELD_PRECISION ?? 'fp32';
  if (p !== 'fp32' && p !== 'fp16') throw new Error(`MELD_PRECISION is fp32 or fp16 (got ${p})`);
  return p;
}

/** MELD_TTS_TEMPERATURE / MELD_TTS_TOP_P: sampling other than the model's defaults (to choose them on validation items). */
function ttsSampling(): { temperature?: number; topP?: number } {
  const read = (name: string, min: number, max: number) => {
    const text = process.env[name];
    if (text === undefined) return undefined;
    const x = Number(text);
    if (!(x >= min && x <= max)) throw new Error(`${name} must be in [${min}, ${max}] (got ${text})`);
    return x;
  };
  const temperature = read('MELD_TTS_TEMPERATURE', 0.05, 2);
  const topP = read('MELD_TTS_TOP_P', 0.05, 1);
  return { ...(temperature !== undefined ? { temperature } : {}), ...(topP !== undefined ? { topP } : {}) };
}

/** How the TTS samples when not at its defaults, for the system's name (reports must say so). */
function samplingLabel(): string {
  const { temperature, topP } = ttsSampling();
  return `${temperature !== undefined ? `, temperature ${temperature}` : ''}${topP !== undefined ? `, top-p ${topP}` : ''}`;
}

/** Whether TTS samples otherwise than the model's defaults (an evaluation to record must not). */
export const ttsSamplingOverridden = (): boolean => Object.keys(ttsSampling()).length > 0;

/** The model directory the 'meld' systems load. */
export const meldModelDir = (): string => process.env.MELD_MODEL_DIR ?? DEFAULT_MODEL_DIR;

export function registerMeldSystems(modelDir = meldModelDir()): void {
  registerTts('meld', async () => {
    const g = await model(modelDir);
    return {
      name: `meld (step ${g.manifest.training.step}${meldPrecision() === 'fp16' ? ', fp16 weights' : ''}${samplingLabel()})`,
      async synthesize(req) {
        const r = await synthesize(g, { text: req.text, prompt: { audio: req.promptAudio, text: req.promptText }, seed: req.seed, sampling: ttsSampling() });
        return r.audio;
      },
      dispose: release,
    };
  });
  registerTts('vocoded-ground-truth', async ({ corpus }) => {
    const g = await model(modelDir);
    if (g.vocoderKind !== 'neural') throw new Error(`${modelDir} ships no neural vocoder to hear the ground truth through`);
    const truth = groundTruthTts(corpus);
    return {
      name: `ground truth through the vocoder (step ${g.manifest.vocoder!.training.step})`,
      async synthesize(req) {
        return (await vocodeStreamed(g, await truth.synthesize(req), 'neural')).audio;
      },
      dispose: release,
    };
  });
  registerStt('meld', async () => {
    const g = await model(modelDir);
    return {
      name: `meld (step ${g.manifest.training.step}${meldPrecision() === 'fp16' ? ', fp16 weights' : ''})`,
      async transcribe(audio) {
        return (await transcribe(g, audio)).text;
      },
      dispose: release,
    };
  });
}
