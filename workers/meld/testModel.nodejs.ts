// For engine tests: a tiny model trained for a couple of steps on the tiny corpus and exported, loaded
// through onnxruntime-node, and a held-out recording of the tiny corpus with its transcript to prompt
// and transcribe with. `edit` may change the checkpoint's tensors before the export.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { decodeWav, toModelAudio } from '../../models/wav';
import { loadModelFromDisk } from '../../training/cli/nodeModel';
import { TRAIN_CONFIGS, type TrainConfigName } from '../../training/config';
import { readManifest } from '../../training/data/dataset';
import { exportModel } from '../../training/export/export';
import { type LoadedCheckpoint, readCheckpointFile, writeCheckpointFile } from '../../training/loop/checkpoint';
import { type CheckpointMeta, runTraining } from '../../training/loop/trainer';
import { pathToFileURL } from 'node:url';
import { readFromDisk } from '../engine/diskDownloader.nodejs';
import { MeldEngine } from '../engine/meldEngine';
import type { MeldGraphs } from './meldGraphs';

export interface TinyModel {
  g: MeldGraphs;
  checkpoint: string;
  modelDir: string;
  /** A test-split recording of the tiny corpus (16 kHz) and its transcript. */
  audio: Float32Array;
  promptText: string;
}

export async function trainTinyModel(name: TrainConfigName, seed: number, edit?: (ck: LoadedCheckpoint<CheckpointMeta>) => void): Promise<TinyModel> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `meld-${name}-`));
  const run = await runTraining({ train: { ...TRAIN_CONFIGS[name], steps: 2, ttsOnlySteps: 0, evalEvery: 1000 }, outDir: dir, seed, resume: false, quiet: true });
  const { checkpoint, modelDir } = edit ? exportEdited(run.checkpoint, 'edited', edit) : exported(run.checkpoint, path.join(dir, 'model'));
  const u = readManifest('data/tiny').find((x) => x.split === 'test')!;
  return {
    g: await loadModelFromDisk(modelDir),
    checkpoint,
    modelDir,
    audio: toModelAudio(decodeWav(new Uint8Array(fs.readFileSync(path.join('data/tiny', u.wav))))),
    promptText: u.text,
  };
}

/**
 * A checkpoint changed by `edit` (its tensors or its meta), written beside the original as `name`.bin and
 * exported to the folder `name`.
 */
export function exportEdited(original: string, name: string, edit: (ck: LoadedCheckpoint<CheckpointMeta>) => void): { checkpoint: string; modelDir: string } {
  const ck = readCheckpointFile<CheckpointMeta>(original);
  edit(ck);
  const checkpoint = path.join(path.dirname(original), `${name}.bin`);
  const tensors = Object.fromEntries([...ck.tensors].map(([k, t]) => [k, tf.tensor(t.data, t.shape)]));
  try {
    writeCheckpointFile(checkpoint, tensors, ck.meta);
  } finally {
    tf.dispose(Object.values(tensors));
  }
  return exported(checkpoint, path.join(path.dirname(original), name));
}

function exported(checkpoint: string, modelDir: string): { checkpoint: string; modelDir: string } {
  exportModel(checkpoint, modelDir);
  return { checkpoint, modelDir };
}

/** The engine on an exported model directory, initialised on WASM (throws with the engine's error). */
/** The engine on an exported model, with the fp32 weight files: what the tests' reference decoders (tfjs, the graphs loaded from disk) compute with. */
export async function openEngine(modelDir: string): Promise<MeldEngine> {
  const engine = new MeldEngine({ download: readFromDisk });
  const ready = await engine.init({ assetBaseUrl: pathToFileURL(`${modelDir}/`).href, manifestPath: 'manifest.json', preferredBackend: 'wasm', ortRuntimeUrl: null, precision: 'fp32' });
  if (!ready.ok) {
    await engine.dispose();
    throw new Error(JSON.stringify(ready.error));
  }
  return engine;
}
