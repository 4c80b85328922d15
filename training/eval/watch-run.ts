// npm run watch-run -- DIR [--last 8] [--fit-from STEP] [--target-cer 0.3]
//
// A training run's own curves, read from its log.jsonl while it runs: at each of the last evaluations
// the train sample, the held-out training utterances and validation side by side (STT text CE, STT
// phoneme CE, TTS KL, greedy CER, and new-text CER), so the train/valid gap is read from the run itself;
// then the log fit of validation CER against steps and the step it forecasts for the target (a
// forecast, labelled so).

import { parseArgs } from 'node:util';
import { type Entry, fmt, readLog } from './compare-runs';
import { logFit, predictAt, stepToReach } from './curveFit';

const GAP_ROWS: [label: string, train: string, heldOut: string, valid: string][] = [
  ['STT text CE', 'trainStt', 'heldoutStt', 'stt'],
  ['STT phoneme CE', 'trainSttPhoneme', 'heldoutSttPhoneme', 'sttPhoneme'],
  ['TTS KL', 'trainKl', 'heldoutKl', 'kl'],
  ['greedy CER', 'trainCer', 'heldoutCer', 'cer'],
];

const num = (e: Entry, k: string) => (typeof e[k] === 'number' ? (e[k] as number) : null);

/** Markdown: the gap table at the last `last` evaluations and the CER forecast. */
export function watchRun(dir: string, opts: { last: number; fitFrom: number; targetCer: number }): string {
  const log = readLog(dir);
  const valids = log.filter((e) => e.kind === 'valid');
  if (valids.length === 0) return `${dir}: no evaluation logged yet`;
  const shown = valids.slice(-opts.last);
  const lines = [
    `${dir}: ${valids.length} evaluations, last at step ${valids.at(-1)!.step}; each cell is train sample / held-out utterances / validation`,
    '',
    `| step | ${GAP_ROWS.map((r) => r[0]).join(' | ')} | new-text CER |`,
    `| --- | ${GAP_ROWS.map(() => '---').join(' | ')} | --- |`,
    ...shown.map((e) => `| ${e.step} | ${GAP_ROWS.map(([, t, h, v]) => `${fmt(e[t])} / ${fmt(e[h])} / ${fmt(e[v])}`).join(' | ')} | ${fmt(e.newTextCer)} |`),
  ];
  const points = valids.filter((e) => e.step >= opts.fitFrom && num(e, 'cer') !== null).map((e) => ({ step: e.step, value: num(e, 'cer')! }));
  if (new Set(points.map((p) => p.step)).size >= 3) {
    const fit = logFit(points);
    const reach = stepToReach(fit, opts.targetCer);
    lines.push(
      '',
      `Forecast, not a measurement: validation CER = ${fit.a.toFixed(3)} ${fit.b < 0 ? '-' : '+'} ${Math.abs(fit.b).toFixed(3)} ln(step) over steps ${fit.from}-${fit.to} (${points.length} evaluations, r² ${fit.r2.toFixed(2)}):`,
      `${fmt(predictAt(fit, 2 * fit.to))} at step ${2 * fit.to}; CER ${opts.targetCer} ${reach === null ? 'not reached on this line' : `at step ~${reach}`}.`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { last: { type: 'string', default: '8' }, 'fit-from': { type: 'string', default: '1000' }, 'target-cer': { type: 'string', default: '0.3' } },
  });
  if (positionals.length !== 1) {
    console.error('usage: npm run watch-run -- DIR [--last 8] [--fit-from STEP] [--target-cer 0.3]');
    process.exit(2);
  }
  console.log(watchRun(positionals[0], { last: Number(values.last), fitFrom: Number(values['fit-from']), targetCer: Number(values['target-cer']) }));
}
