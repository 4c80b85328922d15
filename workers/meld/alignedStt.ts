// Streaming STT in the time-aligned layout (models/meld/aligned.ts): audio goes in as it is
// recorded, one LM row per 64 ms step, and each row emits up to two characters a few steps after
// their word was heard, so the transcript grows while the person is still speaking. After the
// audio, <SEP> rows until <EOS> (bounded), so it can never run past what was said.
//
// A step enters once its frames are final: a mel frame is centred on sample f x hop and reads
// n_fft / 2 samples either side, so it can change only while the end of the audio is within reach.

import { AUDIO } from '../../models/config/audio';
import { logMelFrames, normalizeMel, stftFrameCount } from '../../models/dsp';
import { type AlignedLayoutConfig, requireAlignedLayout, stepSize } from '../../models/meld/config';
import { type StreamLayout, readSlots, sttMaxRows, sttStreamIds, streamLayout } from '../../models/meld/aligned';
import { buildVocab } from '../../models/meld/vocab';
import { decodeChars } from '../../models/text';
import { MeldError } from './errors';
import type { KvCache, MeldGraphs } from './meldGraphs';

export class AlignedTranscriber {
  private readonly a: AlignedLayoutConfig;
  private readonly l: StreamLayout;
  private readonly cache: KvCache;
  /** The audio so far: the first `length` samples of a buffer that doubles as it fills. */
  private buffer = new Float32Array(16000 * 4);
  private length = 0;
  /** Steps fed to the LM so far (row r reads step r - 1). */
  private fed = 0;
  private rows = 0;
  private emitted: number[] = [];
  private readonly chars: number[] = [];
  private ended = false;

  constructor(
    private readonly g: MeldGraphs,
    /** The transcript each time it grows, and how many audio steps have been read by then. */
    private readonly onText: (text: string, stepsRead: number) => void = () => undefined,
  ) {
    this.a = requireAlignedLayout(g.config);
    this.l = streamLayout(this.a);
    this.cache = g.emptyCache();
  }

  /** The transcript so far. */
  get text(): string {
    return decodeChars(this.chars);
  }

  private get audio(): Float32Array {
    return this.buffer.subarray(0, this.length);
  }

  /** More 16 kHz samples; feeds the steps whose frames are now final (the audio is kept, ~4 MB a minute). Returns the transcript so far. */
  async push(samples: Float32Array, signal?: AbortSignal): Promise<string> {
    // After <EOS> the model has said all it will (as when the audio arrives at once): keep nothing more.
    if (this.ended) return this.text;
    if (this.length + samples.length > this.buffer.length) {
      const grown = new Float32Array(Math.max(this.buffer.length * 2, this.length + samples.length));
      grown.set(this.audio);
      this.buffer = grown;
    }
    this.buffer.set(samples, this.length);
    this.length += samples.length;
    const { hop, nFft } = AUDIO;
    // Frame f is final once f * hop + nFft / 2 <= samples; step k needs frames up to 4k + 3.
    const finalFrames = Math.floor((this.length - nFft / 2) / hop) + 1;
    await this.feed(Math.max(0, Math.floor(finalFrames / this.g.config.framesPerStep)), false, signal);
    return this.text;
  }

  /** The audio has ended: the remaining steps, then <SEP> rows until <EOS>. Returns the transcript. */
  async finish(signal?: AbortSignal): Promise<string> {
    if (!this.ended) await this.feed(Math.floor(stftFrameCount(this.audio.length, AUDIO.hop) / this.g.config.framesPerStep), true, signal);
    return this.text;
  }

  /** Frees the LM cache (GPU buffers on WebGPU); the transcriber cannot be used after. */
  release(): void {
    this.g.releaseCache(this.cache);
  }

  private async feed(steps: number, last: boolean, signal?: AbortSignal): Promise<void> {
    const c = this.g.config;
    const S = stepSize(c);
    const v = buildVocab(c.codebookSize);
    const fresh = steps - this.fed;
    const r4 = c.framesPerStep;
    const data = fresh > 0 ? normalizeMel(logMelFrames(this.audio, this.fed * r4, steps * r4), this.g.manifest.melStats) : new Float32Array(0);
    const ones = new Float32Array(c.prenetHidden).fill(1);
    const bound = sttMaxRows(this.a, steps);
    // Row 0 is <STT>; rows 1..steps read the audio; after the last step, <SEP> rows (the audio has ended).
    while (!this.ended && (this.rows <= steps || (last && this.rows < bound))) {
      if (signal?.aborted) throw new MeldError({ kind: 'cancelled' }, 'transcription was stopped');
      const r = this.rows;
      const stream = new Int32Array(this.l.width);
      sttStreamIds(this.l, this.emitted, this.a.sttSlots, stream, 0);
      const speech = r >= 1 && r <= steps;
      const features = speech ? await this.g.encode(data.subarray((r - 1 - this.fed) * S, (r - this.fed) * S), 1, ones, ones) : new Float32Array(c.dModel);
      const out = await this.g.lm({ tokenIds: [speech ? 0 : r === 0 ? v.stt : v.sep], features, isSpeech: [speech ? 1 : 0], stream, positions: Int32Array.of(r) }, this.cache);
      this.rows++;
      const read = readSlots(out.slotLogits!, this.a.sttSlots, this.g.manifest.decoding?.sttPadBias ?? 0);
      this.emitted = read.chars;
      if (read.chars.length > 0) {
        this.chars.push(...read.chars);
        this.onText(this.text, Math.min(r, steps));
      }
      if (read.end) this.ended = true;
    }
    this.fed = Math.max(this.fed, steps);
    if (last) this.ended = true;
  }
}

/** A whole recording through the streaming transcriber (what `transcribe` runs for this layout). */
export async function transcribeAligned(g: MeldGraphs, audio: Float32Array, signal?: AbortSignal, onText?: (text: string, stepsRead: number) => void): Promise<string> {
  const t = new AlignedTranscriber(g, onText);
  try {
    await t.push(audio, signal);
    return (await t.finish(signal)).trim();
  } finally {
    t.release();
  }
}
