// npm run export -- [--checkpoint checkpoints/meld-v2/checkpoint.bin] [--vocoder checkpoints/vocoder-small-gta/checkpoint.bin | --no-vocoder] [--out public/models/meld] [--stt-pad-bias B]
//
// Writes the ONNX graphs the app ships (fp32 and fp16 weights) and the manifest the runtime checks:
// config, vocabularies, mel statistics, and each file's size, sha256 and tensor signature. The
// trained neural vocoder is included when its checkpoint exists (otherwise the runtime uses Griffin-Lim).

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AUDIO } from '../../models/config/audio';
import { type GraphFile, type GraphFiles, type GraphName, MANIFEST_FORMAT, MANIFEST_VERSION, type MeldManifest, type Precision } from '../../models/meld/manifest';
import { CHAR_VOCAB, PHONEME_VOCAB } from '../../models/text';
import { readCheckpointFile } from '../loop/checkpoint';
import { paramSpecs } from '../model/params';
import type { CheckpointMeta } from '../loop/trainer';
import type { VocoderCheckpointMeta } from '../vocoder/trainer';
import { vocoderParamSpecs } from '../vocoder/model';
import type { BuiltGraph } from './graphOps';
import { type Weights, buildGraphs } from './meldGraphs';
import { vocoderGraph } from './vocoderGraph';

/** Checkpoint tensors by name, with a clear error for a missing one. */
function weightsOf(file: string, tensors: Map<string, { shape: number[]; data: Float32Array }>): Weights {
  return (name) => {
    const t = tensors.get(name);
    if (!t) throw new Error(`checkpoint ${file} has no tensor ${name}`);
    return t;
  };
}

/** The graphs are laid out from the current code's config and vocabulary: a checkpoint must match it. */
function checkShapes(file: string, tensors: Map<string, { shape: number[] }>, specs: Record<string, { shape: number[] }>, what: string): void {
  for (const [name, spec] of Object.entries(specs)) {
    const t = tensors.get(name);
    if (!t || t.shape.join(',') !== spec.shape.join(','))
      throw new Error(`checkpoint ${file} does not match this code's ${what}: ${name} is [${t?.shape ?? 'missing'}], expected [${spec.shape}] (trained with another vocabulary or config?)`);
  }
}

/** Decoding settings chosen after training (recorded in the manifest for the engine). */
export interface ExportDecoding {
  /** Time-aligned STT: subtracted from the pad's logit (npm run calibrate-stt). */
  sttPadBias?: number;
}

