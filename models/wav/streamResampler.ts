// Sample-rate conversion of audio that arrives in blocks (a microphone), for a consumer that reads
// it while it is recorded (live transcription). Each stretch is resampled with `resample` together
// with MARGIN_SECONDS of its neighbours on both sides, and only the middle is kept: the low-pass is
// a zero-phase (forward-backward) IIR filter and the sinc kernel reads a few samples either way, so
// the kept samples match resampling the whole recording up to the filter's tail (tested).

import { resample } from './resample';

/** Context on each side of a stretch; the filter's response has died away well within it. */
const MARGIN_SECONDS = 0.02;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export class StreamResampler {
  /** Input samples per whole number of output samples (48 kHz -> 16 kHz: 3; 44.1 kHz: 441 for 160). */
  private readonly quantum: number;
  private readonly margin: number;
  private readonly chunkIn: number;
  /** Input kept: from `base` (absolute input index) on. */
  private pending = new Float32Array(0);
  private base = 0;
  /** Absolute input index up to which output has been produced. */
  private done = 0;

  /** `chunkSeconds`: output is produced in stretches of about this length (the consumer's latency). */
  constructor(
    private readonly fromRate: number,
    private readonly toRate: number,
    chunkSeconds = 0.2,
  ) {
    if (!(fromRate > 0 && toRate > 0 && Number.isInteger(fromRate) && Number.isInteger(toRate))) {
      throw new RangeError(`StreamResampler: sample rates must be positive integers, got ${fromRate} -> ${toRate}`);
    }
    this.quantum = fromRate / gcd(fromRate, toRate);
    this.margin = Math.ceil((MARGIN_SECONDS * fromRate) / this.quantum) * this.quantum;
    this.chunkIn = Math.max(1, Math.round((chunkSeconds * fromRate) / this.quantum)) * this.quantum;
  }

  /** Adds recorded samples; returns the resampled audio that became ready (often empty). */
  push(block: Float32Array): Float32Array {
    const grown = new Float32Array(this.pending.length + block.length);
    grown.set(this.pending);
    grown.set(block, this.pending.length);
    this.pending = grown;
    const available = this.base + this.pending.length;
    // Whole chunks whose right margin has arrived.
    const chunks = Math.floor((available - this.margin - 1 - this.done) / this.chunkIn);
    return chunks > 0 ? this.produce(this.done + chunks * this.chunkIn, available) : new Float32Array(0);
  }

  /** The recording ended: everything left (what follows the end counts as silence). */
  flush(): Float32Array {
    const end = this.base + this.pending.length;
    // Up to the end, rounded up to a whole quantum (the padding is silence).
    const to = Math.ceil(end / this.quantum) * this.quantum;
    return to > this.done ? this.produce(to, end) : new Float32Array(0);
  }

  /** Output for input [done, to), read with margins from the input up to `available`. */
  private produce(to: number, available: number): Float32Array {
    const from = this.done;
    const start = Math.max(this.base, from - this.margin);
    const stop = Math.min(available - 1, to + this.margin);
    // One sample more than whole quanta: wave-resampler maps output t to input t * (N - 1) / M, so
    // with N = whole quanta + 1 the mapping is exactly the rate ratio and stretches line up.
    const window = new Float32Array(to + this.margin - start + 1);
    window.set(this.pending.subarray(start - this.base, stop + 1 - this.base));
    const out = resample(window, this.fromRate, this.toRate);
    const ratio = this.toRate / this.fromRate;
    const skip = Math.round((from - start) * ratio);
    const count = Math.round((to - from) * ratio);
    this.done = to;
    // Keep only what the next stretch's left margin needs.
    const keepFrom = Math.max(this.base, to - this.margin);
    this.pending = this.pending.slice(keepFrom - this.base);
    this.base = keepFrom;
    const result = new Float32Array(count);
    result.set(out.subarray(skip, skip + count));
    return result;
  }
}
