import type { SliceCreator } from './appState';

export type Tab = 'tts' | 'stt';

export interface UiSlice {
  tab: Tab;
  setTab: (tab: Tab) => void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  tab: 'tts',
  setTab: (tab) => set({ tab }),
});
