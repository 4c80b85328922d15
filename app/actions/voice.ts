import { describeError } from '../../workers/describeError';
import { decodeAudioFile, UnsupportedAudioError } from '../audio/decodeAudioFile';
import { fetchPresetAudio, fetchVoicePresets } from '../audio/voicePresets';
import { assetBaseUrl } from '../config/assetBaseUrl';
import { useAppStore } from '../store';
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
  store.promptLoading('loading');
  try {
    const audio = await fetchPresetAudio(assetBaseUrl(), preset);
    // Still the chosen one? (the user may have picked another meanwhile)
    const s = useAppStore.getState();
    if (s.voiceSource === 'preset' && s.presetId === id) s.setPrompt({ audio, text: preset.transcript, label: preset.label });
  } catch (error) {
    useAppStore.getState().promptFailed({ kind: 'engine', message: `The preset voice could not be loaded: ${describeError(error)}` });
  }
}

/** A voice prompt from audio without a transcript: our own STT writes one, which the user can edit. */
async function promptFromUntranscribed(audio: Float32Array, label: string): Promise<void> {
  const store = useAppStore.getState();
  store.promptLoading('transcribing');
  const result = await runStt(audio);
  const s = useAppStore.getState();
  if (result.ok) {
    s.setPrompt({ audio, text: result.value.text, label });
    return;
  }
  if (result.error.kind === 'audio') {
    s.promptFailed({ kind: 'engine', message: result.error.message });
    return;
  }
  // STT unavailable (engine busy or loading): keep the audio, the user types the transcript.
  s.setPrompt({ audio, text: '', label });
}

export async function promptFromFile(file: File): Promise<void> {
  const store = useAppStore.getState();
  store.setVoiceSource('upload');
  store.promptLoading('loading');
  let audio: Float32Array;
  try {
    audio = await decodeAudioFile(file);
  } catch (error) {
    useAppStore.getState().promptFailed({ kind: 'unsupported-file', message: error instanceof UnsupportedAudioError ? error.message : `The file could not be read: ${describeError(error)}` });
    return;
  }
  await promptFromUntranscribed(audio, file.name);
}

export async function promptFromRecording(audio: Float32Array): Promise<void> {
  useAppStore.getState().setVoiceSource('recording');
  await promptFromUntranscribed(audio, 'Your recording');
}
