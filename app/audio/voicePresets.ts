import { audioForModel, decodeWav } from '../../models/wav';

/** One shipped voice prompt (public/voices/presets.json). */
export interface VoicePreset {
  id: string;
  label: string;
  transcript: string;
  /** WAV file name next to presets.json. */
  file: string;
  source: { corpus: string; utterance: string; split: string; engine: string; family: string; heldOutVoice: boolean };
}

interface PresetsFile {
  sampleRate: number;
  presets: VoicePreset[];
}

const PRESETS_PATH = 'voices/presets.json';

function isPreset(value: unknown): value is VoicePreset {
  const v = value as Partial<VoicePreset> | null;
  return !!v && typeof v.id === 'string' && typeof v.label === 'string' && typeof v.transcript === 'string' && typeof v.file === 'string' && typeof v.source === 'object';
}

export async function fetchVoicePresets(baseUrl: string): Promise<VoicePreset[]> {
  const response = await fetch(new URL(PRESETS_PATH, baseUrl));
  if (!response.ok) throw new Error(`voice presets: HTTP ${response.status}`);
  const file = (await response.json()) as Partial<PresetsFile>;
  if (!Array.isArray(file.presets) || !file.presets.every(isPreset)) throw new Error('voice presets: presets.json is malformed');
  return file.presets;
}

/** A preset's audio as the model hears it (16 kHz mono), decoded with models/wav. */
export async function fetchPresetAudio(baseUrl: string, preset: VoicePreset): Promise<Float32Array> {
  const response = await fetch(new URL(preset.file, new URL(PRESETS_PATH, baseUrl)));
  if (!response.ok) throw new Error(`voice ${preset.id}: HTTP ${response.status}`);
  return audioForModel(decodeWav(new Uint8Array(await response.arrayBuffer())), `voice ${preset.id}`);
}
