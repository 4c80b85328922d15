// The exported model's manifest (public/models/meld/manifest.json): what the runtime checks at
// load (format version, config, each file's size and sha256, tensor names and shapes) and the data
// it needs besides the graphs (vocabularies, mel statistics).

import type { AudioConfig } from '../config/audio';
import type { MelStats } from '../dsp';
import { KindError } from '../kindError';
import type { VocoderConfig } from '../vocoder/config';
import type { SerializedUnitModel } from './align/viterbi';
import type { MeldConfig } from './config';
import { type MeasuredQuality, type QualityVerdict, qualityVerdict } from './quality';

export const MANIFEST_FORMAT = 'meld-onnx';
// 6: models whose latent slots are drawn in order (config.slotTransitions) ship the slots graph: the table that
//    ties a step's slot l to the code drawn for slot l-1 (without it, an older app would draw them independently);
// 5: the LM stores keys transposed ([H, dh, P]) and returns each run's own keys and values (new_kv) beside the
//    whole cache (present_*), so a WASM runtime keeps its cache in host buffers (workers/meld/kvCache.ts), and
//    the recon graph also runs its steps through the pre-net (features: TTS's next LM row without an encoder run);
// 4: the vocoder graph outputs each frame's spectrum and the runtime inverts it (models/vocoder/spectrumAudio.ts);
// 3: time-aligned layouts (the LM's text-stream input, advance and slot heads, the aligner's unit model,
//    decoding settings); 2: LM positions count per text/speech segment (models/meld/positions.ts);
//    1 counted them absolutely. An app reads only its own version: an older cached model is fetched again.
export const MANIFEST_VERSION = 6;

/**
 * The graphs every model has; the slot transitions of models that draw their latent slots in order; the
 * optional neural vocoder (without it, Griffin-Lim speaks).
 */
export type CoreGraphName = 'encoder' | 'lm' | 'recon' | 'postnet';
export type GraphName = CoreGraphName | 'slots' | 'vocoder';
export const CORE_GRAPHS: readonly CoreGraphName[] = ['encoder', 'lm', 'recon', 'postnet'];
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
  /** plannedSteps: the training schedule's length (absent in manifests written before it was recorded). */
  training: { step: number; plannedSteps?: number; trainHours: number; corpus: string; exportedAt: string };
  graphs: Record<Precision, GraphFiles>;
  /** Present when the model ships a trained neural vocoder (graphs[precision].vocoder). */
  vocoder?: {
    config: VocoderConfig;
    /** `corpus`: what it was trained on; when its mel statistics differ from the model's, its graph converts the model's mels first. */
    training: { step: number; trainHours: number; corpus?: string; renormalized?: boolean };
  };
  /** Time-aligned layout: the forced aligner's unit model, which aligns a voice prompt to its transcript. */
  alignment?: SerializedUnitModel;
  /** Decoding settings chosen on validation speech after training (time-aligned STT's pad bias: models/meld/aligned.ts readSlots). */
  decoding?: { sttPadBias?: number };
  /** The latest evaluation of exactly these weights (`npm run eval -- --record`); an export starts without one. */
  quality?: MeasuredQuality;
}

export type GraphFiles = Record<CoreGraphName, GraphFile> & { slots?: GraphFile; vocoder?: GraphFile };

/**
 * Whether the shipped weights finished their training schedule. Before that the model is still
 * learning and its speech is not intelligible (the evaluation reports in reports/ say how far off).
 */
export function trainingComplete(m: Pick<MeldManifest, 'training'>): boolean {
  return m.training.plannedSteps !== undefined && m.training.step >= m.training.plannedSteps;
}

/** What the manifest says of the model's quality: its measured figures against the bars, or only its schedule. */
export function modelQuality(m: Pick<MeldManifest, 'training' | 'quality'>): QualityVerdict {
  return qualityVerdict(m.quality, trainingComplete(m));
}

/** The graphs a manifest ships at a precision, in load order. */
export function graphsOf(m: MeldManifest, precision: Precision): GraphName[] {
  return [
    ...CORE_GRAPHS,
    ...(m.config.slotTransitions ? (['slots'] as const) : []),
    ...(m.vocoder && m.graphs[precision].vocoder ? (['vocoder'] as const) : []),
  ];
}

/** A graph's file entry (graphsOf says which exist). */
export function graphFile(m: MeldManifest, precision: Precision, graph: GraphName): GraphFile {
  const f = m.graphs[precision][graph];
  if (!f) throw new ManifestError('missing-graph', `the model has no ${precision} ${graph} graph`);
  return f;
}

export type ManifestErrorKind =
  | 'not-manifest'
  | 'unsupported-version'
  | 'incomplete'
  | 'missing-graph'
  /** Offline, and the cached manifest is from an export this app cannot read. */
  | 'outdated-offline';

export class ManifestError extends KindError<ManifestErrorKind> {
  override readonly name = 'ManifestError';
}

/** Checks a parsed manifest's format and version before anything else reads it. */
export function checkManifest(value: unknown): MeldManifest {
  const m = value as Partial<MeldManifest> | null;
  if (!m || typeof m !== 'object' || m.format !== MANIFEST_FORMAT) throw new ManifestError('not-manifest', 'not a MELD model manifest');
  if (m.version !== MANIFEST_VERSION) throw new ManifestError('unsupported-version', `model manifest version ${String(m.version)} is not supported (this app reads version ${MANIFEST_VERSION})`);
  if (!m.config || !m.graphs?.fp32 || !m.vocab || !m.melStats) throw new ManifestError('incomplete', 'model manifest is incomplete');
  return m as MeldManifest;
}
