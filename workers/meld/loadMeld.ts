// Loads an exported MELD model: the manifest (format and version checked), then each graph's bytes,
// checked against the manifest's size and sha256 before a session is made from them.

import { type GraphName, type MeldManifest, type Precision, checkManifest, graphFile, graphsOf } from '../../models/meld/manifest';
import { type AssetLoader, sha256Hex } from '../engine/assetLoader';
import type { ModelSession } from '../ort/modelSession';
import { MeldGraphs, type MeldSessions } from './meldGraphs';

export type LoadEvent =
  | { type: 'manifest'; manifest: MeldManifest }
  | { type: 'file'; graph: GraphName; file: string; bytes: number }
  | { type: 'session'; graph: GraphName };

export class ModelIntegrityError extends Error {
  override readonly name = 'ModelIntegrityError';
  constructor(
    readonly url: string,
    readonly expected: { bytes: number; sha256: string },
    readonly actual: { bytes: number; sha256: string },
  ) {
    super(
      actual.bytes !== expected.bytes
        ? `${url} is incomplete or damaged: ${actual.bytes} bytes, the manifest says ${expected.bytes}`
        : `${url} is damaged: its sha256 does not match the manifest`,
    );
  }
}

export interface LoadMeldOptions {
  manifestUrl: string;
  loadAsset: AssetLoader;
  createSession: (bytes: Uint8Array, graph: GraphName) => Promise<ModelSession>;
  precision?: Precision;
  onEvent?: (e: LoadEvent) => void;
}

export async function loadMeld(o: LoadMeldOptions): Promise<MeldGraphs> {
  const emit = o.onEvent ?? (() => undefined);
  const manifest = checkManifest(JSON.parse(new TextDecoder().decode(await o.loadAsset(o.manifestUrl))));
  emit({ type: 'manifest', manifest });
  const precision = o.precision ?? 'fp32';
  const sessions: Partial<MeldSessions> = {};
  try {
    for (const graph of graphsOf(manifest, precision)) {
      const f = graphFile(manifest, precision, graph);
      const url = new URL(f.file, o.manifestUrl).href;
      const bytes = await o.loadAsset(url);
      const sha256 = await sha256Hex(bytes);
      if (bytes.length !== f.bytes || sha256 !== f.sha256) throw new ModelIntegrityError(url, { bytes: f.bytes, sha256: f.sha256 }, { bytes: bytes.length, sha256 });
      emit({ type: 'file', graph, file: f.file, bytes: bytes.length });
      sessions[graph] = await o.createSession(bytes, graph);
      emit({ type: 'session', graph });
    }
  } catch (e) {
    await Promise.all(Object.values(sessions).map((s) => s?.release()));
    throw e;
  }
  return new MeldGraphs(manifest, sessions as MeldSessions);
}
