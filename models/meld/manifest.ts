// The exported model's manifest (public/models/meld/manifest.json): what the runtime checks at
// load (format version, config, each file's size and sha256, tensor names and shapes) and the data
// it needs besides the graphs (vocabularies, mel statistics).

import type { AudioConfig } from '../config/audio';
import type { MelStats } from '../dsp';
import type { MeldConfig } from './config';

export const MANIFEST_FORMAT = 'meld-onnx';
export const MANIFEST_VERSION = 1;

export type GraphName = 'encoder' | 'lm' | 'recon' | 'postnet';
export type Precision = 'fp32' | 'fp16';

export interface TensorSpec {
  name: string;
  dtype: 'float32' | 'float16' | 'int32' | 'int64';
  /** Numbers are fixed; strings name dynamic axes. */
  dims: (number | string)[];
}

export interface GraphFile {
  /** Relative to the manifest. */
  file: string;
  bytes: number;
  sha256: string;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

export interface MeldManifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  config: MeldConfig;
  audio: AudioConfig;
  vocab: { phonemes: string[]; chars: string[] };
  melStats: MelStats;
  training: { step: number; trainHours: number; corpus: string; exportedAt: string };
  graphs: Record<Precision, Record<GraphName, GraphFile>>;
}

export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

/** Checks a parsed manifest's format and version before anything else reads it. */
export function checkManifest(value: unknown): MeldManifest {
  const m = value as Partial<MeldManifest> | null;
  if (!m || typeof m !== 'object' || m.format !== MANIFEST_FORMAT) throw new ManifestError('not a MELD model manifest');
  if (m.version !== MANIFEST_VERSION) throw new ManifestError(`model manifest version ${String(m.version)} is not supported (this app reads version ${MANIFEST_VERSION})`);
  if (!m.config || !m.graphs?.fp32 || !m.vocab || !m.melStats) throw new ManifestError('model manifest is incomplete');
  return m as MeldManifest;
}
