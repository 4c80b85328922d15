// What an evaluation measured of a model's exported weights (`npm run eval -- --record`, stored in
// the manifest), and the bars a trained MELD is held to. The app shows both to the user, and the
// quality e2e tests expect to pass exactly when the measured figures meet the bars.

/** Corpus-level figures of one evaluation run on held-out voices and held-out sentences. */
export interface MeasuredQuality {
  /** The report folder the figures come from (reports/<name>). */
  report: string;
  evaluatedAt: string;
  items: number;
  /** The intelligibility judge (an independent recogniser) and its WER on the corpus's own audio. */
  judge: string;
  groundTruthWer: number;
  tts: {
    /** The judge's WER on our speech for the same sentences and voices. */
    judgeWer: number;
    /** Median generated / true speech duration. */
    durationRatio: number;
    /** Share of clips with an internal silence of 1 s or more. */
    longSilenceShare: number;
  };
  /** Our transcripts of the ground-truth audio. */
  stt: { wer: number; cer: number };
}

/** The bars: TTS within 2x the judge's ground-truth WER, at a natural length, without long pauses; STT at most 20% WER and better than the judge. */
export const QUALITY_BARS = {
  ttsWerOverGroundTruth: 2,
  durationRatio: { min: 0.8, max: 1.25 },
  maxLongSilenceShare: 0.05,
  maxSttWer: 0.2,
} as const;

export type QualityBar = 'tts-wer' | 'tts-duration' | 'tts-silence' | 'stt-wer' | 'stt-vs-judge';

export interface BarCheck {
  bar: QualityBar;
  met: boolean;
  /** For people: the figure against its bar. */
  text: string;
}

/** A rate as people read it: 1.018 -> "101.8%". */
export const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

export function checkBars(q: MeasuredQuality): BarCheck[] {
  const b = QUALITY_BARS;
  const ttsLimit = b.ttsWerOverGroundTruth * q.groundTruthWer;
  const d = q.tts.durationRatio;
  return [
    { bar: 'tts-wer', met: q.tts.judgeWer <= ttsLimit, text: `TTS judge WER ${percent(q.tts.judgeWer)} (bar ${percent(ttsLimit)}, ${b.ttsWerOverGroundTruth}x ground truth)` },
    { bar: 'tts-duration', met: d >= b.durationRatio.min && d <= b.durationRatio.max, text: `TTS duration ratio ${d.toFixed(2)} (bar ${b.durationRatio.min} to ${b.durationRatio.max})` },
    { bar: 'tts-silence', met: q.tts.longSilenceShare < b.maxLongSilenceShare, text: `clips with a pause over 1 s ${percent(q.tts.longSilenceShare)} (bar under ${percent(b.maxLongSilenceShare)})` },
    { bar: 'stt-wer', met: q.stt.wer <= b.maxSttWer, text: `STT WER ${percent(q.stt.wer)} (bar ${percent(b.maxSttWer)})` },
    { bar: 'stt-vs-judge', met: q.stt.wer < q.groundTruthWer, text: `STT WER ${percent(q.stt.wer)} against the judge's ${percent(q.groundTruthWer)}` },
  ];
}

/**
 * What can be said of a model's quality: measured and meeting every bar, measured and not, or not
 * measured (then only the training schedule speaks: an unfinished one is not intelligible yet).
 */
export type QualityVerdict =
  | { kind: 'meets-bars'; measured: MeasuredQuality }
  | { kind: 'below-bars'; measured: MeasuredQuality; unmet: BarCheck[] }
  | { kind: 'unmeasured'; trainingComplete: boolean };

export function qualityVerdict(measured: MeasuredQuality | undefined, trainingComplete: boolean): QualityVerdict {
  if (!measured) return { kind: 'unmeasured', trainingComplete };
  const unmet = checkBars(measured).filter((c) => !c.met);
  return unmet.length === 0 ? { kind: 'meets-bars', measured } : { kind: 'below-bars', measured, unmet };
}

/** Whether the model can be expected to speak and transcribe intelligibly. */
export function expectIntelligible(v: QualityVerdict): boolean {
  return v.kind === 'meets-bars' || (v.kind === 'unmeasured' && v.trainingComplete);
}
