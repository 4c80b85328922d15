import * as Comlink from 'comlink';
import { useEffect, useState } from 'react';
import type { EngineApi } from '../../workers/engine/engineApi';
import { assetBaseUrl } from '../config/assetBaseUrl';
import { bootEngine } from '../engine/bootEngine';
import { useAppStore } from '../store';

/**
 * Owns the inference worker: starts it, boots the engine on the preferred backend (re-booting in a
 * fresh worker when the preference changes) and terminates it on unmount. Returns the comlink proxy
 * once the worker exists, for features that call the engine directly.
 */
export function useEngine(): Comlink.Remote<EngineApi> | undefined {
  const preferredBackend = useAppStore((state) => state.preferredBackend);
  const [engine, setEngine] = useState<Comlink.Remote<EngineApi>>();

  useEffect(() => {
    // Vite bundles the worker from this literal `new Worker(new URL(...))` form.
    const worker = new Worker(new URL('../../workers/inference.worker.ts', import.meta.url), {
      type: 'module',
      name: 'inference',
    });
    const remote = Comlink.wrap<EngineApi>(worker);
    let cancelled = false;
    const onWorkerError = (event: ErrorEvent) => {
      if (!cancelled) useAppStore.getState().engineFailed({ kind: 'worker-failed', detail: event.message || 'worker error' });
    };
    worker.addEventListener('error', onWorkerError);
    setEngine(() => remote);
    void bootEngine(remote, { assetBaseUrl: assetBaseUrl(), preferredBackend }, () => cancelled);

    return () => {
      cancelled = true;
      setEngine(undefined);
      worker.removeEventListener('error', onWorkerError);
      remote[Comlink.releaseProxy]();
      worker.terminate();
    };
  }, [preferredBackend]);

  return engine;
}
