// The shape of reports/<name>/eval.json: per-item results and their summaries.

import type { ErrorCounts } from '../../models/metrics/wer';
import type { SilenceRun } from './silence';

/** A transcript scored against the item's text. */
export interface ScoredTranscript {
  transcript: string;
  words: ErrorCounts;
  chars: ErrorCounts;
}

export interface AudioLength {
  totalSec: number;
  /** Duration without leading and trailing silence. */
  speechSpanSec: number;
  /** Internal silences of 1 s or more. */
  longSilences: SilenceRun[];
}

export interface ItemResult {
  id: string;
  speaker: string;
  family: string;
  promptId: string;
  fold: 0 | 1;
  text: string;
  /** The judges on the corpus's own audio of this item: the ceiling for any TTS. */
  groundTruth: {
    judge: ScoredTranscript;
    length: AudioLength;
    predictedSpeaker: string;
  };
  tts?: {
    judge: ScoredTranscript;
    length: AudioLength;
    /** Generated / true trimmed speech duration. */
    durationRatio: number;
    predictedSpeaker: string;
    synthesisSec: number;
  };
  /** The STT system on the ground-truth audio. */
  stt?: ScoredTranscript & { transcribeSec: number };
}

export interface RateSummary {
  wer: number;
  cer: number;
  substitutionRate: number;
  deletionRate: number;
  insertionRate: number;
  words: ErrorCounts;
  chars: ErrorCounts;
}

export interface Distribution {
  n: number;
  mean: number;
  median: number;
  p10: number;
  p90: number;
  min: number;
  max: number;
}

export interface GroupSummary {
  items: number;
  groundTruth: RateSummary & { speakerIdAccuracy: number; familyIdAccuracy: number; itemsWithLongSilence: number };
  tts?: RateSummary & {
    speakerIdAccuracy: number;
    familyIdAccuracy: number;
    durationRatio: Distribution;
    itemsWithLongSilence: number;
    longSilences: number;
    /** Synthesis seconds per second of generated audio. */
    realTimeFactor: number;
  };
  stt?: RateSummary & { realTimeFactor: number };
}

export interface SpeakerIdSettings {
  metric: 'euclidean' | 'cosine';
  fitPerSpeakerPerFold: number;
  speakers: number;
  features: readonly string[];
}

export interface EvalReport {
  schema: 1;
  name: string;
  createdAt: string;
  corpus: { dir: string; config: string };
  systems: { tts: string | null; stt: string | null; judge: string };
  /** skip: the items before these that were left out (a calibration set; absent when none were). */
  settings: { limit: number | null; skip?: number; concurrency: number; speakerId: SpeakerIdSettings };
  timing: {
    totalSec: number;
    itemsSec: number;
    speakerIdFitSec: number;
    /** pocketsphinx processes run (cache hits and shared decodes excluded). */
    pocketsphinxDecodes: number;
    items: number;
  };
  overall: GroupSummary;
  perSpeaker: Record<string, GroupSummary & { family: string }>;
  perFamily: Record<string, GroupSummary>;
  items: ItemResult[];
}
