// npm run compare-runs -- DIR... [--fields kl,textGain,cer] [--out FILE.md]
//
// Validation figures of several training runs side by side at the steps they all reached (the
// layout A/B compares its arms this way), from each run's log.jsonl. Also each run's training
// time and throughput up to the last common step, so "equal budget" can be checked.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { type LogRecord, readLogRecords, stepWeight, stepsLogged } from '../loop/runLog';

export type Entry = LogRecord & Record<string, number | string | null>;

const DEFAULT_FIELDS = ['tts', 'kl', 'textGain', 'posGain', 'phonemeAcc', 'advance', 'stt', 'audioGain', 'cer'];

export function readLog(dir: string): Entry[] {
  const file = path.join(dir, 'log.jsonl');
  if (!fs.existsSync(file)) throw new Error(`no log at ${file}`);
  return readLogRecords(file) as Entry[];
}

/** A log figure for a table: 3 decimals (none from 100 up), '-' where the log has none. */
export const fmt = (x: unknown) => (typeof x === 'number' ? (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(3)) : x === null || x === undefined ? '-' : String(x));

/** A markdown table: one row per (common validation step, run). */
export function compareRuns(dirs: string[], fields = DEFAULT_FIELDS): string {
  const logs = dirs.map(readLog);
  const valids = logs.map((l) => new Map(l.filter((e) => e.kind === 'valid').map((e) => [e.step, e])));
  const common = [...valids[0].keys()].filter((s) => valids.every((v) => v.has(s))).sort((a, b) => a - b);
  const lines = [`| step | run | ${fields.join(' | ')} |`, `| --- | --- | ${fields.map(() => '---').join(' | ')} |`];
  for (const step of common)
    dirs.forEach((d, i) => lines.push(`| ${step} | ${path.basename(d)} | ${fields.map((f) => fmt(valids[i].get(step)![f])).join(' | ')} |`));
  const last = common.at(-1) ?? 0;
  lines.push('', '| run | steps logged | step time to step ' + last + ' (h) | rows/s (mean) |', '| --- | --- | --- | --- |');
  logs.forEach((l, i) => {
    const steps = l.filter((e) => e.kind === 'step' && e.step <= last);
    // A thinned log's step records each stand for `every` steps.
    const ms = steps.reduce((n, e) => n + Number(e.ms) * stepWeight(e), 0);
    const rows = steps.reduce((n, e) => n + Number(e.rows) * stepWeight(e), 0);
    lines.push(`| ${path.basename(dirs[i])} | ${stepsLogged(l)} | ${(ms / 3.6e6).toFixed(2)} | ${ms ? Math.round((rows / ms) * 1000) : '-'} |`);
  });
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { fields: { type: 'string' }, out: { type: 'string' } } });
  if (positionals.length === 0) {
    console.error('usage: npm run compare-runs -- DIR... [--fields kl,textGain,cer] [--out FILE.md]');
    process.exit(2);
  }
  const table = compareRuns(positionals, values.fields?.split(','));
  if (values.out) fs.writeFileSync(values.out, table + '\n');
  console.log(table);
}
