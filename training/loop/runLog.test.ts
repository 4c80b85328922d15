import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendLog, dropLogAfter, thinLog } from './runLog';

const records = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; step: number; task?: string });

describe('run logs', () => {
  it('thinning keeps every validation and every n-th step record of each task, in order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlog-'));
    const full = path.join(dir, 'full.jsonl');
    for (let step = 1; step <= 40; step++) {
      appendLog(full, { kind: 'step', step, task: step % 2 ? 'tts' : 'stt', loss: step });
      if (step % 10 === 0) appendLog(full, { kind: 'valid', step, kl: 1 });
    }
    expect(thinLog(full, path.join(dir, 'thin.jsonl'), 5)).toEqual({ kept: 12, of: 44 });
    const kept = records(path.join(dir, 'thin.jsonl'));
    expect(kept.filter((r) => r.kind === 'valid').map((r) => r.step)).toEqual([10, 20, 30, 40]);
    expect(kept.filter((r) => r.task === 'tts').map((r) => r.step)).toEqual([1, 11, 21, 31]);
    expect(kept.filter((r) => r.task === 'stt').map((r) => r.step)).toEqual([2, 12, 22, 32]);
    expect(kept.map((r) => r.step)).toEqual([...kept.map((r) => r.step)].sort((a, b) => a - b));
  });

  it('a resumed run drops the steps it will redo', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runlog-')), 'log.jsonl');
    for (let step = 1; step <= 6; step++) appendLog(file, { kind: 'step', step });
    dropLogAfter(file, 4);
    expect(records(file).map((r) => r.step)).toEqual([1, 2, 3, 4]);
  });
});
