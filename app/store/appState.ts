import type { StateCreator } from 'zustand';
import type { BackendSlice } from './backendSlice';
import type { ReferenceSlice } from './referenceSlice';

/** The whole app state: the union of every slice. */
export type AppState = BackendSlice & ReferenceSlice;

/** A slice sees (and may update) the whole state, but defines only its own part. */
export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;