export function exportModel(checkpoint: string, outDir: string, vocoderCheckpoint: string | null = null, decoding: ExportDecoding = {}): MeldManifest {
  const ck = readCheckpointFile<CheckpointMeta>(checkpoint);
  checkShapes(checkpoint, ck.tensors, paramSpecs(ck.meta.model), 'model');
  const c = ck.meta.model;
  const runnable = c.layout === 'aligned' ? c.positions === 'step-sinusoid' && ck.meta.alignModel !== undefined : c.positions === 'per-segment-sinusoid';
  if (!runnable)
    throw new Error(`checkpoint ${checkpoint} uses a layout or position scheme the runtime does not run (${c.layout ?? 'prefix'}, ${c.positions ?? 'absolute'}${c.layout === 'aligned' ? ', with no aligner unit model' : ''})`);
  if (decoding.sttPadBias !== undefined && (c.layout !== 'aligned' || !Number.isFinite(decoding.sttPadBias))) {
    throw new Error(`--stt-pad-bias needs a time-aligned checkpoint and a number (got ${String(decoding.sttPadBias)} for ${c.layout ?? 'prefix'})`);
  }
  const weights = weightsOf(checkpoint, ck.tensors);
  const voc = vocoderCheckpoint ? readCheckpointFile<VocoderCheckpointMeta>(vocoderCheckpoint) : null;
  if (voc) {
    if (voc.meta.kind !== 'vocoder') throw new Error(`${vocoderCheckpoint} is not a vocoder checkpoint`);
    checkShapes(vocoderCheckpoint!, voc.tensors, vocoderParamSpecs(voc.meta.model), 'vocoder');
  }
  // A vocoder trained on another corpus's mel statistics hears the model's mels in its own units.
  const renormalize = voc && JSON.stringify(voc.meta.melStats) !== JSON.stringify(ck.meta.melStats) ? { model: ck.meta.melStats, vocoder: voc.meta.melStats } : undefined;
  fs.mkdirSync(outDir, { recursive: true });
  const graphs = {} as Record<Precision, GraphFiles>;
  for (const [precision, type] of [['fp32', 'float32'], ['fp16', 'float16']] as const) {
    const built: Partial<Record<GraphName, BuiltGraph>> = buildGraphs(ck.meta.model, weights, type);
    if (voc) built.vocoder = vocoderGraph(voc.meta.model, weightsOf(vocoderCheckpoint!, voc.tensors), type, renormalize);
    graphs[precision] = {} as GraphFiles;
    for (const name of Object.keys(built) as GraphName[]) {
      const file = `${name}.${precision}.onnx`;
      const { bytes, signature } = built[name]!;
      const tmp = path.join(outDir, `${file}.tmp`);
      fs.writeFileSync(tmp, bytes);
      fs.renameSync(tmp, path.join(outDir, file));
      (graphs[precision] as Record<GraphName, GraphFile>)[name] = {
        file, bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
        inputs: signature.inputs, outputs: signature.outputs,
      };
    }
  }
  // No stale optional graph beside the manifest.
  for (const name of ['slots', 'vocoder'] as const) {
    if (!graphs.fp32[name]) for (const p of ['fp32', 'fp16']) fs.rmSync(path.join(outDir, `${name}.${p}.onnx`), { force: true });
  }
  const manifest: MeldManifest = {
    format: MANIFEST_FORMAT, version: MANIFEST_VERSION,
    config: ck.meta.model,
    audio: { ...AUDIO },
    vocab: { phonemes: [...PHONEME_VOCAB], chars: [...CHAR_VOCAB] },
    melStats: ck.meta.melStats,
    training: { step: ck.meta.step, plannedSteps: ck.meta.train.steps, trainHours: +(ck.meta.trainSeconds / 3600).toFixed(2), corpus: ck.meta.train.data, exportedAt: new Date().toISOString() },
    graphs,
    ...(ck.meta.alignModel ? { alignment: ck.meta.alignModel } : {}),
    ...(decoding.sttPadBias !== undefined ? { decoding: { sttPadBias: decoding.sttPadBias } } : {}),
    ...(voc ? { vocoder: { config: voc.meta.model, training: { step: voc.meta.step, trainHours: +(voc.meta.trainSeconds / 3600).toFixed(2), corpus: voc.meta.train.data, renormalized: renormalize !== undefined } } } : {}),
  };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      checkpoint: { type: 'string', default: 'checkpoints/meld-v2/checkpoint.bin' },
      vocoder: { type: 'string', default: 'checkpoints/vocoder-small-gta/checkpoint.bin' },
      'no-vocoder': { type: 'boolean', default: false },
      out: { type: 'string', default: 'public/models/meld' },
      'stt-pad-bias': { type: 'string' },
    },
  });
  if (!fs.existsSync(values.checkpoint)) {
    console.error(`no checkpoint at ${values.checkpoint}: train one with \`npm run train -- --config meld-v2\``);
    process.exit(2);
  }
  const vocoder = values['no-vocoder'] || !fs.existsSync(values.vocoder) ? null : values.vocoder;
  const padBias = values['stt-pad-bias'];
  const m = exportModel(values.checkpoint, values.out, vocoder, padBias === undefined ? {} : { sttPadBias: Number(padBias) });
  for (const p of ['fp32', 'fp16'] as const) {
    const total = Object.values(m.graphs[p]).reduce((n, g) => n + g.bytes, 0);
    console.log(`${p}: ${Object.values(m.graphs[p]).map((g) => `${g.file} ${(g.bytes / 1e6).toFixed(2)} MB`).join(', ')}; total ${(total / 1e6).toFixed(2)} MB`);
  }
  console.log(`exported step ${m.training.step} (${m.training.trainHours} h of training) to ${values.out}`);
  console.log(m.vocoder ? `vocoder: neural, step ${m.vocoder.training.step} (${m.vocoder.training.trainHours} h) from ${vocoder}${m.vocoder.training.renormalized ? ` (trained on ${m.vocoder.training.corpus}: its graph converts the model's mel normalisation)` : ''}` : 'vocoder: none shipped (the runtime uses Griffin-Lim)');
}
