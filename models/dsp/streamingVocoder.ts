// Streams audio out of a growing log-mel sequence with Griffin-Lim: frames arrive in pieces while the
// model generates, audio leaves in chunks. Each chunk is vocoded with context frames on both sides
// and cross-faded into the previous one, so the seams are short blends rather than clicks.

import { resolveAudioConfig } from '../config/audio';
import { concatFloat32 } from '../arrays';
import { griffinLim, melToLinear } from './griffinLim';

export interface StreamingVocoderOptions {
  /** Frames emitted per chunk (64 frames ~ 1 s at hop 256 / 16 kHz). */
  chunkFrames?: number;
  /** Frames of context vocoded on each side of a chunk (and the look-ahead a chunk waits for). */
  contextFrames?: number;
  iterations?: number;
  seed?: number;
}

export class StreamingVocoder {
  private readonly nMels: number;
  private readonly hop: number;
  private readonly chunk: number;
  private readonly context: number;
  private readonly iterations: number;
  private readonly seed: number;
  private frames: Float32Array = new Float32Array(0);
  private count = 0;
  /** Frames whose audio (up to emitted * hop) has been handed out. */
  private emitted = 0;
  /** Samples just past the emitted audio, from the last chunk, to cross-fade into the next. */
  private tail: Float32Array = new Float32Array(0);
  private chunkIndex = 0;

  constructor(options: StreamingVocoderOptions = {}) {
    const audio = resolveAudioConfig();
    this.nMels = audio.nMels;
    this.hop = audio.hop;
    this.chunk = options.chunkFrames ?? 64;
    this.context = options.contextFrames ?? 16;
    this.iterations = options.iterations ?? 32;
    this.seed = options.seed ?? 0;
  }

  /** Adds log-mel frames (natural log, not normalised; frame-major) and returns any audio now final. */
  push(logMel: Float32Array): Float32Array {
    const n = logMel.length / this.nMels;
    if (!Number.isInteger(n)) throw new RangeError(`StreamingVocoder.push: ${logMel.length} values is not a whole number of ${this.nMels}-bin frames`);
    if ((this.count + n) * this.nMels > this.frames.length) {
      const grown = new Float32Array(Math.max(2 * this.frames.length, (this.count + n) * this.nMels));
      grown.set(this.frames.subarray(0, this.count * this.nMels));
      this.frames = grown;
    }
    this.frames.set(logMel, this.count * this.nMels);
    this.count += n;
    const out: Float32Array[] = [];
    while (this.count - this.emitted >= this.chunk + this.context) out.push(this.vocode(this.emitted + this.chunk, this.emitted + this.chunk + this.context));
    return out.length === 1 ? out[0] : concatFloat32(out);
  }

  /** Vocodes everything left; the stream is complete after this. */
  end(): Float32Array {
    if (this.count === 0 || this.emitted >= this.count) return new Float32Array(0);
    return this.vocode(this.count, this.count);
  }

  /** Emits audio for frames [emitted, upTo), vocoding frames [emitted - context, stop). */
  private vocode(upTo: number, stop: number): Float32Array {
    const start = Math.max(0, this.emitted - this.context);
    const frames = stop - start;
    const lin = melToLinear(this.frames.subarray(start * this.nMels, stop * this.nMels), frames);
    const wave = griffinLim(lin, frames, { iterations: this.iterations, seed: this.seed + this.chunkIndex++ });
    // wave[i] is the sample at time start * hop + i; it covers (frames - 1) * hop samples.
    const from = (this.emitted - start) * this.hop;
    const last = stop === this.count && upTo === this.count;
    const to = last ? wave.length : (upTo - start) * this.hop;
    const out = wave.slice(from, to);
    const fade = Math.min(this.tail.length, out.length);
    for (let i = 0; i < fade; i++) {
      const a = (i + 0.5) / fade;
      out[i] = this.tail[i] * (1 - a) + out[i] * a;
    }
    this.tail = last ? new Float32Array(0) : wave.slice(to, Math.min(wave.length, to + this.hop * 4));
    this.emitted = upTo;
    return out;
  }
}
