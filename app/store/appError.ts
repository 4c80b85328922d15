import type { EngineError } from '../../workers/engine/engineApi';

/** Everything that can go wrong, as the UI sees it: engine errors plus failures of the worker itself. */
export type AppError = EngineError | { kind: 'worker-failed'; detail: string };
