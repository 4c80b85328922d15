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
import { runTraining } from '../loop/trainer';
import { VOCODER_TRAIN_CONFIGS, runVocoderTraining } from '../vocoder/trainer';
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
    expect(g.vocoderKind).toBe('griffin-lim');
    await g.release();
  }, 120_000);

  it('ships a trained vocoder beside the model, and the runtime speaks through it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meld-export-vocoder-'));
    const run = await runTraining({ train: { ...TRAIN_CONFIGS.tiny, steps: 1 }, outDir: dir, seed: 1, resume: false, quiet: true });
    const voc = await runVocoderTraining({ train: { ...VOCODER_TRAIN_CONFIGS.tiny, steps: 2 }, outDir: path.join(dir, 'vocoder'), seed: 1, resume: false, quiet: true });
    const out = path.join(dir, 'model');
    const m = exportModel(run.checkpoint, out, voc.checkpoint);
    expect(m.vocoder?.training.step).toBe(2);
    for (const precision of ['fp32', 'fp16'] as const) {
      const f = m.graphs[precision].vocoder!;
      expect(fs.statSync(path.join(out, f.file)).size).toBe(f.bytes);
      expect(f.outputs.map((o) => o.name)).toEqual(['spectrum']);
    }
    const g = await loadModelFromDisk(out, { precision: 'fp32' });
    expect(g.vocoderKind).toBe('neural');
    const audio = await g.vocode(new Float32Array(10 * 80), 10);
    expect(audio.length).toBe(10 * 256);
    await g.release();
    // Exporting again without it removes the stale files.
    const again = exportModel(run.checkpoint, out, null);
    expect(again.vocoder).toBeUndefined();
    expect(fs.existsSync(path.join(out, 'vocoder.fp32.onnx'))).toBe(false);
  }, 120_000);
});
