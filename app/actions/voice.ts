import { PROMPT_SECONDS } from '../../models/meld/requestLimits';
import { trimToSeconds } from '../../models/wav';
import { describeError } from '../../workers/describeError';
import { decodeAudioFile, UnsupportedAudioError } from '../audio/decodeAudioFile';
import { fetchPresetAudio, fetchVoicePresets } from '../audio/voicePresets';
import { assetBaseUrl } from '../config/assetBaseUrl';
import { engineProxy } from '../engine/engineClient';
import { useAppStore, type VoiceTicket } from '../store';
import { runStt } from './stt';

/** Loads the preset list and selects the first preset. */
export async function loadPresets(): Promise<void> {
  try {
    const presets = await fetchVoicePresets(assetBaseUrl());
    useAppStore.getState().setPresets(presets);
    const first = presets[0];
    if (first && useAppStore.getState().voiceSource === 'preset' && !useAppStore.getState().prompt) await selectPreset(first.id);
  } catch (error) {
    useAppStore.getState().presetsFailed(`The voice presets could not be loaded: ${describeError(error)}`);
  }
}

export async function selectPreset(id: string): Promise<void> {
  const store = useAppStore.getState();
  const preset = store.presets.find((p) => p.id === id);
  if (!preset) return;
  store.setVoiceSource('preset');
  store.setPresetId(id);
  const ticket = store.newVoiceChoice();
  store.promptLoading(ticket, 'loading');
  try {
    const audio = await fetchPresetAudio(assetBaseUrl(), preset);
    // Dropped by the store if the user chose another voice meanwhile.
    useAppStore.getState().setPrompt(ticket, { audio, text: preset.transcript, label: preset.label });
  } catch (error) {
    useAppStore.getState().promptFailed(ticket, { kind: 'engine', message: `The preset voice could not be loaded: ${describeError(error)}` });
  }
}

/** Stops our STT of a prompt once that prompt is no longer the chosen one (it would hold the engine for nothing). */
function stopWhenSuperseded(ticket: VoiceTicket): () => void {
  // Once only, at the moment of the change: a later stop() could hit a run the user has started since.
  const unsubscribe = useAppStore.subscribe((s) => {
    if (s.voiceTicket === ticket) return;
    unsubscribe();
    void engineProxy()?.stop();
  });
  return unsubscribe;
}

/** The Cancel button while a prompt is transcribed: keep the audio, the user types the transcript. */
export function cancelPromptTranscription(): void {
  if (useAppStore.getState().promptStatus.phase === 'transcribing') void engineProxy()?.stop();
}

/**
 * A voice prompt from audio without a transcript: trimmed to PROMPT_SECONDS.max up front (saying
 * so), then our own STT writes the transcript, which the user can edit.
 */
async function promptFromUntranscribed(ticket: VoiceTicket, raw: Float32Array, label: string): Promise<void> {
  const { audio, trimmed, originalSeconds } = trimToSeconds(raw, PROMPT_SECONDS.max);
  const notice = trimmed
    ? `${label} is ${originalSeconds.toFixed(1)} s long: only its first ${(audio.length / 16000).toFixed(1)} s are used (a prompt may be at most ${PROMPT_SECONDS.max} s; ${PROMPT_SECONDS.recommendedMin} to ${PROMPT_SECONDS.max} s works best).`
    : null;
  useAppStore.getState().promptLoading(ticket, 'transcribing', notice);
  const unsubscribe = stopWhenSuperseded(ticket);
  let result: Awaited<ReturnType<typeof runStt>>;
  try {
    result = await runStt(audio);
  } finally {
    unsubscribe();
  }
  const s = useAppStore.getState();
  s.sttEngineFree();
  s.ttsCauseGone('engine-free');
  if (result.ok) return s.setPrompt(ticket, { audio, text: result.value.text, label });
  if (result.error.kind === 'audio') return s.promptFailed(ticket, { kind: 'engine', message: `The voice prompt cannot be used: ${result.error.message}.` });
  // Cancelled, or STT unavailable (engine busy or loading): keep the audio, the user types the transcript.
  const why = result.error.kind === 'cancelled' ? 'Transcription stopped' : 'The transcript could not be written now';
  s.setPrompt(ticket, { audio, text: '', label }, [notice, `${why}: type what is said in the prompt.`].filter(Boolean).join(' '));
}

export async function promptFromFile(file: File): Promise<void> {
  const store = useAppStore.getState();
  store.setVoiceSource('upload');
  const ticket = store.newVoiceChoice();
  store.promptLoading(ticket, 'loading');
  let audio: Float32Array;
  try {
    audio = await decodeAudioFile(file);
  } catch (error) {
    useAppStore.getState().promptFailed(ticket, { kind: 'unsupported-file', message: error instanceof UnsupportedAudioError ? error.message : `The file could not be read: ${describeError(error)}` });
    return;
  }
  await promptFromUntranscribed(ticket, audio, file.name);
}

export async function promptFromRecording(audio: Float32Array): Promise<void> {
  const store = useAppStore.getState();
  store.setVoiceSource('recording');
  await promptFromUntranscribed(store.newVoiceChoice(), audio, 'Your recording');
}
