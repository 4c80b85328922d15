// Loss curves from a run's log.jsonl, as one self-contained HTML page of SVG charts.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './eval/plots';

interface Row { kind: 'step' | 'valid'; step: number; [k: string]: unknown }

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

/** Mean of each term over windows of `every` steps, so the chart is readable for long runs. */
function smoothed(rows: Row[], task: string, keys: string[], every: number) {
  const out: { step: number; value: number; series: string }[] = [];
  const mine = rows.filter((r) => r.kind === 'step' && r.task === task);
  for (let i = 0; i < mine.length; i += every) {
    const win = mine.slice(i, i + every);
    for (const k of keys) out.push({ step: win.at(-1)!.step, value: win.reduce((s, r) => s + Number(r[k]), 0) / win.length, series: `${task} ${k}` });
  }
  return out;
}

export async function plotLossCurves(runDir: string): Promise<string | null> {
  const file = path.join(runDir, 'log.jsonl');
  if (!fs.existsSync(file)) return null;
  const rows = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
  const steps = rows.filter((r) => r.kind === 'step').length;
  const every = Math.max(1, Math.floor(steps / 300));
  const valid = rows.filter((r) => r.kind === 'valid');
  const validValues = valid.flatMap((r) =>
    ['tts', 'kl', 'recon', 'stt'].filter((k) => typeof r[k] === 'number').map((k) => ({ step: r.step, value: r[k] as number, series: `valid ${k}` })),
  );
  const charts = [
    lineSpec('TTS loss terms (train)', smoothed(rows, 'tts', ['kl', 'recon', 'eos', 'slow'], every), true),
    lineSpec('STT cross-entropy (train)', smoothed(rows, 'stt', ['text'], every)),
    lineSpec('Validation', validValues, true),
    lineSpec('Throughput (GFLOP/s)', smoothed(rows, 'tts', ['gflops'], every)),
  ];
  const svgs = await Promise.all(charts.map(renderSvg));
  const html = `<!doctype html><meta charset="utf-8"><title>MELD training: ${path.basename(runDir)}</title>
<body style="font-family: system-ui; max-width: 760px; margin: 2em auto">
<h1>MELD training curves</h1><p>${steps} steps logged in <code>${file}</code>.</p>
${svgs.map((s) => `<figure>${s}</figure>`).join('\n')}
</body>`;
  const out = path.join(runDir, 'loss-curves.html');
  fs.writeFileSync(out, html);
  return out;
}
