import type { BackendPreference, EngineReady, EngineStage, PrecisionPreference, RefetchReason, SessionEvent } from '../../workers/engine/meldEngineApi';
import type { AppError } from './appError';
import type { SliceCreator } from './appState';

export type EngineStatus =
  | { phase: 'idle' }
  | { phase: 'loading'; stage: EngineStage | 'starting-worker' }
  | { phase: 'ready'; ready: EngineReady }
  | { phase: 'failed'; error: AppError };

export interface ModelFileProgress {
  name: string;
  total: number;
  loaded: number;
  source: 'cache' | 'network' | null;
}

export interface EngineSlice {
  preferredBackend: BackendPreference;
  precision: PrecisionPreference;
  engine: EngineStatus;
  files: ModelFileProgress[];
  /** Files that were fetched again, and why (shown so a re-download is never silent). */
  refetches: { name: string; reason: RefetchReason }[];
  /** What the backend selection did, in order (explains a fallback). */
  sessionEvents: SessionEvent[];
  setPreferredBackend: (backend: BackendPreference) => void;
  setPrecision: (precision: PrecisionPreference) => void;
  engineStarting: () => void;
  engineStage: (stage: EngineStage) => void;
  setFiles: (files: { name: string; total: number }[]) => void;
  fileProgress: (name: string, loaded: number, source: 'cache' | 'network') => void;
  recordRefetch: (name: string, reason: RefetchReason) => void;
  recordSessionEvent: (event: SessionEvent) => void;
  engineReady: (ready: EngineReady) => void;
  engineFailed: (error: AppError) => void;
}

export const createEngineSlice: SliceCreator<EngineSlice> = (set) => ({
  preferredBackend: 'webgpu',
  precision: 'auto',
  engine: { phase: 'idle' },
  files: [],
  refetches: [],
  sessionEvents: [],
  setPreferredBackend: (preferredBackend) => set({ preferredBackend }),
  setPrecision: (precision) => set({ precision }),
  engineStarting: () => set({ engine: { phase: 'loading', stage: 'starting-worker' }, files: [], refetches: [], sessionEvents: [] }),
  engineStage: (stage) => set((s) => (s.engine.phase === 'loading' ? { engine: { phase: 'loading', stage } } : {})),
  setFiles: (files) => set({ files: files.map((f) => ({ ...f, loaded: 0, source: null })) }),
  fileProgress: (name, loaded, source) => set((s) => ({ files: s.files.map((f) => (f.name === name ? { ...f, loaded, source } : f)) })),
  recordRefetch: (name, reason) => set((s) => ({ refetches: [...s.refetches, { name, reason }] })),
  recordSessionEvent: (event) => set((s) => ({ sessionEvents: [...s.sessionEvents, event] })),
  engineReady: (ready) => set({ engine: { phase: 'ready', ready } }),
  engineFailed: (error) => set({ engine: { phase: 'failed', error } }),
});
