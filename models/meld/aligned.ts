// The time-aligned layout (issue 17, docs/DECISIONS.md): every LM row is one speech step, and beside
// its speech input it carries the text that sits at its time, as a few ids into one embedding table
// (the "text stream"). Shared by the trainer (which packs batches) and the runtime (which feeds the
// stream while it decodes), so both build the same columns.
//
//   TTS  row 0 = <TTS>; row j predicts step j from step j-1 and the stream of step j: the phoneme
//        unit the step speaks, the next `lookahead` units, and how many steps it has spoken the unit
//        already. Each row also predicts how far the next step moves on in the units (0 = stay), so
//        the model chooses durations while a state machine walks the text: it cannot skip or repeat.
//   STT  row 0 = <STT>; row i reads step i-1 and emits up to `sttSlots` characters (or a pad), each
//        at least `sttDelay` steps after its word has been heard; its stream holds what row i-1
//        emitted. After the audio, rows carry <SEP> until the transcript and <EOS> are out, so the
//        transcript streams with the speech and cannot run past its end.

import { CHAR_VOCAB, PHONEME_VOCAB } from '../text';
import type { AlignedLayoutConfig } from './config';

/** Symbols that modify their neighbour and take no time of their own: stress, length, palatal, nasal, syllabic. */
export const MODIFIER_SYMBOLS: ReadonlySet<string> = new Set(['ˈ', 'ˌ', 'ː', 'ʲ', '\u0303', '\u0329']);

/** The state machines' guards: a unit held this many steps moves on (TTS); rows after the audio and its delay (STT). */
export const ALIGNED_LIMITS = { maxStepsPerUnit: 20, maxTailRows: 48 } as const;

/** Unit ids in the stream: a phoneme symbol's id, or one of these two. */
export const UNIT_SILENCE = PHONEME_VOCAB.length;
export const UNIT_NONE = PHONEME_VOCAB.length + 1;
const UNIT_IDS = PHONEME_VOCAB.length + 2;

/** STT slot classes: a character id, or these; a character slot's input id is a character or CHAR_NONE. */
export const SLOT_EOS = CHAR_VOCAB.length;
export const SLOT_PAD = CHAR_VOCAB.length + 1;
export const SLOT_CLASSES = CHAR_VOCAB.length + 2;
export const CHAR_NONE = CHAR_VOCAB.length;

/**
 * An utterance's units: the leading silence, its phonemes without modifiers, the trailing silence
 * (the forced aligner's state chain). `unitOfToken[i]` is phoneme i's unit index (-1 for a modifier).
 */
export interface PhonemeUnits {
  ids: number[];
  unitOfToken: Int32Array;
}

export function phonemeUnits(phonemeIds: readonly number[]): PhonemeUnits {
  const ids = [UNIT_SILENCE];
  const unitOfToken = new Int32Array(phonemeIds.length).fill(-1);
  phonemeIds.forEach((id, i) => {
    if (MODIFIER_SYMBOLS.has(PHONEME_VOCAB[id])) return;
    unitOfToken[i] = ids.length;
    ids.push(id);
  });
  ids.push(UNIT_SILENCE);
  return { ids, unitOfToken };
}

/**
 * Per step, the unit it speaks (an index into units.ids), from the forced aligner's step tokens
 * (models/meld/align: a phoneme index, or -1 for the silences at the ends): the leading silence is
 * unit 0, the trailing silence the last unit. Without an alignment, the units spread evenly.
 */
export function stepUnits(stepTokens: ArrayLike<number> | null | undefined, steps: number, units: PhonemeUnits): Int32Array {
  const n = units.ids.length;
  const out = new Int32Array(steps);
  if (!stepTokens) {
    for (let j = 0; j < steps; j++) out[j] = Math.min(n - 1, Math.floor((j * n) / steps));
    return out;
  }
  let seen = false;
  for (let j = 0; j < steps; j++) {
    const tok = stepTokens[j];
    if (tok >= 0) seen = true;
    out[j] = tok >= 0 ? units.unitOfToken[tok] : seen ? n - 1 : 0;
  }
  return out;
}

/** Where each kind of stream id sits in the embedding table, and how many ids a row carries. */
export interface StreamLayout {
  /** Unit slots (current unit, then the lookahead) and the duration counter: TTS rows. */
  unitSlots: number;
  durationBase: number;
  /** Emitted-character slots: STT rows. */
  charBase: number;
  /** Rows of the embedding table. */
  columns: number;
  /** Ids per row (unused ones are -1). */
  width: number;
}

