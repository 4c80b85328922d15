import { useEffect, useMemo } from 'react';
import { encodeWav } from '../../models/wav';

/** An object URL of the audio as a 16-bit WAV file (models/wav encodeWav), revoked when it changes. */
export function useWavUrl(audio: Float32Array | null, sampleRate = 16000): string | null {
  const url = useMemo(() => (audio ? URL.createObjectURL(new Blob([encodeWav(audio, sampleRate) as Uint8Array<ArrayBuffer>], { type: 'audio/wav' })) : null), [audio, sampleRate]);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  return url;
}
