import type { ReferenceRun } from '../../workers/engine/engineApi';
import type { AppError } from './appError';
import type { SliceCreator } from './appState';

export type ReferenceStatus =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; run: ReferenceRun }
  | { phase: 'failed'; error: AppError };

export interface ReferenceSlice {
  reference: ReferenceStatus;
  referenceStarted: () => void;
  setReferenceRun: (run: ReferenceRun) => void;
  referenceFailed: (error: AppError) => void;
  resetReference: () => void;
}

export const createReferenceSlice: SliceCreator<ReferenceSlice> = (set) => ({
  reference: { phase: 'idle' },
  referenceStarted: () => set({ reference: { phase: 'running' } }),
  setReferenceRun: (run) => set({ reference: { phase: 'done', run } }),
  referenceFailed: (error) => set({ reference: { phase: 'failed', error } }),
  resetReference: () => set({ reference: { phase: 'idle' } }),
});
