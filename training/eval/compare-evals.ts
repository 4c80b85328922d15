// npm run compare-evals -- A/eval.json B/eval.json [--resamples 2000] [--seed 1]
//
// Two evaluations of the same items side by side (a candidate against the shipped model): corpus-level TTS
// judge WER, TTS speaker-ID and STT WER of each, and B - A with a 95% paired bootstrap interval over items
// (the items resampled with replacement, the same draw for both), so "B is better" is said only where 100
// items can tell.

import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { addCounts, errorRate } from '../../models/metrics/wer';
import { createRng, type Rng } from '../../models/random';
import type { EvalReport, ItemResult } from './results';

export interface Figure {
  name: string;
  /** The figure over a set of items, or null where an item lacks what it needs. */
  of: (items: readonly ItemResult[]) => number | null;
}

export const FIGURES: readonly Figure[] = [
  { name: 'TTS judge WER', of: (items) => (items.every((i) => i.tts) ? errorRate(addCounts(...items.map((i) => i.tts!.judge.words))) : null) },
  { name: 'TTS speaker-ID', of: (items) => (items.every((i) => i.tts) ? items.filter((i) => i.tts!.predictedSpeaker === i.speaker).length / items.length : null) },
  { name: 'STT WER', of: (items) => (items.every((i) => i.stt) ? errorRate(addCounts(...items.map((i) => i.stt!.words))) : null) },
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
  const pairs = a.map((i) => [i, byId.get(i.id)!] as const);
  const draws = Array.from({ length: resamples }, () => Array.from({ length: pairs.length }, () => pairs[Math.floor(rand() * pairs.length)]));
  return FIGURES.flatMap((f) => {
    const [fa, fb] = [f.of(a), f.of(b)];
    if (fa === null || fb === null) return [];
    const diffs = draws.map((d) => f.of(d.map((p) => p[1]))! - f.of(d.map((p) => p[0]))!).sort((x, y) => x - y);
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
