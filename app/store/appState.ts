import type { StateCreator } from 'zustand';
import type { EngineSlice } from './engineSlice';
import type { RecorderSlice } from './recorderSlice';
import type { SttSlice } from './sttSlice';
import type { TtsSlice } from './ttsSlice';
import type { UiSlice } from './uiSlice';
import type { VoiceSlice } from './voiceSlice';

/** The whole app state: the union of every slice. */
export type AppState = EngineSlice & VoiceSlice & TtsSlice & SttSlice & RecorderSlice & UiSlice;

/** A slice sees (and may update) the whole state, but defines only its own part. */
export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;
