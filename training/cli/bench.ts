// npm run bench: prints JSON with the shipped model's TTS real-time factor (generation time / audio
// duration) and time to first audio chunk, the STT real-time factor, on onnxruntime-node and on
// onnxruntime-web (WASM) in Node, and the model's matMul FLOPs per second of audio next to this
// machine's measured plain matMul rate. Also Griffin-Lim (32 iterations) in TypeScript against the
// same algorithm as an ONNX graph (training/export/griffinLimGraph.ts) on both runtimes, and the
// neural vocoder alone, where the model ships one.

import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { stepSize } from '../../models/meld/config';
import { buildVocab, inputTokenCount } from '../../models/meld/vocab';
import { synthesize } from '../../workers/meld/tts';
import { transcribe } from '../../workers/meld/stt';
import type { MeldGraphs } from '../../workers/meld/meldGraphs';
import { DEFAULT_MODEL_DIR, type NodeRuntime, loadModelFromDisk, readAudioFile } from './nodeModel';
import { runCli } from './runCli';
import { initBackend, measureMatMulGflops } from '../tf/backend';
import { griffinLim, randomPhases, stft } from '../../models/dsp';
import { createNodeSession } from '../../workers/ort/nodeSession.nodejs';
import { createOrtSession } from '../../workers/ort/modelSession';
import { configureOrt } from '../../workers/ort/ortEnvironment';
import { griffinLimGraph } from '../export/griffinLimGraph';

/**
 * Griffin-Lim real-time factors: one whole utterance, and one streaming chunk as the app vocodes it
 * (64 frames emitted, 16 of context each side: 96 frames per call, RTF per emitted second).
 */
async function benchGriffinLim(audio: Float32Array): Promise<Record<string, unknown>> {
  const iterations = 32;
  const graph = griffinLimGraph(iterations).bytes;
  await configureOrt({});
  const sessions = { 'onnxruntime-node': await createNodeSession(graph), 'onnxruntime-web': await createOrtSession(graph, 'wasm') };
  const cases = { utterance: { frames: stft(audio).frames, emitted: stft(audio).frames }, chunk: { frames: 96, emitted: 64 } };
  const out: Record<string, unknown> = { iterations, graphMB: +(graph.length / 1e6).toFixed(2) };
  for (const [name, { frames, emitted }] of Object.entries(cases)) {
    const spec = stft(audio.subarray(0, (frames - 1) * 256));
    const phases = randomPhases(frames * 513, 1);
    const [re, im] = [Float32Array.from(phases.re), Float32Array.from(phases.im)];
    const seconds = (emitted * 256) / 16000;
    const time = async (f: () => unknown) => {
      await f(); // warm-up
      const t0 = performance.now();
      await f();
      return +((performance.now() - t0) / 1000 / seconds).toFixed(3);
    };
    const row: Record<string, number> = { frames, typescript: await time(() => griffinLim(spec.magnitude, frames, { iterations })) };
    for (const [runtime, s] of Object.entries(sessions)) {
      const feeds = {
        magnitude: { type: 'float32' as const, dims: [frames, 513], data: spec.magnitude },
        phase_re: { type: 'float32' as const, dims: [frames, 513], data: re },
        phase_im: { type: 'float32' as const, dims: [frames, 513], data: im },
      };
      row[runtime] = await time(() => s.run(feeds));
    }
    out[`${name}RealTimeFactor`] = row;
  }
  await Promise.all(Object.values(sessions).map((s) => s.release()));
  return out;
}

/** MatMul FLOPs per generated step (one LM row at context length ctx, pre-net, recon) and per post-net step. */
function flopsPerStep(g: MeldGraphs, ctx: number): number {
  const c = g.config;
  const D = c.dModel;
  const S = stepSize(c);
  const lm = c.nLayers * (2 * (4 * D * D + 2 * D * c.dFF) + 4 * ctx * D) + 2 * D * (buildVocab(c.codebookSize).size - inputTokenCount(buildVocab(c.codebookSize)) + 40);
  const prenet = 2 * (S * c.prenetHidden + c.prenetHidden * c.prenetHidden + c.prenetHidden * D);
  const recon = 2 * (2 * D * c.reconHidden + 2 * c.reconHidden * c.reconHidden + c.reconHidden * S);
  const postnet = 2 * c.postnetKernel * (S * c.postnetHidden + c.postnetHidden * S);
  return lm + prenet + recon + postnet;
}

await runCli(async () => {
  const { values } = parseArgs({ options: { model: { type: 'string', default: DEFAULT_MODEL_DIR }, voice: { type: 'string' }, 'voice-text': { type: 'string' }, runs: { type: 'string', default: '2' } } });
  // Default prompt: the app's first voice preset (a held-out voice).
  const preset = (JSON.parse(fs.readFileSync('public/voices/presets.json', 'utf8')) as { presets: { file: string; transcript: string }[] }).presets[0];
  const voice = values.voice ?? `public/voices/${preset.file}`;
  const voiceText = values['voice-text'] ?? preset.transcript;
  const prompt = { audio: readAudioFile(voice), text: voiceText };
  const text = 'The quick brown fox jumps over the lazy dog, and the birds sing in the morning.';
  const results: Record<string, unknown> = {};
  for (const runtime of ['onnxruntime-node', 'onnxruntime-web'] as NodeRuntime[]) {
    const g = await loadModelFromDisk(values.model, { runtime });
    const tts: { rtf: number; firstAudioMs: number; audioSeconds: number }[] = [];
    for (let i = 0; i < Number(values.runs); i++) {
      const r = await synthesize(g, { text, prompt, seed: i });
      tts.push({ rtf: r.timing.totalMs / 1000 / r.timing.audioSeconds, firstAudioMs: r.timing.firstAudioMs ?? NaN, audioSeconds: r.timing.audioSeconds });
    }
    const stt = await transcribe(g, prompt.audio);
    const mean = (xs: number[]) => +(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3);
    results[runtime] = {
      tts: { realTimeFactor: mean(tts.map((t) => t.rtf)), timeToFirstAudioMs: mean(tts.map((t) => t.firstAudioMs)), audioSeconds: mean(tts.map((t) => t.audioSeconds)), runs: tts.length },
      stt: { realTimeFactor: +(stt.timing.totalMs / 1000 / stt.timing.audioSeconds).toFixed(3), audioSeconds: +stt.timing.audioSeconds.toFixed(2) },
    };
    if (g.vocoderKind === 'neural') {
      const n = Math.floor(prompt.audio.length / 256);
      const mel = new Float32Array(n * 80).fill(-0.5);
      await g.vocode(mel, n);
      const t0 = performance.now();
      await g.vocode(mel, n);
      (results[runtime] as Record<string, unknown>).neuralVocoderRealTimeFactor = +((performance.now() - t0) / 1000 / ((n * 256) / 16000)).toFixed(4);
    }
    if (runtime === 'onnxruntime-node') {
      const stepsPerSecond = 16000 / 256 / g.config.framesPerStep;
      results.modelGflopsPerAudioSecond = +((flopsPerStep(g, 300) * stepsPerSecond) / 1e9).toFixed(3);
      results.trainingStep = g.manifest.training.step;
    }
    await g.release();
  }
  results.griffinLim = await benchGriffinLim(prompt.audio);
  await initBackend('wasm');
  results.machinePlainMatMulGflops = +measureMatMulGflops().toFixed(1); // tfjs-wasm, one thread: the same roofline the trainer reports
  console.log(JSON.stringify(results, null, 2));
});
