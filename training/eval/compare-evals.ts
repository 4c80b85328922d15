// npm run compare-evals -- A/eval.json B/eval.json [--resamples 2000] [--seed 1]
//
// Two evaluations of the same items side by side (a candidate against the shipped model): corpus-level TTS
// judge WER, TTS speaker-ID and STT WER of each, and B - A with a 95% paired bootstrap interval over items
// (the items resampled with replacement, the same draw for both), so "B is better" is said only where 100
// items can tell.

import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createRng, type Rng } from '../../models/random';
import type { EvalReport, GroupSummary, ItemResult } from './results';
import { summarise } from './summary';

/** The figures compared, read from the report's own summary of a set of items (undefined: the task was not run). */
export const FIGURES: readonly { name: string; of: (s: GroupSummary) => number | undefined }[] = [
  { name: 'TTS judge WER', of: (s) => s.tts?.wer },
  { name: 'TTS speaker-ID', of: (s) => s.tts?.speakerIdAccuracy },
  { name: 'STT WER', of: (s) => s.stt?.wer },
];

export interface Comparison {
  name: string;
  a: number;
  b: number;
  /** The 2.5th and 97.5th percentiles of B - A over the resamples. */
  low: number;
  high: number;
}

/** Each figure of A and B on the same items, and its paired bootstrap interval of B - A. */
export function compareEvals(a: readonly ItemResult[], b: readonly ItemResult[], resamples: number, rand: Rng): Comparison[] {
  const byId = new Map(b.map((i) => [i.id, i]));
  const missing = a.filter((i) => !byId.has(i.id)).map((i) => i.id);
  if (missing.length > 0 || a.length !== b.length) throw new Error(`the two evaluations are not of the same items (${missing.slice(0, 3).join(', ') || `${a.length} vs ${b.length} items`})`);
  const families = new Map(a.map((i) => [i.speaker, i.family]));
  const summary = (items: readonly ItemResult[]) => summarise(items, (speaker) => families.get(speaker));
  const pairs = a.map((i) => [i, byId.get(i.id)!] as const);
  const draws = Array.from({ length: resamples }, () => {
    const drawn = Array.from({ length: pairs.length }, () => pairs[Math.floor(rand() * pairs.length)]);
    return [summary(drawn.map((p) => p[0])), summary(drawn.map((p) => p[1]))] as const;
  });
  const whole = [summary(a), summary(b)];
  return FIGURES.flatMap((f) => {
    const [fa, fb] = whole.map(f.of);
    if (fa === undefined || fb === undefined) return [];
    const diffs = draws.map(([da, db]) => f.of(db)! - f.of(da)!).sort((x, y) => x - y);
    const at = (q: number) => diffs[Math.min(diffs.length - 1, Math.floor(q * diffs.length))];
    return [{ name: f.name, a: fa, b: fb, low: at(0.025), high: at(0.975) }];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { resamples: { type: 'string', default: '2000' }, seed: { type: 'string', default: '1' } } });
  if (positionals.length !== 2) {
    console.error('usage: npm run compare-evals -- A/eval.json B/eval.json [--resamples 2000] [--seed 1]');
    process.exit(2);
  }
  const [a, b] = positionals.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as EvalReport);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;
  console.log(`A: ${positionals[0]}\nB: ${positionals[1]}\n${a.items.length} items, ${values.resamples} paired resamples\n`);
  console.log('| figure | A | B | B - A (points) | 95% interval |\n| --- | --- | --- | --- | --- |');
  for (const c of compareEvals(a.items, b.items, Number(values.resamples), createRng(Number(values.seed))))
    console.log(`| ${c.name} | ${pct(c.a)} | ${pct(c.b)} | ${signed(c.b - c.a)} | ${signed(c.low)} to ${signed(c.high)} |`);
}
