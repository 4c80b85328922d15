// Streaming STT in the time-aligned layout (models/meld/aligned.ts): audio goes in as it is
// recorded, one LM row per 64 ms step, and each row emits up to two characters a few steps after
// their word was heard, so the transcript grows while the person is still speaking. After the
// audio, <SEP> rows until <EOS> (bounded), so it can never run past what was said.
//
// A recording longer than the longest training utterance (~20 s) is cut into segments at quiet steps as
// it streams (segments.ts), each its own pass with a fresh KV cache: the positions stay within what the
// model trained on, and a step costs the same at minute ten as at second one. When the length is known
// (a file), a segment that reaches the end is not cut, so a recording of up to ~20 s is one pass. After
// an <EOS> heard in a pause, the next loud step starts a new segment: speech after it is not lost.
//
// A step enters once its frames are final: a mel frame is centred on sample f x hop and reads
// n_fft / 2 samples either side, so it can change only while the end of the audio is within reach.

import { AUDIO } from '../../models/config/audio';
import { logMelFrames, normalizeMel, stftFrameCount } from '../../models/dsp';
import { type AlignedLayoutConfig, requireAlignedLayout, stepSize } from '../../models/meld/config';
import { type StreamLayout, readSlots, sttMaxRows, sttStreamIds, streamLayout } from '../../models/meld/aligned';
import { type MeldVocab, buildVocab } from '../../models/meld/vocab';
import { decodeChars, encodeChars } from '../../models/text';
import { MeldError } from './errors';
import type { KvCache } from './kvCache';
import type { MeldGraphs } from './meldGraphs';
import { SEGMENT_STEPS, endsBefore, quietLevel, stepEnergy } from './segments';

const SPACE = encodeChars(' ')[0];

export class AlignedTranscriber {
  private readonly a: AlignedLayoutConfig;
  private readonly l: StreamLayout;
  private readonly v: MeldVocab;
  private cache: KvCache;
  /** The audio so far: the first `length` samples of a buffer that doubles as it fills. */
  private buffer = new Float32Array(16000 * 4);
  private length = 0;
  /** Steps read so far (whether fed to the LM or skipped after a segment's <EOS>). */
  private fed = 0;
  /**
   * The current segment: its first step, its rows so far (row 0 is <STT>, row r reads step start + r - 1),
   * its steps' energies, and whether it has ended (<EOS>, or its <SEP> rows ran out).
   */
  private segment = AlignedTranscriber.segmentAt(0);
  /** Where each segment after the first began, in steps. */
  readonly cuts: number[] = [];
  private emitted: number[] = [];
  private readonly chars: number[] = [];
  private ended = false;

  constructor(
    private readonly g: MeldGraphs,
    /** The transcript each time it grows, and how many audio steps have been read by then. */
    private readonly onText: (text: string, stepsRead: number) => void = () => undefined,
    /** The recording's length in steps, when it is known in advance (a file). */
    private readonly totalSteps?: number,
  ) {
    this.a = requireAlignedLayout(g.config);
    this.l = streamLayout(this.a);
    this.v = buildVocab(g.config.codebookSize);
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
    this.cache.release();
  }

  /** The pre-net's keep-mask for n steps: all ones (STT reads its input without dropout). */
  private ones(n: number): Float32Array {
    return new Float32Array(n * this.g.config.prenetHidden).fill(1);
  }

  private static segmentAt(start: number) {
    return { start, rows: 0, energies: [] as number[], done: false };
  }

  /** The final steps so far are `steps`; `last`: the audio has ended. */
  private async feed(steps: number, last: boolean, signal?: AbortSignal): Promise<void> {
    const c = this.g.config;
    const S = stepSize(c);
    const r4 = c.framesPerStep;
    const first = this.fed;
    const n = steps - first;
    const data = n > 0 ? normalizeMel(logMelFrames(this.audio, first * r4, steps * r4), this.g.manifest.melStats) : new Float32Array(0);
    // The new steps through the pre-net in one run (without dropout each row is its own).
    const D = c.dModel;
    const features = n > 0 ? await this.g.encode(data, n, this.ones(n), this.ones(n)) : new Float32Array(0);
    if (this.segment.rows === 0) await this.row('stt', signal);
    for (let s = first; s < steps; s++) {
      const energy = stepEnergy(data, s - first, S);
      const seg = this.segment;
      const reachesEnd = this.totalSteps !== undefined && this.totalSteps - seg.start <= SEGMENT_STEPS;
      const resumes = seg.done && seg.energies.length > 0 && energy > quietLevel(seg.energies);
      if ((!reachesEnd && endsBefore(seg.energies, energy)) || resumes) {
        await this.close(signal);
        this.startSegment(s);
        await this.row('stt', signal);
      }
      this.segment.energies.push(energy);
      this.fed = s + 1;
      await this.row('speech', signal, features.subarray((s - first) * D, (s - first + 1) * D));
    }
    if (last) {
      await this.close(signal);
      this.ended = true;
    }
  }

  /** The segment's audio has ended: <SEP> rows until <EOS>, as many as its length allows. */
  private async close(signal?: AbortSignal): Promise<void> {
    const bound = sttMaxRows(this.a, this.segment.energies.length);
    while (!this.segment.done && this.segment.rows < bound) await this.row('sep', signal);
    this.segment.done = true;
  }

  /** A fresh pass from step `start`: a new cache, a space between the segments' text. */
  private startSegment(start: number): void {
    this.cache.release();
    this.cache = this.g.emptyCache();
    this.segment = AlignedTranscriber.segmentAt(start);
    this.emitted = [];
    this.cuts.push(start);
    if (this.chars.length > 0 && this.chars.at(-1) !== SPACE) this.chars.push(SPACE);
  }

  /** One LM row of the current segment (none once it has ended): <STT>, a speech step's pre-net features, or <SEP>. */
  private async row(kind: 'stt' | 'speech' | 'sep', signal?: AbortSignal, speech?: Float32Array): Promise<void> {
    const seg = this.segment;
    if (seg.done) return;
    if (signal?.aborted) throw new MeldError({ kind: 'cancelled' }, 'transcription was stopped');
    const c = this.g.config;
    const stream = new Int32Array(this.l.width);
    sttStreamIds(this.l, this.emitted, this.a.sttSlots, stream, 0);
    const features = kind === 'speech' ? speech! : new Float32Array(c.dModel);
    const tokenId = kind === 'speech' ? 0 : kind === 'stt' ? this.v.stt : this.v.sep;
    const out = await this.g.lm({ tokenIds: [tokenId], features, isSpeech: [kind === 'speech' ? 1 : 0], stream, positions: Int32Array.of(seg.rows) }, this.cache);
    seg.rows++;
    const read = readSlots(out.slotLogits!, this.a.sttSlots, this.g.manifest.decoding?.sttPadBias ?? 0);
    this.emitted = read.chars;
    if (read.chars.length > 0) {
      this.chars.push(...read.chars);
      this.onText(this.text, this.fed);
    }
    // <EOS> ends the segment: the model has said all it will of it (a later segment starts afresh).
    if (read.end) seg.done = true;
  }
}

/** A whole recording through the streaming transcriber (what `transcribe` runs for this layout). */
export async function transcribeAligned(g: MeldGraphs, audio: Float32Array, signal?: AbortSignal, onText?: (text: string, stepsRead: number) => void): Promise<string> {
  const t = new AlignedTranscriber(g, onText, Math.floor(stftFrameCount(audio.length, AUDIO.hop) / g.config.framesPerStep));
  try {
    await t.push(audio, signal);
    return (await t.finish(signal)).trim();
  } finally {
    t.release();
  }
}
