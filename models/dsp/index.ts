// The mel front end shared by the trainer and the browser: STFT, log-mel, normalisation, and the
// Griffin-Lim way back to audio. Parameters default to AUDIO (models/config/audio).

export { stft, istft, stftGeometry, stftFrameCount, hannWindow } from './stft';
export type { StftOptions, IstftOptions, StftGeometry, Spectrogram, ComplexSpectrogram } from './stft';
export { logMel, logMelFrames, magnitudeToLogMel, melFilterbank, melBands, melProject, hzToMel, melToHz } from './mel';
export type { LogMel, MelBand, MelOptions } from './mel';
export { MelStatsAccumulator, normalizeMel, denormalizeMel, isMelStats, MEL_STD_FLOOR } from './normalize';
export type { MelStats } from './normalize';
export { melToLinear, griffinLim, randomPhases } from './griffinLim';
export type { GriffinLimOptions, MelToLinearOptions } from './griffinLim';