export function streamLayout(a: AlignedLayoutConfig): StreamLayout {
  const unitSlots = a.lookahead + 1;
  const durationBase = unitSlots * UNIT_IDS;
  const charBase = durationBase + a.maxDuration;
  return { unitSlots, durationBase, charBase, columns: charBase + a.sttSlots * (CHAR_VOCAB.length + 1), width: Math.max(unitSlots + 1, a.sttSlots) };
}

/** A TTS row's stream ids into `out` at `at`: the units from `pointer` on, and the steps spent in the current one. */
export function ttsStreamIds(l: StreamLayout, units: readonly number[], pointer: number, duration: number, maxDuration: number, out: Int32Array, at: number): void {
  for (let s = 0; s < l.unitSlots; s++) out[at + s] = s * UNIT_IDS + (units[pointer + s] ?? UNIT_NONE);
  out[at + l.unitSlots] = l.durationBase + Math.min(duration, maxDuration - 1);
  for (let s = l.unitSlots + 1; s < l.width; s++) out[at + s] = -1;
}

/** An STT row's stream ids: the characters the previous row emitted (CHAR_NONE for empty slots). */
export function sttStreamIds(l: StreamLayout, emitted: readonly number[], slots: number, out: Int32Array, at: number): void {
  for (let s = 0; s < l.width; s++) out[at + s] = s < slots ? l.charBase + s * (CHAR_VOCAB.length + 1) + (emitted[s] ?? CHAR_NONE) : -1;
}

/**
 * The TTS decoder's walk through the text (one per utterance being spoken): which unit each step
 * speaks, moved on by the model's advance choice, never backwards, never past the end, and on by
 * force after ALIGNED_LIMITS.maxStepsPerUnit steps in one unit. <EOS> is allowed only in the last
 * unit (the trailing silence), so no word can be skipped by stopping early.
 */
export class UnitWalker {
  pointer = 0;
  duration = 0;
  readonly last: number;

  constructor(readonly units: readonly number[]) {
    this.last = units.length - 1;
  }

  /** The prior's logits over [<EOS>, codes...] with <EOS> masked while text remains (a copy). */
  maskEos(logits: ArrayLike<number>): Float32Array {
    const z = Float32Array.from(logits);
    if (this.pointer < this.last) z[0] = -Infinity;
    return z;
  }

  /** True once the trailing silence has lasted the longest a unit may: the decoder stops. */
  get exhausted(): boolean {
    return this.pointer === this.last && this.duration + 1 >= ALIGNED_LIMITS.maxStepsPerUnit;
  }

  /** Applies the model's choice of how far the next step moves on (0 = stay). */
  advance(move: number): void {
    let m = move;
    if (this.duration + 1 >= ALIGNED_LIMITS.maxStepsPerUnit) m = Math.max(m, 1);
    m = Math.max(0, Math.min(m, this.last - this.pointer));
    this.pointer += m;
    this.duration = m > 0 ? 0 : this.duration + 1;
  }

  /** The stream ids of the row that predicts the next step. */
  streamIds(l: StreamLayout, maxDuration: number, out: Int32Array, at = 0): void {
    ttsStreamIds(l, this.units, this.pointer, this.duration, maxDuration, out, at);
  }
}

/**
 * One STT row's greedy choice per character slot: characters until a pad, or the end. `padBias` is
 * subtracted from the pad's logit first: most slots are pads, so a young model's greedy reading
 * drops characters, and a bias calibrated on validation speech (npm run calibrate-stt) lets them
 * through, as a blank penalty does for CTC.
 */
export function readSlots(logits: ArrayLike<number>, slots: number, padBias = 0): { chars: number[]; end: boolean } {
  const chars: number[] = [];
  const score = (s: number, k: number) => logits[s * SLOT_CLASSES + k] - (k === SLOT_PAD ? padBias : 0);
  for (let s = 0; s < slots; s++) {
    let best = 0;
    for (let k = 1; k < SLOT_CLASSES; k++) if (score(s, k) > score(s, best)) best = k;
    if (best === SLOT_PAD) break;
    if (best === SLOT_EOS) return { chars, end: true };
    chars.push(best);
  }
  return { chars, end: false };
}

/** The STT decoder's longest run: every audio step, the delay, and the tail guard. */
export function sttMaxRows(a: AlignedLayoutConfig, steps: number): number {
  return 1 + steps + a.sttDelay + ALIGNED_LIMITS.maxTailRows;
}
