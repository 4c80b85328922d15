// One short TTS and STT run at load, discarded. A model's first run is slow: eSpeak NG compiles its
// WASM, onnxruntime grows its memory arena through every shape the run meets (the KV cache lengthens
// each step), and the JIT has not seen the decoding loop. Measured in the browser before this: the
// first Generate after load ran at real-time factor 1.3-1.6, later ones at ~0.2. The warm-up makes
// the first Generate a second run.

import type { MeldGraphs } from './meldGraphs';
import { transcribe } from './stt';
import { synthesize } from './tts';

/** Steps generated (at 15.6 steps/s): long enough to grow the KV cache past a typical sentence's start. */
const TTS_STEPS = 32;
const SAMPLE_RATE = 16000;

/** A voiced, syllable-like test signal (a gliding harmonic tone, 4 Hz envelope): not silent, not speech. */
function voiceLike(seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / SAMPLE_RATE;
    phase += (2 * Math.PI * (140 + 30 * Math.sin(2 * Math.PI * 0.7 * t))) / SAMPLE_RATE;
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
    out[i] = 0.2 * envelope * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase));
  }
  return out;
}

/** Runs the warm-up; returns its wall time in ms. Its output is thrown away. */
export async function warmUp(g: MeldGraphs): Promise<number> {
  const t0 = performance.now();
  const prompt = { audio: voiceLike(2.5), text: 'this is a short voice prompt.' };
  const stop = new AbortController();
  await synthesize(g, { text: 'Hello there, this is a warm up run of the model.', prompt, seed: 1, signal: stop.signal }, (e) => {
    if (e.type === 'progress' && e.steps >= TTS_STEPS) stop.abort();
  });
  await transcribe(g, prompt.audio.subarray(0, SAMPLE_RATE));
  return performance.now() - t0;
}
