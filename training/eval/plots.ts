// Report figures as SVG, rendered headlessly with vega-lite -> vega (no canvas, no browser).

import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { EvalReport } from './results';

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Ratios above this are drawn in the last bin, so one runaway generation does not squash the plot. */
export const DURATION_RATIO_AXIS_MAX = 3;

/** Histogram of generated / true duration ratios on a fixed 0..3 axis (bins of 0.05), ideal ratio 1 marked. */
export function durationRatioSpec(ratios: readonly number[], title: string): TopLevelSpec {
  const top = DURATION_RATIO_AXIS_MAX;
  const clipped = ratios.filter((r) => r >= top).length;
  return {
    $schema: SCHEMA,
    title: { text: title, subtitle: clipped > 0 ? `${clipped} ratio(s) >= ${top} drawn in the last bin` : '' },
    width: 480,
    height: 220,
    layer: [
      {
        data: { values: ratios.map((ratio) => ({ ratio: Math.min(ratio, top - 1e-9) })) },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'ratio', bin: { extent: [0, top], step: 0.05 }, title: 'generated / true speech duration', scale: { domain: [0, top] } },
          y: { aggregate: 'count', title: 'utterances', axis: { tickMinStep: 1 } },
        },
      },
      {
        data: { values: [{ ideal: 1 }] },
        mark: { type: 'rule', color: '#d62728', strokeDash: [4, 3] },
        encoding: { x: { field: 'ideal', type: 'quantitative' } },
      },
    ],
  };
}

export interface VoiceBar {
  voice: string;
  series: string;
  value: number;
}

/** Grouped horizontal bars: one group per voice, one bar per series. */
export function voiceBarsSpec(bars: readonly VoiceBar[], title: string, axisTitle: string, percent = true): TopLevelSpec {
  return {
    $schema: SCHEMA,
    title,
    width: 420,
    data: { values: bars.map((b) => ({ ...b })) },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'voice', type: 'nominal', title: null, sort: null },
      yOffset: { field: 'series', type: 'nominal', sort: null },
      x: { field: 'value', type: 'quantitative', title: axisTitle, axis: percent ? { format: '.0%' } : {} },
      color: { field: 'series', type: 'nominal', title: null, sort: null, legend: { orient: 'bottom', direction: 'vertical', labelLimit: 0 } },
    },
  };
}

export interface ReportFigure {
  file: string;
  alt: string;
  svg: string;
}

/** All figures of a report. */
export async function reportFigures(report: EvalReport): Promise<ReportFigure[]> {
  const figures: ReportFigure[] = [];
  const voices = Object.entries(report.perSpeaker);
  const judge = report.systems.judge;

  const werBars: VoiceBar[] = [];
  const idBars: VoiceBar[] = [];
  for (const [voice, s] of voices) {
    werBars.push({ voice, series: `${judge} on ground truth (ceiling)`, value: s.groundTruth.wer });
    idBars.push({ voice, series: 'ground truth', value: s.groundTruth.speakerIdAccuracy });
    if (s.tts) {
      werBars.push({ voice, series: `${judge} on ${report.systems.tts} TTS`, value: s.tts.wer });
      idBars.push({ voice, series: `${report.systems.tts} TTS`, value: s.tts.speakerIdAccuracy });
    }
    if (s.stt) werBars.push({ voice, series: `${report.systems.stt} STT`, value: s.stt.wer });
  }
  figures.push({
    file: 'wer-per-voice.svg',
    alt: 'WER per held-out voice',
    svg: await renderSvg(voiceBarsSpec(werBars, 'Word error rate per held-out voice', 'WER')),
  });
  figures.push({
    file: 'speaker-id-per-voice.svg',
    alt: 'Speaker-ID accuracy per held-out voice',
    svg: await renderSvg(voiceBarsSpec(idBars, 'Speaker-ID accuracy (assigned to the prompt voice)', 'accuracy')),
  });
  const ratios = report.items.flatMap((i) => (i.tts ? [i.tts.durationRatio] : []));
  if (ratios.length > 0) {
    figures.push({
      file: 'duration-ratio.svg',
      alt: 'Histogram of generated/true duration ratios',
      svg: await renderSvg(durationRatioSpec(ratios, `Duration ratio, ${report.systems.tts} TTS`)),
    });
  }
  return figures;
}
