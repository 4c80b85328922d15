// Typed calls into the four exported MELD graphs (training/export/meldGraphs.ts documents their
// contracts) over any ModelSession: onnxruntime-web in the browser, onnxruntime-node in the CLI.

import { type MeldConfig, VOICE_SUMMARY_STEPS, alignedLayout, latentsPerStep, stepSize } from '../../models/meld/config';
import { streamLayout } from '../../models/meld/aligned';
import type { CoreGraphName, MeldManifest } from '../../models/meld/manifest';
import { rowPositions } from '../../models/meld/positions';
import { spectrumToAudio } from '../../models/vocoder/spectrumAudio';
import type { TensorMap } from '../ort/hostTensor';
import type { ModelSession } from '../ort/modelSession';
import { DeviceKvCache, HostKvCache, type KvCache, attentionMask } from './kvCache';

/** One session per graph; the slots graph and the vocoder only where the model ships them. */
export type MeldSessions = Record<CoreGraphName, ModelSession> & { slots?: ModelSession; vocoder?: ModelSession };

export interface LmRows {
  /** Token id per row (ignored where isSpeech is 1). */
  tokenIds: number[];
  /** Pre-net features per row [rows * dModel] (ignored where isSpeech is 0). */
  features: Float32Array;
  isSpeech: number[];
  /** Time-aligned layout: each row's text-stream ids [rows * width] (-1 unused; models/meld/aligned.ts). */
  stream?: Int32Array;
  /** The rows' positions when the layout sets them (the time-aligned layout counts rows); otherwise counted per text or speech run. */
  positions?: Int32Array;
  /** Voice-summary models: the voice [dModel] added to every row (TTS: the prompt's, from voiceOf; absent: zeros, as STT trains). */
  voice?: Float32Array;
}

export interface LmOutput {
  /** Final states [rows * dModel]. */
  h: Float32Array;
  ttsLogits: Float32Array;
  sttLogits: Float32Array;
  /** Time-aligned layout: how far each TTS row moves on [rows * (maxAdvance+1)], and each STT row's character slots [rows * slots * SLOT_CLASSES]. */
  advanceLogits?: Float32Array;
  slotLogits?: Float32Array;
  /** Per-frame latents: the prior's logits of each row's latent slots 1..L-1 [rows * (L-1) * K] (slot 0 is in ttsLogits). */
  latentLogits?: Float32Array;
}

const f32 = (dims: number[], data: Float32Array) => ({ type: 'float32' as const, dims, data });
const i32 = (dims: number[], data: Int32Array) => ({ type: 'int32' as const, dims, data });

function output(outputs: TensorMap, name: string): Float32Array {
  const t = outputs[name];
  if (!t || t.type !== 'float32') throw new Error(`graph output '${name}' is missing or not float32`);
  return t.data;
}

export class MeldGraphs {
  readonly config: MeldConfig;
  private transitions: Promise<Float32Array | null> | null = null;

  constructor(
    readonly manifest: MeldManifest,
    private readonly sessions: MeldSessions,
  ) {
    this.config = manifest.config;
  }

  /** A cache for the LM's keys and values, where the LM's backend keeps it (kvCache.ts). */
  emptyCache(): KvCache {
    const c = this.config;
    const shape = { nLayers: c.nLayers, nHeads: c.nHeads, headDim: c.dModel / c.nHeads };
    return this.sessions.lm.backend === 'webgpu' ? new DeviceKvCache(shape) : new HostKvCache(shape);
  }

  /** Speech steps [n * S] through the pre-net with keep-masks [n * prenetHidden] x2. */
  async encode(steps: Float32Array, n: number, keep1: Float32Array, keep2: Float32Array): Promise<Float32Array> {
    return output(await this.runEncoder(steps, n, keep1, keep2), 'features');
  }

  private runEncoder(steps: Float32Array, n: number, keep1: Float32Array, keep2: Float32Array): Promise<TensorMap> {
    const c = this.config;
    return this.sessions.encoder.run({
      steps: f32([n, stepSize(c)], steps),
      keep1: f32([n, c.prenetHidden], keep1),
      keep2: f32([n, c.prenetHidden], keep2),
    });
  }

  /**
   * Voice-summary models: the voice [dModel] of a prompt's steps [n * S] (its first VOICE_SUMMARY_STEPS,
   * through the pre-net without dropout, as training summarises a reference); null for other models.
   */
  async voiceOf(steps: Float32Array, n: number): Promise<Float32Array | null> {
    const c = this.config;
    if (!c.voiceSummary) return null;
    const m = Math.min(n, VOICE_SUMMARY_STEPS);
    if (m === 0) throw new Error('a voice summary needs at least one step of speech');
    const ones = new Float32Array(m * c.prenetHidden).fill(1);
    return output(await this.runEncoder(steps.subarray(0, m * stepSize(c)), m, ones, ones), 'voice');
  }

