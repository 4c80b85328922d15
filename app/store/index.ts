import { create } from 'zustand';
import type { AppState } from './appState';
import { createBackendSlice } from './backendSlice';
import { createReferenceSlice } from './referenceSlice';

/**
 * The one app store, composed from slices. Actions work outside React too:
 * `useAppStore.getState().setBackend(...)` (the engine boot sequence uses them that way).
 */
export const useAppStore = create<AppState>()((...args) => ({
  ...createBackendSlice(...args),
  ...createReferenceSlice(...args),
}));

export type { AppState } from './appState';
export type { AppError } from './appError';
export type { EngineStatus } from './backendSlice';
export type { ReferenceStatus } from './referenceSlice';
