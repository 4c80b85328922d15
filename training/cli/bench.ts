// npm run bench [-- --precision fp16|fp32 --runs N --long-stt-seconds S]: prints JSON with the shipped
// model's TTS real-time factor (generation time / audio duration) and time to first audio chunk (after
// a warm-up request, as the app warms up at load; a new sentence each run), the STT real-time factor on the voice prompt and on ~60 s of speech, on onnxruntime-node and on
// onnxruntime-web (WASM) in Node, each with a per-graph profile per decoding step (runs, ms, host
// megabytes copied in and out); the model's matMul FLOPs per second of audio next to this machine's
// measured plain matMul rate, and the roofline: measured TTS real-time factor over the compute-only one.
// Also Griffin-Lim (32 iterations) in TypeScript against the same algorithm as an ONNX graph
// (training/export/griffinLimGraph.ts) on both runtimes, and the neural vocoder alone, where the model
// ships one. Time it on an idle machine: pause training runs and corpus builds first.

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
import type { Precision } from '../../models/meld/manifest';
import { SessionProfile } from '../../workers/ort/sessionProfile';
import { concatFloat32 } from '../../models/arrays';

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

interface Preset {
  file: string;
  transcript: string;
}

/** The app's voice presets (held-out voices). */
function readPresets(): Preset[] {
  return (JSON.parse(fs.readFileSync('public/voices/presets.json', 'utf8')) as { presets: Preset[] }).presets;
}

/** About `seconds` of speech: the presets' audio end to end, 0.3 s of silence between, cycled. */
function longSpeech(presets: readonly Preset[], seconds: number): Float32Array {
  const clips = presets.map((p) => readAudioFile(`public/voices/${p.file}`));
  const gap = new Float32Array(0.3 * 16000);
  const parts: Float32Array[] = [];
  for (let i = 0, n = 0; n < seconds * 16000; i++) {
    const clip = clips[i % clips.length];
    parts.push(clip, gap);
    n += clip.length + gap.length;
  }
  return concatFloat32(parts);
}

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: DEFAULT_MODEL_DIR }, voice: { type: 'string' }, 'voice-text': { type: 'string' }, runs: { type: 'string', default: '3' },
      precision: { type: 'string', default: 'fp16' }, 'long-stt-seconds': { type: 'string', default: '60' },
    },
  });
  if (values.precision !== 'fp32' && values.precision !== 'fp16') throw new Error(`--precision is fp32 or fp16, got ${values.precision}`);
  const precision: Precision = values.precision;
  const [runs, longSeconds] = [Number(values.runs), Number(values['long-stt-seconds'])];
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs is a whole number of at least 1, got ${values.runs}`);
  if (!(longSeconds >= 1)) throw new Error(`--long-stt-seconds is a number of seconds (at least 1), got ${values['long-stt-seconds']}`);
  // Default prompt: the app's first voice preset (a held-out voice).
  const presets = readPresets();
  const preset = presets[0];
  const voice = values.voice ?? `public/voices/${preset.file}`;
  const voiceText = values['voice-text'] ?? preset.transcript;
  const prompt = { audio: readAudioFile(voice), text: voiceText };
  // A new sentence each run (each pays its phonemisation, as a new request does), after one warm-up
  // request on another text: the app warms its engine up at load, so that is what a user meets.
  const texts = [
    'The quick brown fox jumps over the lazy dog, and the birds sing in the morning.',
    'She walked along the river at dusk, counting the boats that drifted past the mill.',
    'Please call me back this evening, after the meeting with the new tenants is over.',
  ];
  const long = longSpeech(presets, longSeconds);
  const results: Record<string, unknown> = { precision };
  const runtimes: NodeRuntime[] = ['onnxruntime-node', 'onnxruntime-web'];
  const mean = (xs: number[]) => +(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3);
  for (const runtime of runtimes) {
    const profile = new SessionProfile();
    const g = await loadModelFromDisk(values.model, { runtime, precision, profile });
    const stepSeconds = (g.config.framesPerStep * 256) / 16000;
    const tts: { rtf: number; firstAudioMs: number; audioSeconds: number }[] = [];
    let ttsProfile = {};
    await synthesize(g, { text: 'A short warm-up.', prompt, seed: 99 });
    for (let i = 0; i < runs; i++) {
      profile.reset();
      const r = await synthesize(g, { text: texts[i % texts.length], prompt, seed: i });
      tts.push({ rtf: r.timing.totalMs / 1000 / r.timing.audioSeconds, firstAudioMs: r.timing.firstAudioMs ?? NaN, audioSeconds: r.timing.audioSeconds });
      // Per generated step (the prefill's runs are in it too: the first audio waits for them); the last run's.
      ttsProfile = profile.breakdown(r.timing.totalMs, r.frames / g.config.framesPerStep);
    }
    const sttOf = async (audio: Float32Array) => {
      profile.reset();
      const r = await transcribe(g, audio);
      return { realTimeFactor: +(r.timing.totalMs / 1000 / r.timing.audioSeconds).toFixed(3), audioSeconds: +r.timing.audioSeconds.toFixed(2), perStep: profile.breakdown(r.timing.totalMs, r.timing.audioSeconds / stepSeconds) };
    };
    results[runtime] = {
      tts: { realTimeFactor: mean(tts.map((t) => t.rtf)), timeToFirstAudioMs: mean(tts.map((t) => t.firstAudioMs)), audioSeconds: mean(tts.map((t) => t.audioSeconds)), runs: tts.length, perStep: ttsProfile },
      stt: await sttOf(prompt.audio),
      sttLong: await sttOf(long),
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
  const gflops = measureMatMulGflops();
  results.machinePlainMatMulGflops = +gflops.toFixed(1); // tfjs-wasm, one thread: the same roofline the trainer reports
  // The roofline: measured TTS real-time factor over the compute-only one (the model's FLOPs at this
  // machine's plain matMul rate). 1 would be a decoder that does nothing but its arithmetic.
  const computeOnly = (results.modelGflopsPerAudioSecond as number) / gflops;
  results.computeOnlyRealTimeFactor = +computeOnly.toFixed(4);
  for (const runtime of runtimes) {
    const r = results[runtime] as { tts: { realTimeFactor: number }; roofline?: number };
    r.roofline = +(r.tts.realTimeFactor / computeOnly).toFixed(1);
  }
  console.log(JSON.stringify(results, null, 2));
});
