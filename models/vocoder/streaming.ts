// Streams a neural vocoder over a growing mel sequence: frames arrive while the model generates,
// audio leaves in chunks. Each chunk is vocoded with `context` real frames on each side and only its
// own samples are kept, so with context >= exactContextFrames(config) the concatenated chunks equal
// vocoding the whole utterance at once: no seams to hide.

import { concatFloat32 } from '../arrays';

export interface ChunkedVocoderOptions {
  nMels: number;
  hop: number;
  /** Frames of context on each side of a chunk. */
  context: number;
  /**
   * Frames in the first chunk (small: the first audio comes sooner); each later chunk is twice the one
   * before, up to `maxChunk`. A chunk's context is vocoded again by its neighbours, so large chunks
   * waste less; doubling keeps the audio ahead of the player while the generator runs at up to
   * ~0.45x real time (a chunk of s frames plays while the next needs 2s + context frames generated).
   */
  firstChunk: number;
  maxChunk: number;
}

/** Vocodes `frames` normalised log-mel frames [frames * nMels] into frames * hop samples. */
export type VocodeFn = (mel: Float32Array, frames: number) => Promise<Float32Array>;

export class ChunkedVocoder {
  private frames = new Float32Array(0);
  private count = 0;
  /** Frames whose audio has been handed out. */
  private emitted = 0;
  /** The next chunk's size. */
  private size: number;

  constructor(
    private readonly o: ChunkedVocoderOptions,
    private readonly vocode: VocodeFn,
  ) {
    this.size = o.firstChunk;
  }

  /** Adds frames and returns the audio that is now final (possibly none). */
  async push(mel: Float32Array): Promise<Float32Array> {
    const n = mel.length / this.o.nMels;
    if (!Number.isInteger(n)) throw new RangeError(`ChunkedVocoder.push: ${mel.length} values is not a whole number of ${this.o.nMels}-bin frames`);
    if ((this.count + n) * this.o.nMels > this.frames.length) {
      const grown = new Float32Array(Math.max(2 * this.frames.length, (this.count + n) * this.o.nMels));
      grown.set(this.frames.subarray(0, this.count * this.o.nMels));
      this.frames = grown;
    }
    this.frames.set(mel, this.count * this.o.nMels);
    this.count += n;
    const parts: Float32Array[] = [];
    while (this.count - this.emitted >= this.size + this.o.context) {
      parts.push(await this.run(this.emitted + this.size, this.emitted + this.size + this.o.context));
      this.size = Math.min(2 * this.size, this.o.maxChunk);
    }
    return parts.length === 1 ? parts[0] : concatFloat32(parts);
  }

  /** Vocodes what is left; the stream is complete after this. */
  async end(): Promise<Float32Array> {
    if (this.emitted >= this.count) return new Float32Array(0);
    return this.run(this.count, this.count);
  }

  /** Emits the samples of frames [emitted, upTo), vocoding frames [emitted - context, stop). */
  private async run(upTo: number, stop: number): Promise<Float32Array> {
    const { nMels, hop, context } = this.o;
    const start = Math.max(0, this.emitted - context);
    const audio = await this.vocode(this.frames.slice(start * nMels, stop * nMels), stop - start);
    const out = audio.slice((this.emitted - start) * hop, (upTo - start) * hop);
    this.emitted = upTo;
    return out;
  }
}
