import { describe, expect, it } from 'vitest';
import { logMel } from './mel';
import { StreamingVocoder } from './streamingVocoder';

// A voice-like test signal: a gliding harmonic tone with a syllable-rate envelope.
function voiceLike(seconds: number): Float32Array {
  const sr = 16000;
  const x = new Float32Array(seconds * sr);
  let phase = 0;
  for (let i = 0; i < x.length; i++) {
    const t = i / sr;
    const f0 = 120 + 30 * Math.sin(2 * Math.PI * 0.7 * t);
    phase += (2 * Math.PI * f0) / sr;
    const env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
    let s = 0;
    for (let h = 1; h <= 8; h++) s += Math.sin(h * phase) / h;
    x[i] = 0.2 * env * s;
  }
  return x;
}

function meanAbsLogMelDiff(a: Float32Array, b: Float32Array): number {
  const la = logMel(a);
  const lb = logMel(b);
  const n = Math.min(la.data.length, lb.data.length);
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(la.data[i] - lb.data[i]);
  return s / n;
}

describe('StreamingVocoder', () => {
  it('streams the full length in chunks whose audio matches whole-utterance vocoding in the mel domain', () => {
    const signal = voiceLike(3);
    const mel = logMel(signal);
    const ref = new StreamingVocoder({ chunkFrames: 100_000 });
    ref.push(mel.data);
    const refAudio = ref.end();

    const v = new StreamingVocoder({ chunkFrames: 48, contextFrames: 12 });
    const chunks: Float32Array[] = [];
    for (let f = 0; f < mel.frames; f += 10) {
      const out = v.push(mel.data.subarray(f * 80, Math.min(mel.frames, f + 10) * 80));
      if (out.length) chunks.push(out);
    }
    chunks.push(v.end());
    expect(chunks.length).toBeGreaterThan(3); // audio really came out before the end
    const streamed = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of chunks) {
      streamed.set(c, o);
      o += c.length;
    }
    expect(streamed.length).toBe(refAudio.length);
    expect(refAudio.length).toBe((mel.frames - 1) * 256);
    // Both reconstructions are close to the original's log-mel, and the streamed one is not much worse.
    const dRef = meanAbsLogMelDiff(signal.subarray(0, refAudio.length), refAudio);
    const dStream = meanAbsLogMelDiff(signal.subarray(0, streamed.length), streamed);
    expect(dRef).toBeLessThan(0.6);
    expect(dStream).toBeLessThan(dRef * 1.3 + 0.05);
  });
});
