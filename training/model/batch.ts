// A training batch as host arrays: B sequences padded to length T, packed row-major as [B*T, ...].
// Padding sits at the end of each sequence; attention is causal, so no padding mask is needed:
// padded rows only ever see real rows, and every loss is masked to real targets.

export interface BatchBase {
  B: number;
  T: number;
  /** Input token id per row (0 where the row is a speech step or padding). [B*T] */
  tokenIds: Int32Array;
  /** 1 where the row's input is a token. [B*T] */
  tokenMask: Float32Array;
  /** Normalised stacked mel frames entering through the pre-net. [B*T, S] */
  speechIn: Float32Array;
  /** 1 where the row's input is a speech step. [B*T] */
  speechMask: Float32Array;
  /** Row of the position table each row adds: counted per text or speech run (models/meld/positions.ts). [B*T] */
  positions: Int32Array;
  /** Guided-attention spans (guide.ts), GUIDE_SPAN_FIELDS values each: which rows attend to which, monotonically. */
  guideSpans: Int32Array;
  /** The key row each guided query row should attend to, from the corpus alignment (NaN: the span's diagonal). [B*T] */
  guideTarget: Float32Array;
  /**
   * Index within the phoneme range of the phoneme a row's speech step speaks (the auxiliary loss), from
   * the alignment: for TTS the step the row predicts, for STT the step the row reads. [B*T]
   */
  phonemeTarget: Int32Array;
  /** 1 where phonemeTarget holds (an aligned step that is not silence). [B*T] */
  phonemeMask: Float32Array;
  /** The time-aligned layout's text stream (models/meld/aligned.ts): `width` ids per row into the stream table, -1 unused. [B*T, width] */
  stream?: { ids: Int32Array; width: number };
}

export interface TtsBatch extends BatchBase {
  task: 'tts';
  /** The step each row predicts (x_t for q(z_t|x_t) and the reconstruction). [B*T, S] */
  frameTarget: Float32Array;
  /** 1 where the row predicts a speech step. [B*T] */
  frameMask: Float32Array;
  /** 1 where that step is the target utterance's, not its voice prompt's (given as a recording at inference). [B*T] */
  targetMask: Float32Array;
  /** 1 where the row predicts <EOS>. [B*T] */
  eosMask: Float32Array;
  /** 1 for each pair of consecutive real target frames, in frame layout. [B, T*r - 1] */
  pairMask: Float32Array;
  /** Time-aligned layout: how many units the next step moves on, per row that predicts a step with a successor in its utterance. [B*T] */
  advance?: { target: Int32Array; mask: Float32Array };
  /**
   * voiceSummary models: every sequence's voice reference, the first VOICE_SUMMARY_STEPS steps of a
   * same-speaker utterance, stacked [M, S], and the sequence each step belongs to [M].
   */
  voice?: { steps: Float32Array; seq: Int32Array };
}

export interface SttBatch extends BatchBase {
  task: 'stt';
  /** Index within the STT output range (characters, then <EOS>) each row predicts. [B*T] */
  textTarget: Int32Array;
  /** 1 where the row predicts a character or <EOS>. [B*T] */
  textMask: Float32Array;
  /**
   * Time-aligned layout: what each row emits in each of its character slots (a character, SLOT_EOS
   * or SLOT_PAD; models/meld/aligned.ts) [B*T, slots], on the rows that emit. textTarget/textMask are then unused (all 0).
   */
  slots?: { target: Int32Array; mask: Float32Array; count: number };
}

export type Batch = TtsBatch | SttBatch;
