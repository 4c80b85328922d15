// Loads the exported MELD model from disk for the Node CLIs, tests and benchmarks, on
// onnxruntime-node (default) or onnxruntime-web's WASM build.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Precision } from '../../models/meld/manifest';
import { audioForModel, decodeWav } from '../../models/wav';
import { AssetFetchError, type AssetLoader } from '../../workers/engine/assetLoader';
import { type LoadEvent, loadMeld } from '../../workers/meld/loadMeld';
import type { MeldGraphs } from '../../workers/meld/meldGraphs';
import { createNodeSession } from '../../workers/ort/nodeSession.nodejs';
import { createOrtSession } from '../../workers/ort/modelSession';
import { configureOrt } from '../../workers/ort/ortEnvironment';
import type { SessionProfile } from '../../workers/ort/sessionProfile';

export const DEFAULT_MODEL_DIR = 'public/models/meld';

const fileLoader: AssetLoader = async (url) => {
  const file = fileURLToPath(url);
  try {
    const b = fs.readFileSync(file);
    return new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  } catch (e) {
    throw new AssetFetchError(url, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(e));
  }
};

export type NodeRuntime = 'onnxruntime-node' | 'onnxruntime-web';

export async function loadModelFromDisk(dir = DEFAULT_MODEL_DIR, opts: { precision?: Precision; runtime?: NodeRuntime; onEvent?: (e: LoadEvent) => void; profile?: SessionProfile } = {}): Promise<MeldGraphs> {
  const manifest = path.resolve(dir, 'manifest.json');
  if (!fs.existsSync(manifest)) throw new Error(`no exported model at ${dir} (manifest.json missing): run \`npm run export\` after training`);
  // onnxruntime-web goes through workers/ort, the module the browser uses (one WASM thread in Node).
  if (opts.runtime === 'onnxruntime-web') await configureOrt({});
  const open = opts.runtime === 'onnxruntime-web' ? (bytes: Uint8Array) => createOrtSession(bytes, 'wasm') : (bytes: Uint8Array) => createNodeSession(bytes);
  const create = async (bytes: Uint8Array, graph: string) => (opts.profile ? opts.profile.wrap(await open(bytes), graph) : open(bytes));
  return loadMeld({ manifestUrl: pathToFileURL(manifest).href, loadAsset: fileLoader, createSession: create, precision: opts.precision, onEvent: opts.onEvent });
}

/** A WAV file as 16 kHz mono samples. */
export function readAudioFile(file: string): Float32Array {
  if (!fs.existsSync(file)) throw new Error(`no such file: ${file}`);
  return audioForModel(decodeWav(new Uint8Array(fs.readFileSync(file))), file);
}
