// The audio front-end configuration shared by the trainer and the browser. Every DSP function reads
// its defaults from AUDIO; tests may override single fields through an options object.

export const AUDIO = {
  /** Mono sample rate in Hz. */
  sampleRate: 16000,
  /** FFT size: 1024 gives 513 frequency bins of 15.625 Hz. */
  nFft: 1024,
  /** Analysis window length (periodic Hann), centred inside nFft when shorter. */
  winLength: 1024,
  /** Frame step in samples: 62.5 frames per second at 16 kHz. */
  hop: 256,
  /** Mel bands. */
  nMels: 80,
  /** Lowest and highest mel filter edge in Hz. */
  fMin: 0,
  fMax: 8000,
  /** Magnitudes are clamped to this before the natural log (log(1e-5) ≈ -11.51). */
  logFloor: 1e-5,
} as const;

/** The shape of AUDIO with plain numbers, so that overrides type-check. */
export type AudioConfig = { readonly [K in keyof typeof AUDIO]: number };

/** Number of one-sided FFT bins for an FFT size (513 for 1024). */
export function fftBins(nFft: number): number {
  return (nFft >> 1) + 1;
}

/**
 * AUDIO with the given fields replaced, checked once here so the DSP code can trust it.
 * Throws a RangeError naming the offending field: a bad config is a programming error.
 */
export function resolveAudioConfig(overrides: Partial<AudioConfig> = {}): AudioConfig {
  const config: AudioConfig = { ...AUDIO, ...overrides };
  const fail = (field: keyof AudioConfig, why: string): never => {
    throw new RangeError(`audio config: ${field} = ${config[field]} ${why}`);
  };
  const { sampleRate, nFft, winLength, hop, nMels, fMin, fMax, logFloor } = config;
  if (!(sampleRate > 0)) fail('sampleRate', 'must be positive');
  // fft.js only does powers of two.
  if (!Number.isInteger(nFft) || nFft < 4 || (nFft & (nFft - 1)) !== 0) fail('nFft', 'must be a power of two >= 4');
  if (!Number.isInteger(winLength) || winLength < 2 || winLength > nFft) fail('winLength', 'must be an integer in [2, nFft]');
  // hop <= winLength keeps every sample under some window, so the iSTFT can divide by the window sum.
  if (!Number.isInteger(hop) || hop < 1 || hop > winLength) fail('hop', 'must be an integer in [1, winLength]');
  if (!Number.isInteger(nMels) || nMels < 1) fail('nMels', 'must be a positive integer');
  if (!(fMin >= 0)) fail('fMin', 'must be >= 0');
  if (!(fMax > fMin && fMax <= sampleRate / 2)) fail('fMax', 'must be in (fMin, sampleRate / 2]');
  if (!(logFloor > 0)) fail('logFloor', 'must be positive');
  return config;
}
