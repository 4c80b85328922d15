// Our model in the evaluation harness, through the same engine the app and CLIs use (the exported
// ONNX graphs on onnxruntime-node): `npm run eval -- --tts meld --stt meld [--model DIR]`.

import { transcribe } from '../../workers/meld/stt';
import { synthesize } from '../../workers/meld/tts';
import type { MeldGraphs } from '../../workers/meld/meldGraphs';
import { DEFAULT_MODEL_DIR, loadModelFromDisk } from '../cli/nodeModel';
import { registerStt, registerTts } from './registry';

let shared: Promise<MeldGraphs> | null = null;
let users = 0;

/** One loaded model serves both the TTS and the STT system of a run. */
function model(dir: string): Promise<MeldGraphs> {
  shared ??= loadModelFromDisk(dir);
  users++;
  return shared;
}

async function release(): Promise<void> {
  if (--users === 0 && shared) {
    await (await shared).release();
    shared = null;
  }
}

/** The model directory the 'meld' systems load. */
export const meldModelDir = (): string => process.env.MELD_MODEL_DIR ?? DEFAULT_MODEL_DIR;

export function registerMeldSystems(modelDir = meldModelDir()): void {
  registerTts('meld', async () => {
    const g = await model(modelDir);
    return {
      name: `meld (step ${g.manifest.training.step})`,
      async synthesize(req) {
        const r = await synthesize(g, { text: req.text, prompt: { audio: req.promptAudio, text: req.promptText }, seed: req.seed });
        return r.audio;
      },
      dispose: release,
    };
  });
  registerStt('meld', async () => {
    const g = await model(modelDir);
    return {
      name: `meld (step ${g.manifest.training.step})`,
      async transcribe(audio) {
        return (await transcribe(g, audio)).text;
      },
      dispose: release,
    };
  });
}
