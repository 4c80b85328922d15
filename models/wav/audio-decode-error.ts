// Typed failure of WAV decoding, for the UI to explain an unusable upload.

import { KindError } from '../kindError';

export type AudioDecodeErrorKind =
  /** The bytes are not a RIFF/RIFX/RF64 WAVE file at all (an MP3, a text file, nothing). */
  | 'not-wav'
  /** A WAVE header, but a chunk is missing or a header value is impossible. */
  | 'corrupt'
  /** A valid WAVE file in an encoding we do not decode (e.g. MP3 or GSM inside WAV). */
  | 'unsupported-format'
  /** Decoded, but there is nothing to hear: no channels or no samples. */
  | 'empty';

/** Thrown by decodeWav. */
export class AudioDecodeError extends KindError<AudioDecodeErrorKind> {
  override readonly name = 'AudioDecodeError';
}
