// A model with per-frame latents and the voice summary (issue 24) through the exported graphs
// (onnxruntime-node): the engine loads it (its backend check runs the slot heads and the voice
// output), speaks and transcribes; its TTS draws the same codes as the trainer's tfjs decoder for a
// seed, L per step, drawn in order through the slot-transition table. A tiny model trained for two steps: the mechanics, not the words.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MELD_CONFIGS, type MeldConfig } from '../../models/meld/config';
import { alignWith } from '../../models/meld/align/forcedAlign';
import { deserializeUnitModel } from '../../models/meld/align/viterbi';
import { ttsStepLimit } from '../../models/meld/limits';
import { createRng } from '../../models/random';
import { readCheckpointFile, restoreParams } from '../../training/loop/checkpoint';
import { loadModelFromDisk } from '../../training/cli/nodeModel';
import { synthesizeAligned } from '../../training/layout/alignedSampler';
import { SLOT_TRANSITION_SCALE, initParams } from '../../training/model/params';
import { slotTransitions } from '../../training/model/forward';
import { exportEdited, openEngine, trainTinyModel } from './testModel.nodejs';
import { initBackend } from '../../training/tf/backend';
import { type CheckpointMeta } from '../../training/loop/trainer';
import { audioToSteps } from './frontend';
import type { MeldGraphs } from './meldGraphs';
import { phonemeIds, synthesize } from './tts';

const c = MELD_CONFIGS['tiny-frames'];
let g: MeldGraphs;
let checkpoint: string;
let modelDir: string;
let audio: Float32Array;
let promptText: string;
/** The TTS request the decoders are compared on (the prompt is read in beforeAll). */
const request = () => ({ text: 'Good morning.', prompt: { audio, text: promptText }, seed: 5 });

beforeAll(async () => {
  await initBackend('wasm');
  // A strong slot-transition table, ±3 nats once scaled (two steps of training leave it near zero), so the codes a step draws
  // depend on the order its slots are drawn in.
  const rand = createRng(4);
  ({ g, checkpoint, modelDir, audio, promptText } = await trainTinyModel('tiny-frames', 3, (ck) => {
    const table = ck.tensors.get('head.slotPrev')!;
    table.data = Float32Array.from(table.data, () => (6 * (rand() - 0.5)) / SLOT_TRANSITION_SCALE);
  }));
}, 240_000);
afterAll(async () => {
  await g?.release();
});

describe('the engine with per-frame latents and a voice summary', () => {
  it('loads it (the backend check runs the slot heads and the voice), speaks and transcribes', async () => {
    const engine = await openEngine(modelDir);
    try {
      const spoken = await engine.tts({ text: 'Good morning.', prompt: { audio: audio.slice(), text: promptText }, seed: 1, temperature: 1, topP: 0.9 });
      expect(spoken.ok && spoken.value.audio.length > 0).toBe(true);
      const heard = await engine.stt(audio.slice());
      expect(heard.ok).toBe(true);
    } finally {
      await engine.dispose();
    }
  }, 120_000);

  /** The request through the engine's graphs and through the training weights in tfjs (the prompt cut and aligned as the engine does). */
  async function engineAndTrainer(graphs: MeldGraphs, config: MeldConfig, ckFile: string) {
    const req = request();
    const r = await synthesize(graphs, req);
    const target = (await phonemeIds(req.text)).ids;
    const prompt = audioToSteps(audio, graphs.manifest, Math.round((8 * 16000) / 256 / config.framesPerStep));
    const promptIds = (await phonemeIds(promptText)).ids;
    const [stepTokens] = alignWith(deserializeUnitModel(graphs.manifest.alignment!), [{ mel: prompt.data, steps: prompt.count, phonemeIds: promptIds }]);
    const params = initParams(config, 0);
    restoreParams(readCheckpointFile<CheckpointMeta>(ckFile), params);
    const ref = synthesizeAligned(config, params, {
      phonemeIds: target, seed: req.seed, maxSteps: ttsStepLimit(target.length),
      prompt: { phonemeIds: promptIds, mel: prompt.data, steps: prompt.count, stepTokens: stepTokens ?? undefined },
    });
    return { engine: r, trainer: ref };
  }

  it('TTS draws L codes per step, the same as the trainer\'s decoder for the seed', async () => {
    const { engine: r, trainer: ref } = await engineAndTrainer(g, c, checkpoint);
    expect(r.codes.length).toBe((r.frames / c.framesPerStep) * c.latentsPerStep);
    expect(r.codes.length).toBeGreaterThan(0);
    expect(r.codes).toEqual(ref.codes);
  }, 120_000);

  it('a model whose slots are independent (no table, no slots graph) draws the trainer\'s codes too', async () => {
    // The same weights without the table, exported as a model that draws each slot from its own head alone.
    const independentConfig: MeldConfig = { ...c, slotTransitions: false };
    const exported = exportEdited(checkpoint, 'independent', (ck) => {
      ck.tensors.delete('head.slotPrev');
      ck.meta.model = independentConfig;
    });
    const independent = await loadModelFromDisk(exported.modelDir);
    try {
      expect(independent.manifest.graphs.fp32.slots).toBeUndefined();
      expect(await independent.slotTransitions()).toBeNull();
      const { engine: r, trainer: ref } = await engineAndTrainer(independent, independentConfig, exported.checkpoint);
      expect(r.codes.length).toBeGreaterThan(0);
      expect(r.codes).toEqual(ref.codes);
      // The table matters: the in-order model draws other codes for the same seed.
      expect(r.codes).not.toEqual((await synthesize(g, request())).codes);
    } finally {
      await independent.release();
    }
  }, 120_000);

  it('reads the slot-transition table whole from its graph, the checkpoint\'s exactly', async () => {
    const params = initParams(c, 0);
    restoreParams(readCheckpointFile<CheckpointMeta>(checkpoint), params);
    const table = await g.slotTransitions();
    expect(table).toEqual(slotTransitions(params).dataSync());
    expect(await g.slotTransitions()).toBe(table); // read once
  });
});
