import type { AppError, UiProblem } from './appError';

/**
 * What makes a shown failure stale: an error message stays only while its cause does. 'text' is
 * an edit of the text, 'voice' a new or edited voice prompt, 'engine-free' the end of whatever run
 * kept the engine busy.
 */
export type ErrorCause = 'text' | 'voice' | 'engine-free';

const CAUSE: Partial<Record<(AppError | UiProblem)['kind'], ErrorCause>> = {
  'empty-text': 'text',
  'text-too-long': 'text',
  text: 'text',
  'no-voice': 'voice',
  prompt: 'voice',
  busy: 'engine-free',
  'not-ready': 'engine-free',
};

/** Whether `event` removes the cause of `error` (audio errors of a TTS run are the prompt's). */
export function clearedBy(error: AppError | UiProblem, event: ErrorCause, panel: 'tts' | 'stt'): boolean {
  if (panel === 'tts' && error.kind === 'audio') return event === 'voice';
  return CAUSE[error.kind] === event;
}
