import * as Comlink from 'comlink';
import { describeError } from '../../workers/describeError';
import type { InitEvent, MeldEngineApi } from '../../workers/engine/meldEngineApi';
import { assetBaseUrl } from '../config/assetBaseUrl';
import { readThreads } from '../config/urlOptions';
import { useAppStore } from '../store';

/**
 * Owns the inference worker and its comlink proxy, outside React: actions (generate, transcribe)
 * and progress callbacks reach the store through useAppStore.getState().
 */
let current: { worker: Worker; remote: Comlink.Remote<MeldEngineApi>; generation: number } | undefined;
let generation = 0;

/** The engine proxy, once the worker exists. */
export function engineProxy(): Comlink.Remote<MeldEngineApi> | undefined {
  return current?.remote;
}

function onInitEvent(event: InitEvent): void {
  const store = useAppStore.getState();
  switch (event.type) {
    case 'stage':
      return store.engineStage(event.stage);
    case 'files':
      return store.setFiles(event.files);
    case 'file-progress':
      return store.fileProgress(event.name, event.loaded, event.source);
    case 'refetch':
      return store.recordRefetch(event.name, event.reason);
    case 'session':
      return store.recordSessionEvent(event.event);
  }
}

/** Starts a fresh worker and loads the model on the store's preferred backend; replaces any running one. */
export async function startEngine(): Promise<void> {
  stopEngine();
  const mine = ++generation;
  const live = () => mine === generation;
  // Vite bundles the worker from this literal `new Worker(new URL(...))` form.
  const worker = new Worker(new URL('../../workers/inference.worker.ts', import.meta.url), { type: 'module', name: 'inference' });
  const remote = Comlink.wrap<MeldEngineApi>(worker);
  current = { worker, remote, generation: mine };
  const store = useAppStore.getState();
  store.engineStarting();
  worker.addEventListener('error', (event) => {
    if (live()) useAppStore.getState().engineFailed({ kind: 'worker-failed', detail: event.message || 'the worker script failed to load' });
  });
  const { preferredBackend, precision } = store;
  try {
    // The listener runs in this page: comlink must pass it by reference, not clone it.
    const wasmThreads = readThreads(window.location.search);
    const ready = await remote.init({ assetBaseUrl: assetBaseUrl(), preferredBackend, precision, ...(wasmThreads ? { wasmThreads } : {}) }, Comlink.proxy((e: InitEvent) => live() && onInitEvent(e)));
    if (!live()) return;
    if (ready.ok) useAppStore.getState().engineReady(ready.value);
    else useAppStore.getState().engineFailed(ready.error);
  } catch (error) {
    // Engine methods return errors as results; a rejection means the worker itself failed.
    if (live()) useAppStore.getState().engineFailed({ kind: 'worker-failed', detail: describeError(error) });
  }
}

export function stopEngine(): void {
  generation++;
  if (!current) return;
  current.remote[Comlink.releaseProxy]();
  current.worker.terminate();
  current = undefined;
}
