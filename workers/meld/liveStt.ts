// Live transcription: audio pushed while it is being recorded. A time-aligned model reads it as it
// arrives (alignedStt.ts) and reports each word as it is recognised, so the transcript grows while
// the person speaks. A text-prefix model reads speech only as a whole, so for it the audio is kept
// and transcribed when the recording ends: one interface, and the caller need not know the layout.

import { STT_SECONDS } from '../../models/meld/requestLimits';
import { concatFloat32 } from '../../models/arrays';
import { AUDIO } from '../../models/config/audio';
import { AlignedTranscriber } from './alignedStt';
import { checkSttChunk } from './checkRequest';
import { checkSpeechAudio, MeldError } from './errors';
import type { MeldGraphs } from './meldGraphs';
import { type SttProgress, type SttResult, streamingProgress, transcribe } from './stt';

export class LiveTranscription {
  private readonly transcriber: AlignedTranscriber | undefined;
  private readonly chunks: Float32Array[] = [];
  private samples = 0;
  /** The model's work on the pushed audio, in order; a push does not wait for it. */
  private work: Promise<unknown> = Promise.resolve();
  private failure: unknown;
  /** Time spent transcribing (not waiting for audio): what the real-time factor is about. */
  private busyMs = 0;

  constructor(
    private readonly g: MeldGraphs,
    private readonly signal: AbortSignal,
    private readonly onProgress: (p: SttProgress) => void = () => undefined,
  ) {
    this.transcriber = g.config.layout === 'aligned' ? new AlignedTranscriber(g, streamingProgress(g, () => this.seconds, onProgress)) : undefined;
  }

  /** Whether words arrive while recording (time-aligned models) or only at the end. */
  get streaming(): boolean {
    return this.transcriber !== undefined;
  }

  get seconds(): number {
    return this.samples / AUDIO.sampleRate;
  }

  /**
   * More 16 kHz samples. Checked at once (a bad chunk or a recording past the microphone limit
   * throws a MeldError); transcribed in the background, and a failure there surfaces at finish().
   */
  push(samples: Float32Array): void {
    if (this.signal.aborted) throw new MeldError({ kind: 'cancelled' }, 'transcription was stopped');
    checkSttChunk(samples, this.samples);
    const chunk = samples.slice();
    this.chunks.push(chunk);
    this.samples += chunk.length;
    const t = this.transcriber;
    if (t) this.work = this.work.then(() => (this.failure === undefined ? this.timed(() => t.push(chunk, this.signal)) : undefined)).catch((e: unknown) => (this.failure ??= e));
  }

  /** Resolves once the model has read all audio pushed so far. */
  async caughtUp(): Promise<void> {
    await this.work;
  }

  /** The recording ended: the rest of the transcript. Silent or too short recordings fail here, with their cause. */
  async finish(): Promise<SttResult> {
    await this.work;
    if (this.failure !== undefined) throw this.failure;
    const audio = concatFloat32(this.chunks);
    checkSpeechAudio(audio, STT_SECONDS.min, 'the recording');
    if (!this.transcriber) return transcribe(this.g, audio, this.signal, this.onProgress);
    const transcriber = this.transcriber;
    const text = (await this.timed(() => transcriber.finish(this.signal))).trim();
    return { text, segments: 1, timing: { totalMs: this.busyMs, audioSeconds: this.seconds } };
  }

  private async timed<T>(work: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      this.busyMs += performance.now() - t0;
    }
  }

  /** Frees the model's cache once the work in flight has settled. */
  async release(): Promise<void> {
    await this.work;
    this.transcriber?.release();
  }
}
