// The corpus manifest: one JSON object per line in data/<config>/manifest.jsonl.
// Shared by the corpus builder (writes it), the trainer and the evaluation harness (read it).

/** train: training voices x training sentences.
 *  valid: training voices x held-out sentences (seen-speaker validation).
 *  test:  held-out voice families x held-out sentences (zero-shot evaluation; never trained on). */
export type Split = 'train' | 'valid' | 'test';

export interface Utterance {
  id: string;
  split: Split;
  /** Normalised text (models/text normalizeText): what STT should output. */
  text: string;
  /** Corpora read from several text sources: the source of the text (training/data/text/sources.ts id). */
  source?: string;
  /** The text is from the source no training clip reads (corpus v2's "new text" domain, valid and test only). */
  newText?: boolean;
  /** eSpeak NG IPA from models/text phonemizeText(text): the TTS input. */
  phonemes: string;
  /** Unique speaker id, e.g. "espeak-en-us-v0123" or "flite-rms". Voice variants and augmentations are distinct speakers. */
  speaker: string;
  /** Voice family the speaker derives from (what is held out whole), e.g. "espeak", "mbrola-us1", "flite-rms". */
  family: string;
  /** Synthesis engine: "espeak-ng" | "mbrola" | "festival" | "flite" | "user" (ingested corpus). */
  engine: string;
  durationSec: number;
  /** 16 kHz mono 16-bit WAV, path relative to the corpus directory. */
  wav: string;
  /** Raw log-mel frames (models/dsp logMel; frame-major [frames x 80] little-endian float32) in a binary shard.
   *  shard is relative to the corpus directory; offset and frames count FRAMES (not bytes).
   *  Per-bin normalisation statistics over the train split are in data/<config>/mel-stats.json (models/dsp MelStats). */
  mel: { shard: string; offset: number; frames: number };
}

/** data/<config>/summary.json */
export interface CorpusSummary {
  config: string;
  hours: Record<Split, number>;
  utterances: Record<Split, number>;
  speakers: Record<Split, number>;
  perFamily: Record<string, { utterances: number; hours: number; speakers: number; split: Split | 'mixed' }>;
  /** Corpora of several text sources: distinct sentences, clips and hours per source. */
  perSource?: Record<string, { sentences: number; utterances: number; hours: number }>;
  /** Bytes on disk: the WAVs and the mel shards. */
  diskBytes?: { wavs: number; mels: number };
  heldOutFamilies: string[];
  textSource: string;
  buildSeconds: number;
  /** Clips that failed to synthesise or came out empty/silent (skipped, listed in build/clips.jsonl). */
  failedClips?: number;
  /** "<split>/<speaker>" left with fewer than 3 utterances in that split after failures, hence dropped. */
  droppedSpeakers?: string[];
}
