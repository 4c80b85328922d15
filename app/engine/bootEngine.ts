import * as Comlink from 'comlink';
import { describeError } from '../../workers/describeError';
import type { EngineApi, EngineEventListener, EngineInitOptions } from '../../workers/engine/engineApi';
import { useAppStore } from '../store';

/** The engine as the app holds it: through comlink (worker) or directly (in-process, tests). */
export type EngineHandle = Comlink.Remote<EngineApi> | EngineApi;

/**
 * Starts the engine and runs the reference check, reporting every step to the store. Runs outside
 * React; `isCancelled` stops a superseded boot (backend switched, component unmounted) from writing.
 */
export async function bootEngine(
  engine: EngineHandle,
  options: EngineInitOptions,
  isCancelled: () => boolean = () => false,
): Promise<void> {
  const store = useAppStore.getState();
  store.engineStarting();
  store.resetReference();

  const onEvent: EngineEventListener = (event) => {
    if (isCancelled()) return;
    if (event.type === 'stage') store.engineStage(event.stage);
    else store.recordSessionEvent(event.event);
  };

  try {
    // The listener is called from the worker: comlink must pass it by reference, not clone it.
    const ready = await engine.init(options, Comlink.proxy(onEvent));
    if (isCancelled()) return;
    if (!ready.ok) {
      store.engineFailed(ready.error);
      return;
    }
    store.setBackend(ready.value);

    store.referenceStarted();
    const run = await engine.runReference();
    if (isCancelled()) return;
    if (run.ok) store.setReferenceRun(run.value);
    else store.referenceFailed(run.error);
  } catch (error) {
    // Engine methods return errors as results; a rejection means the worker itself failed.
    if (!isCancelled()) store.engineFailed({ kind: 'worker-failed', detail: describeError(error) });
  }
}
