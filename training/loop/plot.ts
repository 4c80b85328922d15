// Loss curves from a run's log.jsonl, as one self-contained HTML page of SVG charts.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../eval/plots';
import { type LogRecord, readLogRecords, stepsLogged } from './runLog';

type Row = LogRecord;

function lineSpec(title: string, values: { step: number; value: number; series: string }[], logY = false): TopLevelSpec {
  return {
    title, width: 640, height: 220,
    data: { values },
    mark: { type: 'line', interpolate: 'monotone' },
    encoding: {
      x: { field: 'step', type: 'quantitative' },
      y: { field: 'value', type: 'quantitative', scale: logY ? { type: 'symlog' } : { zero: false } },
      color: { field: 'series', type: 'nominal' },
    },
  };
}

/** Mean of each term over windows of `every` steps, so the chart is readable for long runs. task null: every step. */
function smoothed(rows: Row[], task: string | null, keys: string[], every: number) {
  const out: { step: number; value: number; series: string }[] = [];
  const mine = rows.filter((r) => r.kind === 'step' && (task === null || r.task === task));
  for (let i = 0; i < mine.length; i += every) {
    const win = mine.slice(i, i + every);
    for (const k of keys) out.push({ step: win.at(-1)!.step, value: win.reduce((s, r) => s + Number(r[k]), 0) / win.length, series: task ? `${task} ${k}` : k });
  }
  return out.filter((p) => Number.isFinite(p.value)); // terms a run's early log lines do not have
}

/** One chart: smoothed step terms (of one task, or all steps), or validation terms. */
export interface ChartDef {
  title: string;
  steps?: { task: string | null; keys: string[] }[];
  valid?: string[];
  logY?: boolean;
}

/** The charts of a run's log.jsonl as one self-contained HTML page of SVGs (runDir/loss-curves.html). */
export async function plotRunCurves(runDir: string, heading: string, charts: ChartDef[]): Promise<string | null> {
  const file = path.join(runDir, 'log.jsonl');
  if (!fs.existsSync(file)) return null;
  const rows: Row[] = readLogRecords(file);
  const steps = stepsLogged(rows);
  const every = Math.max(1, Math.floor(steps / 300));
  const valid = rows.filter((r) => r.kind === 'valid');
  // Charts whose figures this run never logged (the gap sets of a run without them) are left out.
  const specs = charts
    .map((c) => ({
      c,
      points: [
        ...(c.steps ?? []).flatMap((s) => smoothed(rows, s.task, s.keys, every)),
        ...valid.flatMap((r) => (c.valid ?? []).filter((k) => typeof r[k] === 'number').map((k) => ({ step: r.step, value: r[k] as number, series: `valid ${k}` }))),
      ],
    }))
    .filter(({ points }) => points.length > 0)
    .map(({ c, points }) => lineSpec(c.title, points, c.logY));
  const svgs = await Promise.all(specs.map(renderSvg));
  const html = `<!doctype html><meta charset="utf-8"><title>${heading}: ${path.basename(runDir)}</title>
<body style="font-family: system-ui; max-width: 760px; margin: 2em auto">
<h1>${heading}</h1><p>${steps} steps logged in <code>${file}</code>.</p>
${svgs.map((s) => `<figure>${s}</figure>`).join('\n')}
</body>`;
  const out = path.join(runDir, 'loss-curves.html');
  fs.writeFileSync(out, html);
  return out;
}

/** The MELD trainer's curves. */
export function plotLossCurves(runDir: string): Promise<string | null> {
  return plotRunCurves(runDir, 'MELD training curves', [
    { title: 'TTS loss terms (train)', steps: [{ task: 'tts', keys: ['kl', 'recon', 'eos', 'slow', 'phoneme'] }], logY: true },
    { title: 'STT cross-entropy (train)', steps: [{ task: 'stt', keys: ['text'] }] },
    { title: 'Guided attention: distance from the diagonal (train)', steps: [{ task: 'tts', keys: ['attn'] }, { task: 'stt', keys: ['attn'] }] },
    { title: 'Validation', valid: ['tts', 'kl', 'recon', 'phoneme', 'stt', 'sttPhoneme', 'attnTts', 'attnStt'], logY: true },
    { title: 'Use of the conditioning (validation: loss with scrambled text / audio minus loss)', valid: ['textGain', 'audioGain'] },
    { title: 'The gap (gap sets): STT CE and phoneme CE on training, held-out training and validation utterances', valid: ['trainStt', 'heldoutStt', 'stt', 'trainSttPhoneme', 'heldoutSttPhoneme', 'sttPhoneme'] },
    { title: 'The gap (gap sets): greedy CER and TTS KL on the same sets, and CER on new text', valid: ['trainCer', 'heldoutCer', 'cer', 'newTextCer', 'trainKl', 'heldoutKl', 'kl'] },
    { title: 'Guided heads (validation): keys attended, and rows from the diagonal / the aligned key', valid: ['ttsKeys', 'ttsOff', 'sttKeys', 'sttOff', 'ttsOffAligned', 'sttOffAligned'] },
    { title: 'Throughput (GFLOP/s)', steps: [{ task: 'tts', keys: ['gflops'] }] },
  ]);
}

/** The vocoder trainer's curves. */
export function plotVocoderCurves(runDir: string): Promise<string | null> {
  return plotRunCurves(runDir, 'Vocoder training curves', [
    { title: 'Loss terms (train)', steps: [{ task: null, keys: ['loss', 'mel', 'stft', 'complex'] }], logY: true },
    { title: 'Validation', valid: ['loss', 'mel', 'stft', 'complex'], logY: true },
  ]);
}
