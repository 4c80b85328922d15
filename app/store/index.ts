import { create } from 'zustand';
import type { AppState } from './appState';
import { createEngineSlice } from './engineSlice';
import { createRecorderSlice } from './recorderSlice';
import { createSttSlice } from './sttSlice';
import { createTtsSlice } from './ttsSlice';
import { createUiSlice } from './uiSlice';
import { createVoiceSlice } from './voiceSlice';

/**
 * The one app store, composed from slices. Actions work outside React too:
 * `useAppStore.getState().fileProgress(...)` (worker callbacks, recorders and players use them that way).
 */
export const useAppStore = create<AppState>()((...args) => ({
  ...createEngineSlice(...args),
  ...createVoiceSlice(...args),
  ...createTtsSlice(...args),
  ...createSttSlice(...args),
  ...createRecorderSlice(...args),
  ...createUiSlice(...args),
}));

export type { AppState } from './appState';
export type { AppError, UiProblem } from './appError';
export type { EngineStatus, ModelFileProgress } from './engineSlice';
export type { TtsFigures, TtsOutput, TtsRun, TtsSettings } from './ttsSlice';
export type { SttRun } from './sttSlice';
export type { RecordingPurpose, RecordingState } from './recorderSlice';
export type { PromptStatus, VoicePrompt, VoiceSource, VoiceTicket } from './voiceSlice';
