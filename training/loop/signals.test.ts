// Ctrl-C on `npm run train` stops the run cleanly: the terminal signals the whole process group (npm,
// its shell and the trainer), and the trainer must still finish its step and write a checkpoint,
// not be killed by a wrapper or escalate the forwarded copies to an exit without saving.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckpointFile } from './checkpoint';
import { TRAIN_CONFIGS } from '../config';
import type { CheckpointMeta } from './trainer';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('npm run train under SIGINT', () => {
  it('finishes its step and writes a checkpoint at that step when the process group gets SIGINT', async () => {
    if (!fs.existsSync(path.join(TRAIN_CONFIGS.tiny.data, 'manifest.jsonl'))) throw new Error('the tiny corpus is missing: npm run data -- --config tiny');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'meld-signal-'));
    // Two workers, as the real run: the main thread is busy in a step and a worker thread in another.
    const child = spawn('npm', ['run', 'train', '--', '--config', 'tiny', '--out', out, '--steps', '5000', '--workers', '2', '--backend', 'wasm'], {
      detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    // 'close': every process holding the pipes (npm, its shell, the trainer) has exited.
    const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));

    const logFile = path.join(out, 'log.jsonl');
    const stepsLogged = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('"step"')).length : 0);
    const deadline = Date.now() + 90_000;
    while (stepsLogged() < 3) {
      if (Date.now() > deadline) throw new Error(`no training steps logged within 90 s:\n${output}`);
      await sleep(200);
    }
    process.kill(-child.pid!, 'SIGINT'); // the whole group, as a terminal's Ctrl-C

    await closed;
    // npm itself reports the SIGINT it got (exit by signal); the trainer's own outcome is in its output.
    expect(output).toContain('SIGINT: finishing this step');
    const stopped = /stopped \(signal\) at step (\d+)/.exec(output);
    expect(stopped, output).not.toBeNull();
    const ck = readCheckpointFile<CheckpointMeta>(path.join(out, 'checkpoint.bin'));
    expect(ck.meta.step).toBe(Number(stopped![1]));
    expect(ck.meta.step).toBeGreaterThanOrEqual(3);
    fs.rmSync(out, { recursive: true, force: true });
  }, 150_000);
});
