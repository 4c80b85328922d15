// Which onnxruntime-web build this worker runs (runtimeFiles.ts), loaded on first use. One build per
// worker: sessions and tensors of one build cannot be mixed with another's, and the app starts a
// new worker to switch backends. In Node (tests, CLIs) onnxruntime-web's Node entry serves every
// request: its browser builds cannot load there.

import type * as Ort from 'onnxruntime-web';
import type { OrtBuild } from './runtimeFiles';

export type OrtApi = typeof Ort;

const inNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

let loading: Promise<{ build: OrtBuild; api: OrtApi }> | undefined;
let loaded: { build: OrtBuild; api: OrtApi } | undefined;

/** Loads `build` unless a build is already loaded (the first call decides); resolves with the one in use. */
export function loadOrt(build: OrtBuild): Promise<{ build: OrtBuild; api: OrtApi }> {
  loading ??= (async () => {
    const api: OrtApi = inNode || build === 'all' ? await import('onnxruntime-web') : await import('onnxruntime-web/wasm');
    loaded = { build: inNode ? 'all' : build, api };
    return loaded;
  })();
  return loading;
}

/** The loaded onnxruntime (configureOrt loads it before any session exists). */
export function ortApi(): OrtApi {
  if (!loaded) throw new Error('onnxruntime is not loaded yet: configureOrt() comes first');
  return loaded.api;
}

/** The build in use, once loaded. */
export function ortBuild(): OrtBuild | undefined {
  return loaded?.build;
}
