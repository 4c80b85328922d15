import { describe, expect, it } from 'vitest';
import { checkBars, expectIntelligible, type MeasuredQuality, qualityVerdict } from './quality';

function measured(over: { groundTruthWer?: number; tts?: Partial<MeasuredQuality['tts']>; stt?: Partial<MeasuredQuality['stt']> } = {}): MeasuredQuality {
  return {
    report: 'reports/x', evaluatedAt: '', items: 20, judge: 'pocketsphinx', groundTruthWer: over.groundTruthWer ?? 0.211,
    tts: { judgeWer: 0.3, durationRatio: 1, longSilenceShare: 0, ...over.tts },
    stt: { wer: 0.15, cer: 0.05, ...over.stt },
  };
}

describe('quality bars', () => {
  it('passes a model inside every bar', () => {
    expect(checkBars(measured()).every((c) => c.met)).toBe(true);
    expect(qualityVerdict(measured(), true).kind).toBe('meets-bars');
  });

  it('holds TTS to twice the judge on ground truth, inclusive', () => {
    expect(checkBars(measured({ tts: { judgeWer: 0.422 } })).find((c) => c.bar === 'tts-wer')?.met).toBe(true);
    expect(checkBars(measured({ tts: { judgeWer: 0.423 } })).find((c) => c.bar === 'tts-wer')?.met).toBe(false);
  });

  it('names each unmet bar with its figure', () => {
    const v = qualityVerdict(measured({ tts: { judgeWer: 1.07, durationRatio: 0.75, longSilenceShare: 0.05 }, stt: { wer: 1.119 } }), true);
    expect(v.kind).toBe('below-bars');
    if (v.kind !== 'below-bars') return;
    expect(v.unmet.map((c) => c.bar)).toEqual(['tts-wer', 'tts-duration', 'tts-silence', 'stt-wer', 'stt-vs-judge']);
    expect(v.unmet[0].text).toBe('TTS judge WER 107.0% (bar 42.2%, 2x ground truth)');
  });

  it('needs STT below the judge even under 20%', () => {
    const v = qualityVerdict(measured({ groundTruthWer: 0.1, tts: { judgeWer: 0.1 }, stt: { wer: 0.12 } }), true);
    expect(v.kind === 'below-bars' && v.unmet.map((c) => c.bar)).toEqual(['stt-vs-judge']);
  });

  it('expects intelligible speech from measured passes, and from finished but unmeasured schedules', () => {
    expect(expectIntelligible(qualityVerdict(measured(), false))).toBe(true);
    expect(expectIntelligible(qualityVerdict(measured({ stt: { wer: 0.5 } }), true))).toBe(false);
    expect(expectIntelligible(qualityVerdict(undefined, true))).toBe(true);
    expect(expectIntelligible(qualityVerdict(undefined, false))).toBe(false);
  });
});
