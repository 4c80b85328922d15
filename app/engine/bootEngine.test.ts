import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AssetLoader } from '../../workers/engine/assetLoader';
import { InferenceEngine } from '../../workers/engine/inferenceEngine';
import { useAppStore } from '../store';
import { bootEngine } from './bootEngine';

// The boot sequence against the real engine, in-process (WASM in Node): the store must end up
// describing what the engine did.
const assetBaseUrl = new URL('../../public/', import.meta.url).href;
const readAsset: AssetLoader = async (url) => new Uint8Array(await readFile(fileURLToPath(url)));
const initialState = useAppStore.getState();

beforeEach(() => useAppStore.setState(initialState, true));

describe('bootEngine', () => {
  it('records the backend, the selection steps and a passing reference run', async () => {
    const engine = new InferenceEngine(readAsset);
    await bootEngine(engine, { assetBaseUrl, preferredBackend: 'webgpu', ortRuntimeUrl: null });
    const state = useAppStore.getState();

    expect(state.engine.phase).toBe('ready');
    if (state.engine.phase === 'ready') {
      expect(state.engine.ready.backend).toMatchObject({ backend: 'wasm', fallbackReason: 'no-navigator-gpu' });
    }
    expect(state.sessionEvents.map((e) => e.type)).toEqual(['trying', 'fallback', 'trying', 'validated']);
    expect(state.reference.phase).toBe('done');
    if (state.reference.phase === 'done') {
      expect(state.reference.run.passed).toBe(true);
      expect(state.reference.run.output).toHaveLength(8);
    }
    await engine.dispose();
  });

  it('puts engine errors in the store', async () => {
    const engine = new InferenceEngine(readAsset);
    await bootEngine(engine, { assetBaseUrl: new URL('missing/', assetBaseUrl).href, preferredBackend: 'wasm', ortRuntimeUrl: null });
    const state = useAppStore.getState();
    expect(state.engine).toMatchObject({ phase: 'failed', error: { kind: 'fetch-failed' } });
    expect(state.reference.phase).toBe('idle');
  });

  it('writes nothing once cancelled (a newer boot owns the store)', async () => {
    const engine = new InferenceEngine(readAsset);
    let cancelled = false;
    const boot = bootEngine(engine, { assetBaseUrl, preferredBackend: 'wasm', ortRuntimeUrl: null }, () => cancelled);
    cancelled = true;
    await boot;
    const state = useAppStore.getState();
    // Only the synchronous "starting" write happened before cancellation.
    expect(state.engine).toEqual({ phase: 'starting', stage: 'starting-worker' });
    expect(state.reference.phase).toBe('idle');
    await engine.dispose();
  });

  it('reports a rejected engine call (a dead worker) as worker-failed', async () => {
    const deadEngine = new InferenceEngine(readAsset);
    deadEngine.init = () => Promise.reject(new Error('worker terminated'));
    await bootEngine(deadEngine, { assetBaseUrl, preferredBackend: 'wasm' });
    expect(useAppStore.getState().engine).toEqual({
      phase: 'failed',
      error: { kind: 'worker-failed', detail: 'worker terminated' },
    });
  });
});
