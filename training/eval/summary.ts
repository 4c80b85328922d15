// Aggregation of item results: corpus-level rates from summed counts (total errors / total reference
// words), never from averaged per-item rates.

import { addCounts, errorRate, type ErrorCounts } from '../../models/metrics/wer';
import type { Distribution, GroupSummary, ItemResult, RateSummary, ScoredTranscript } from './results';
import { quantile } from './silence';

/** The family of a speaker id, for family-level speaker-ID accuracy. */
export type FamilyOf = (speaker: string) => string | undefined;

export function rateSummary(transcripts: readonly ScoredTranscript[]): RateSummary {
  const words: ErrorCounts = addCounts(...transcripts.map((t) => t.words));
  const chars: ErrorCounts = addCounts(...transcripts.map((t) => t.chars));
  const per = (n: number) => (words.reference > 0 ? n / words.reference : 0);
  return {
    wer: errorRate(words),
    cer: errorRate(chars),
    substitutionRate: per(words.substitutions),
    deletionRate: per(words.deletions),
    insertionRate: per(words.insertions),
    words,
    chars,
  };
}

export function distribution(values: readonly number[]): Distribution {
  if (values.length === 0) return { n: 0, mean: 0, median: 0, p10: 0, p90: 0, min: 0, max: 0 };
  return {
    n: values.length,
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    median: quantile(values, 0.5),
    p10: quantile(values, 0.1),
    p90: quantile(values, 0.9),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

function fraction(items: readonly ItemResult[], hit: (item: ItemResult) => boolean): number {
  return items.length > 0 ? items.filter(hit).length / items.length : 0;
}

export function summarise(items: readonly ItemResult[], familyOf: FamilyOf): GroupSummary {
  const summary: GroupSummary = {
    items: items.length,
    groundTruth: {
      ...rateSummary(items.map((i) => i.groundTruth.judge)),
      speakerIdAccuracy: fraction(items, (i) => i.groundTruth.predictedSpeaker === i.speaker),
      familyIdAccuracy: fraction(items, (i) => familyOf(i.groundTruth.predictedSpeaker) === i.family),
      itemsWithLongSilence: items.filter((i) => i.groundTruth.length.longSilences.length > 0).length,
    },
  };
  const withTts = items.filter((i) => i.tts);
  if (withTts.length > 0) {
    const tts = withTts.map((i) => i.tts!);
    const generatedSec = tts.reduce((a, t) => a + t.length.totalSec, 0);
    summary.tts = {
      ...rateSummary(tts.map((t) => t.judge)),
      speakerIdAccuracy: fraction(withTts, (i) => i.tts!.predictedSpeaker === i.speaker),
      familyIdAccuracy: fraction(withTts, (i) => familyOf(i.tts!.predictedSpeaker) === i.family),
      durationRatio: distribution(tts.map((t) => t.durationRatio)),
      itemsWithLongSilence: tts.filter((t) => t.length.longSilences.length > 0).length,
      longSilences: tts.reduce((a, t) => a + t.length.longSilences.length, 0),
      realTimeFactor: generatedSec > 0 ? tts.reduce((a, t) => a + t.synthesisSec, 0) / generatedSec : 0,
    };
  }
  const withStt = items.filter((i) => i.stt);
  if (withStt.length > 0) {
    const audioSec = withStt.reduce((a, i) => a + i.groundTruth.length.totalSec, 0);
    summary.stt = {
      ...rateSummary(withStt.map((i) => i.stt!)),
      realTimeFactor: audioSec > 0 ? withStt.reduce((a, i) => a + i.stt!.transcribeSec, 0) / audioSec : 0,
    };
  }
  return summary;
}

export function groupBy<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const k = key(value);
    groups.set(k, [...(groups.get(k) ?? []), value]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
