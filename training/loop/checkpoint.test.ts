import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError, checkpointToResume, readCheckpointFile, restoreParams, restoreTrainState, writeCheckpointFile } from './checkpoint';
import type { AdamW } from './optim';
import { initBackend } from '../tf/backend';
import { VOCODER_TRAIN_CONFIGS, runVocoderTraining } from '../vocoder/trainer';

beforeAll(async () => {
  await initBackend('wasm');
});

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ckpt-'));

describe('checkpoint files', () => {
  it('round-trip tensors and meta', () => {
    const file = path.join(tmp(), 'c.bin');
    writeCheckpointFile(file, { a: tf.tensor([1, 2, 3]), b: tf.tensor([[4], [5]]) }, { step: 7 });
    const ck = readCheckpointFile<{ step: number }>(file);
    expect(ck.meta.step).toBe(7);
    expect(Array.from(ck.tensors.get('b')!.data)).toEqual([4, 5]);
    expect(ck.tensors.get('b')!.shape).toEqual([2, 1]);
  });

  it('--resume without a checkpoint starts afresh and says so; without --resume nothing is read', () => {
    const dir = tmp();
    const file = path.join(dir, 'c.bin');
    const said: string[] = [];
    expect(checkpointToResume(file, true, (l) => said.push(l))).toBeNull();
    expect(said).toEqual([`--resume: there is no checkpoint at ${file}, so this is a fresh run from step 0`]);
    writeCheckpointFile(file, { a: tf.tensor([1]) }, { step: 3 });
    expect(checkpointToResume<{ step: number }>(file, true, (l) => said.push(l))!.meta.step).toBe(3);
    expect(checkpointToResume(file, false, (l) => said.push(l))).toBeNull();
    expect(said).toHaveLength(1);
  });

  it('a parameter added to the model since loads as zeros only where the model says it may; its moments start at zero', () => {
    const file = path.join(tmp(), 'c.bin');
    writeCheckpointFile(file, { a: tf.tensor([1, 2]), 'adam.m.a': tf.tensor([3, 4]), 'adam.v.a': tf.tensor([5, 6]) }, { step: 1 });
    const ck = readCheckpointFile(file);
    const params = { a: tf.variable(tf.zeros([2])), added: tf.variable(tf.ones([2, 2])) };
    expect(() => restoreParams(ck, params)).toThrow(/no tensor added/);
    const opt = { m: { a: tf.variable(tf.zeros([2])), added: tf.variable(tf.ones([2, 2])) }, v: { a: tf.variable(tf.zeros([2])), added: tf.variable(tf.ones([2, 2])) } } as unknown as AdamW;
    expect(restoreTrainState(ck, params, opt, ['a', 'added'], new Set(['added']))).toEqual(['added']);
    expect(Array.from(params.a.dataSync())).toEqual([1, 2]);
    expect(Array.from(params.added.dataSync())).toEqual([0, 0, 0, 0]);
    expect(Array.from(opt.m.a.dataSync())).toEqual([3, 4]);
    expect(Array.from(opt.m.added.dataSync())).toEqual([1, 1, 1, 1]); // untouched: a fresh optimiser's zeros in a run
  });

  it('a file cut short, or not a checkpoint at all, is refused with a clear error', () => {
    const dir = tmp();
    const file = path.join(dir, 'c.bin');
    writeCheckpointFile(file, { a: tf.zeros([1000]) }, { step: 1 });
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    expect(() => readCheckpointFile(file)).toThrow(CheckpointError);
    expect(() => readCheckpointFile(file)).toThrow(/truncated/);
    fs.writeFileSync(file, 'hello');
    expect(() => readCheckpointFile(file)).toThrow(/not a MELD checkpoint/);
  });

  it('a run killed mid-write leaves the previous checkpoint, which resumes; a damaged one stops --resume with the reason', async () => {
    const dir = tmp();
    const t = { ...VOCODER_TRAIN_CONFIGS.tiny, steps: 4 };
    await runVocoderTraining({ train: t, outDir: dir, seed: 1, resume: false, quiet: true, maxStepsThisRun: 2 });
    // What a kill during the next write leaves: a partial temp file beside the good checkpoint.
    fs.writeFileSync(path.join(dir, 'checkpoint.bin.tmp-99999'), 'partial');
    const resumed = await runVocoderTraining({ train: t, outDir: dir, seed: 1, resume: true, quiet: true });
    expect(resumed.steps[0].step).toBe(3);
    expect(resumed.finalStep).toBe(4);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]); // the stale temp file is gone

    const file = path.join(dir, 'checkpoint.bin');
    fs.truncateSync(file, fs.statSync(file).size - 10);
    await expect(runVocoderTraining({ train: t, outDir: dir, seed: 1, resume: true, quiet: true })).rejects.toThrow(/truncated/);
  }, 120_000);
});
