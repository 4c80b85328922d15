// Generated speech steps to streamed audio, for every TTS decoder: the post-net runs over the steps
// that can no longer change (it reaches POSTNET_REACH steps either side) and the streaming vocoder
// turns them into audio, every EMIT_EVERY steps and once more at the end.

import { concatFloat32 } from '../../models/arrays';
import { stepSize } from '../../models/meld/config';
import type { MeldGraphs } from './meldGraphs';
import { type MelStreamVocoder, melStreamVocoder } from './vocoder';

/** Steps between post-net/vocoder updates; and the post-net's reach (2 convolutions of kernel 3). */
const EMIT_EVERY = 8;
const POSTNET_REACH = 2;

export interface StepAudioResult {
  audio: Float32Array;
  /** Normalised mel frames after the post-net, frame-major. */
  mel: Float32Array;
  frames: number;
  vocoder: 'neural' | 'griffin-lim';
  firstAudioMs: number | null;
}

export class StepAudio {
  private readonly steps: Float32Array[] = [];
  /** Post-net output per step, once final. */
  private readonly refined: Float32Array[] = [];
  private readonly audio: Float32Array[] = [];
  private readonly vocoder: MelStreamVocoder;
  private firstAudioMs: number | null = null;

  constructor(
    private readonly g: MeldGraphs,
    seed: number,
    private readonly t0: number,
    private readonly onAudio: (samples: Float32Array) => void,
    private readonly onProgress: (steps: number, seconds: number) => void,
  ) {
    this.vocoder = melStreamVocoder(g, seed);
  }

  get length(): number {
    return this.steps.length;
  }

  /** A generated step (its r frames before the post-net); streams audio every EMIT_EVERY steps. */
  async push(step: Float32Array): Promise<void> {
    this.steps.push(step);
    if (this.steps.length % EMIT_EVERY === 0) {
      await this.flush(false);
      this.onProgress(this.steps.length, (this.steps.length * this.g.config.framesPerStep * 256) / 16000);
    }
  }

  /** The rest of the audio, and everything generated. */
  async end(): Promise<StepAudioResult> {
    await this.flush(true);
    const S = stepSize(this.g.config);
    const mel = new Float32Array(this.refined.length * S);
    this.refined.forEach((r, i) => mel.set(r, i * S));
    return { audio: concatFloat32(this.audio), mel, frames: this.refined.length * this.g.config.framesPerStep, vocoder: this.vocoder.kind, firstAudioMs: this.firstAudioMs };
  }

  private emit(samples: Float32Array): void {
    if (samples.length === 0) return;
    if (this.firstAudioMs === null) this.firstAudioMs = performance.now() - this.t0;
    this.audio.push(samples);
    this.onAudio(samples);
  }

  /** Runs the post-net over the steps that can now be final and vocodes them. */
  private async flush(final: boolean): Promise<void> {
    const S = stepSize(this.g.config);
    const { steps, refined } = this;
    const upTo = final ? steps.length : steps.length - POSTNET_REACH;
    if (upTo > refined.length) {
      const from = Math.max(0, refined.length - POSTNET_REACH);
      const m = steps.length - from;
      const window = new Float32Array(m * S);
      for (let i = 0; i < m; i++) window.set(steps[from + i], i * S);
      const post = await this.g.postnet(window, m);
      const start = refined.length;
      const fresh = post.slice((start - from) * S, (upTo - from) * S);
      for (let s = start; s < upTo; s++) refined.push(fresh.slice((s - start) * S, (s - start + 1) * S));
      this.emit(await this.vocoder.push(fresh));
    }
    if (final) this.emit(await this.vocoder.end());
  }
}
