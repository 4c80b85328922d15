import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendLog, thinLog } from '../loop/runLog';
import { compareRuns } from './compare-runs';

describe('compare-runs', () => {
  it('counts a thinned log\'s steps, time and rows as the full log\'s', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-'));
    const [full, thin] = ['full', 'thin'].map((d) => path.join(root, d));
    fs.mkdirSync(full);
    fs.mkdirSync(thin);
    for (let step = 1; step <= 100; step++) {
      appendLog(path.join(full, 'log.jsonl'), { kind: 'step', step, task: step % 2 ? 'tts' : 'stt', ms: 36_000, rows: 1000 * (step % 3) });
      if (step % 50 === 0) appendLog(path.join(full, 'log.jsonl'), { kind: 'valid', step, kl: 5 });
    }
    thinLog(path.join(full, 'log.jsonl'), path.join(thin, 'log.jsonl'), 7);
    const budget = compareRuns([full, thin], ['kl']).split('\n').filter((l) => /^\| (full|thin) \| \d+ \| /.test(l));
    expect(budget).toHaveLength(2);
    const [fullRow, thinRow] = budget.map((l) => l.split('|').slice(2, 4).map((c) => c.trim()));
    expect(fullRow).toEqual(['100', '1.00']);
    expect(thinRow).toEqual(fullRow);
  });
});
