import { AudioDecodeError, audioForModel } from '../../models/wav';

/** The file could not be decoded as audio by this browser. */
export class UnsupportedAudioError extends Error {
  override readonly name = 'UnsupportedAudioError';
}

/** The formats the file pickers offer; anything else the browser decodes is accepted too. */
export const AUDIO_FILE_ACCEPT = '.wav,.mp3,.ogg,.oga,.opus,.webm,.m4a,audio/wav,audio/mpeg,audio/ogg,audio/webm';

/** Decoding rate: a common native rate, so decodeAudioData does little work before our resampler. */
const DECODE_RATE = 48000;

/**
 * Any audio file the browser can decode (WAV, MP3, OGG, WebM, ...) -> 16 kHz mono for the model:
 * the browser's decodeAudioData for the codec, then models/wav for channel mixing and resampling
 * (the same resampler the trainer used).
 */
export async function decodeAudioFile(file: Blob & { name?: string }): Promise<Float32Array> {
  const name = file.name ? `"${file.name}"` : 'The file';
  const bytes = await file.arrayBuffer();
  if (bytes.byteLength === 0) throw new UnsupportedAudioError(`${name} is empty.`);
  const context = new OfflineAudioContext(1, 1, DECODE_RATE);
  let buffer: AudioBuffer;
  try {
    buffer = await context.decodeAudioData(bytes);
  } catch {
    throw new UnsupportedAudioError(`${name} is not an audio file this browser can decode. Use WAV, MP3, OGG or WebM.`);
  }
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, i) => buffer.getChannelData(i));
  try {
    // The same checks as every other path (models/wav): empty or invalid audio is a message, not a crash.
    return audioForModel({ sampleRate: buffer.sampleRate, channels }, name);
  } catch (error) {
    throw error instanceof AudioDecodeError ? new UnsupportedAudioError(error.message) : error;
  }
}