  /** Runs rows through the LM after the cache, and extends the cache. */
  async lm(rows: LmRows, cache: KvCache): Promise<LmOutput> {
    const c = this.config;
    const n = rows.tokenIds.length;
    const total = cache.length + n;
    if (total > c.maxPositions) throw new RangeError(`the sequence would reach ${total} rows; the model handles ${c.maxPositions}`);
    const counted = rowPositions(rows.isSpeech, cache.cursor);
    const positions = rows.positions ?? counted.positions;
    const { cursor } = counted;
    const feeds: TensorMap = {
      token_ids: i32([n], Int32Array.from(rows.tokenIds)),
      features: f32([n, c.dModel], rows.features),
      is_speech: f32([n, 1], Float32Array.from(rows.isSpeech)),
      positions: i32([n], positions),
      mask: f32([n, cache.pastColumns + n], attentionMask(n, cache.length, cache.pastColumns)),
      ...cache.feeds(),
    };
    const a = alignedLayout(c);
    if (a) {
      // Unused slots point at the graph's zero row, one past the stream table.
      const l = streamLayout(a);
      if (!rows.stream || rows.stream.length !== n * l.width) throw new Error(`the time-aligned LM needs ${l.width} stream ids per row`);
      feeds.stream = i32([n, l.width], rows.stream.map((id) => (id < 0 ? l.columns : id)));
    }
    if (c.voiceSummary) feeds.voice = f32([1, c.dModel], rows.voice ?? new Float32Array(c.dModel));
    const out = await this.sessions.lm.run(feeds, this.sessions.lm.outputNames.filter((name) => cache.wants(name)));
    cache.extend(out, n);
    cache.cursor = cursor;
    const extra = a ? { advanceLogits: output(out, 'advance_logits'), slotLogits: output(out, 'slot_logits') } : {};
    const latent = latentsPerStep(c) > 1 ? { latentLogits: output(out, 'latent_logits') } : {};
    return { h: output(out, 'h'), ttsLogits: output(out, 'tts_logits'), sttLogits: output(out, 'stt_logits'), ...extra, ...latent };
  }

  /**
   * The next steps' frames [n * S] (before the post-net) from latent codes (latentsPerStep per step,
   * step-major), LM states [n * dModel] and, for voice-summary models, the voice [dModel]; and those
   * frames through the pre-net with keep-masks [n * prenetHidden] x2: the LM's next speech rows.
   */
  async recon(codes: number[], h: Float32Array, keep1: Float32Array, keep2: Float32Array, voice?: Float32Array | null): Promise<{ steps: Float32Array; features: Float32Array }> {
    const c = this.config;
    const n = h.length / c.dModel;
    if (codes.length !== n * latentsPerStep(c)) throw new Error(`${codes.length} latent codes for ${n} steps of ${latentsPerStep(c)}`);
    const feeds: TensorMap = {
      codes: i32([codes.length], Int32Array.from(codes)),
      h: f32([n, c.dModel], h),
      keep1: f32([n, c.prenetHidden], keep1),
      keep2: f32([n, c.prenetHidden], keep2),
    };
    if (c.voiceSummary) feeds.voice = f32([1, c.dModel], voice ?? new Float32Array(c.dModel));
    const out = await this.sessions.recon.run(feeds);
    return { steps: output(out, 'steps'), features: output(out, 'features') };
  }

  /**
   * Models that draw a step's latent slots in order: the whole transition table [(L-1)*K * K] (slots graph;
   * row (l-1)*K + z is what slot l-1's code z adds to slot l's logits), read once; null for other models.
   */
  slotTransitions(): Promise<Float32Array | null> {
    this.transitions ??= this.readTransitions().catch((e: unknown) => {
      this.transitions = null; // a failed read is tried again next time
      throw e;
    });
    return this.transitions;
  }

  private async readTransitions(): Promise<Float32Array | null> {
    const c = this.config;
    if (!c.slotTransitions) return null;
    if (!this.sessions.slots) throw new Error('this model draws its latent slots in order but has no slots graph');
    const rows = (latentsPerStep(c) - 1) * c.codebookSize;
    const out = await this.sessions.slots.run({ rows: i32([rows], Int32Array.from({ length: rows }, (_, i) => i)) });
    return output(out, 'transitions');
  }

  /** The post-net over m steps [m * S]. */
  async postnet(steps: Float32Array, m: number): Promise<Float32Array> {
    const out = await this.sessions.postnet.run({ steps: f32([m, stepSize(this.config)], steps) });
    return output(out, 'refined');
  }

  /** Which vocoder speaks: the model's trained one, or Griffin-Lim where it ships none. */
  get vocoderKind(): 'neural' | 'griffin-lim' {
    return this.sessions.vocoder && this.manifest.vocoder ? 'neural' : 'griffin-lim';
  }

  /** Normalised log-mel frames [n * nMels] through the neural vocoder (each frame's spectrum) and the inverse STFT: n * hop samples. */
  async vocode(mel: Float32Array, n: number): Promise<Float32Array> {
    if (!this.sessions.vocoder) throw new Error('this model ships no neural vocoder');
    const out = await this.sessions.vocoder.run({ mel: f32([n, this.manifest.audio.nMels], mel) });
    return spectrumToAudio(output(out, 'spectrum'), n, this.manifest.vocoder!.config);
  }

  async release(): Promise<void> {
    await Promise.all(Object.values(this.sessions).map((s) => s.release()));
  }
}
