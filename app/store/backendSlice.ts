import type { BackendPreference, EngineReady, EngineStage, SessionEvent } from '../../workers/engine/engineApi';
import type { AppError } from './appError';
import type { SliceCreator } from './appState';

export type EngineStatus =
  | { phase: 'idle' }
  | { phase: 'starting'; stage: EngineStage | 'starting-worker' }
  | { phase: 'ready'; ready: EngineReady }
  | { phase: 'failed'; error: AppError };

export interface BackendSlice {
  preferredBackend: BackendPreference;
  engine: EngineStatus;
  /** What the backend selection tried, in order (shown to explain a fallback). */
  sessionEvents: SessionEvent[];
  setPreferredBackend: (backend: BackendPreference) => void;
  engineStarting: () => void;
  engineStage: (stage: EngineStage) => void;
  recordSessionEvent: (event: SessionEvent) => void;
  setBackend: (ready: EngineReady) => void;
  engineFailed: (error: AppError) => void;
}

export const createBackendSlice: SliceCreator<BackendSlice> = (set) => ({
  preferredBackend: 'webgpu',
  engine: { phase: 'idle' },
  sessionEvents: [],
  setPreferredBackend: (preferredBackend) => set({ preferredBackend }),
  engineStarting: () => set({ engine: { phase: 'starting', stage: 'starting-worker' }, sessionEvents: [] }),
  engineStage: (stage) =>
    set((state) => (state.engine.phase === 'starting' ? { engine: { phase: 'starting', stage } } : {})),
  recordSessionEvent: (event) => set((state) => ({ sessionEvents: [...state.sessionEvents, event] })),
  setBackend: (ready) => set({ engine: { phase: 'ready', ready } }),
  engineFailed: (error) => set({ engine: { phase: 'failed', error } }),
});
