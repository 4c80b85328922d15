import type { EngineError } from '../../workers/engine/meldEngineApi';

/** Everything that can go wrong with the engine, as the UI sees it: engine errors plus failures of the worker itself. */
export type AppError = EngineError | { kind: 'worker-failed'; detail: string };

/** A problem found in the page before or around an engine call (recording, decoding, input checks). */
export interface UiProblem {
  kind: 'permission-denied' | 'no-device' | 'unsupported-file' | 'too-short' | 'too-long' | 'empty-text' | 'text-too-long' | 'recording-failed' | 'no-voice' | 'engine';
  message: string;
}
