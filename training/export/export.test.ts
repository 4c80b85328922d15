// `npm run export` end to end on a freshly trained tiny checkpoint: files, manifest (sizes, sha256,
// signatures), and the engine's loader accepting the result.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkManifest } from '../../models/meld/manifest';
import { loadModelFromDisk } from '../cli/nodeModel';
import { TRAIN_CONFIGS } from '../config';
import { initBackend } from '../tf/backend';
import { runTraining } from '../trainer';
import { exportModel } from './export';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('npm run export', () => {
  it('writes fp32 and fp16 graphs with a manifest the engine loads', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meld-export-'));
    const run = await runTraining({ train: { ...TRAIN_CONFIGS.tiny, steps: 2 }, outDir: dir, seed: 1, resume: false, quiet: true });
    const out = path.join(dir, 'model');
    exportModel(run.checkpoint, out);
    const m = checkManifest(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')));
    expect(m.training.step).toBe(2);
    expect(m.melStats.mean).toHaveLength(80);
    for (const precision of ['fp32', 'fp16'] as const) {
      for (const f of Object.values(m.graphs[precision])) {
        const bytes = fs.readFileSync(path.join(out, f.file));
        expect(bytes.length).toBe(f.bytes);
        expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
      }
    }
    const lmInputs = m.graphs.fp32.lm.inputs.map((i) => i.name);
    expect(lmInputs).toContain('past_key.0');
    expect(m.graphs.fp16.lm.bytes).toBeLessThan(0.6 * m.graphs.fp32.lm.bytes);
    const g = await loadModelFromDisk(out, { precision: 'fp16' });
    expect(g.config.dModel).toBe(m.config.dModel);
    await g.release();
  }, 120_000);
});
