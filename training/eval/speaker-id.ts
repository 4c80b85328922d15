// The voice-match judge: a deliberately simple speaker-identification baseline that nobody tuned
// for our model. Per utterance: mean and std of MFCC 1..19 over speech frames (timbre) and F0
// statistics (pitch level, range, voicing); standardised with statistics of the fitting set; then
// nearest class centroid.

import { logMel } from '../../models/dsp';
import { mfccFromLogMel } from './mfcc';
import { pitchStats } from './pitch';
import { quantile } from './silence';

export const MFCC_COUNT = 20;

/** Frames whose mean log-mel is within this many nats of the loud frames are speech (4 nats ~ 35 dB). */
const SPEECH_RANGE_NATS = 4;

/** Names of the speakerFeatures dimensions, for reports and debugging. */
export const SPEAKER_FEATURE_NAMES: readonly string[] = [
  ...Array.from({ length: MFCC_COUNT - 1 }, (_, k) => `mfcc${k + 1}_mean`),
  ...Array.from({ length: MFCC_COUNT - 1 }, (_, k) => `mfcc${k + 1}_std`),
  'log_f0_median',
  'f0_iqr_semitones',
  'voiced_fraction',
];

/** The feature vector of one 16 kHz utterance. c0 (loudness) is left out: level is not identity. */
export function speakerFeatures(audio: Float32Array): Float64Array {
  const mel = logMel(audio);
  const mfcc = mfccFromLogMel(mel, MFCC_COUNT);
  const count = MFCC_COUNT;
  const c0 = Array.from({ length: mfcc.frames }, (_, t) => mfcc.data[t * count]);
  const loud = quantile(c0, 0.95);
  // c0 = sqrt(nMels) * mean log-mel, so scale the nats range into c0 units.
  const nMels = mfcc.frames > 0 ? mel.data.length / mel.frames : 1;
  const speech = c0.map((value, t) => (value >= loud - SPEECH_RANGE_NATS * Math.sqrt(nMels) ? t : -1)).filter((t) => t >= 0);

  const features = new Float64Array(SPEAKER_FEATURE_NAMES.length);
  for (let k = 1; k < count; k++) {
    let sum = 0;
    let sumSq = 0;
    for (const t of speech) {
      const v = mfcc.data[t * count + k];
      sum += v;
      sumSq += v * v;
    }
    const n = Math.max(1, speech.length);
    const mean = sum / n;
    features[k - 1] = mean;
    features[count - 1 + k - 1] = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  }
  const pitch = pitchStats(audio);
  const base = 2 * (count - 1);
  // log F0 (0 Hz, i.e. nothing voiced, maps to log(1) = 0, far from any real voice).
  features[base] = Math.log(Math.max(pitch.medianHz, 1));
  features[base + 1] = pitch.iqrSemitones;
  features[base + 2] = pitch.voicedFraction;
  return features;
}

/** Per-dimension z-scoring with the mean and std of a fitting set. */
export class Standardiser {
  private constructor(
    readonly mean: Float64Array,
    readonly std: Float64Array,
  ) {}

  static fit(vectors: readonly Float64Array[]): Standardiser {
    if (vectors.length === 0) throw new Error('Standardiser.fit: no vectors');
    const dim = vectors[0].length;
    const mean = new Float64Array(dim);
    const std = new Float64Array(dim);
    for (const v of vectors) for (let d = 0; d < dim; d++) mean[d] += v[d] / vectors.length;
    for (const v of vectors) for (let d = 0; d < dim; d++) std[d] += (v[d] - mean[d]) ** 2 / vectors.length;
    // A constant dimension carries no information: std 1 keeps it at 0 instead of dividing by 0.
    for (let d = 0; d < dim; d++) std[d] = std[d] > 1e-12 ? Math.sqrt(std[d]) : 1;
    return new Standardiser(mean, std);
  }

  apply(v: Float64Array): Float64Array {
    return v.map((x, d) => (x - this.mean[d]) / this.std[d]);
  }
}

export type CentroidMetric = 'euclidean' | 'cosine';

export interface LabelledVector {
  label: string;
  features: Float64Array;
}

export interface Prediction {
  label: string;
  /** Distance to the chosen centroid (Euclidean distance, or 1 - cosine similarity). */
  distance: number;
}

/** Nearest class centroid on standardised features. */
export class NearestCentroid {
  private constructor(
    readonly standardiser: Standardiser,
    readonly labels: readonly string[],
    private readonly centroids: readonly Float64Array[],
    readonly metric: CentroidMetric,
  ) {}

  static fit(samples: readonly LabelledVector[], metric: CentroidMetric = 'euclidean'): NearestCentroid {
    const standardiser = Standardiser.fit(samples.map((s) => s.features));
    const sums = new Map<string, { sum: Float64Array; n: number }>();
    for (const { label, features } of samples) {
      const z = standardiser.apply(features);
      const entry = sums.get(label) ?? { sum: new Float64Array(z.length), n: 0 };
      for (let d = 0; d < z.length; d++) entry.sum[d] += z[d];
      entry.n++;
      sums.set(label, entry);
    }
    const labels = [...sums.keys()].sort();
    const centroids = labels.map((label) => {
      const { sum, n } = sums.get(label)!;
      return sum.map((x) => x / n);
    });
    return new NearestCentroid(standardiser, labels, centroids, metric);
  }

  predict(features: Float64Array): Prediction {
    const z = this.standardiser.apply(features);
    let best: Prediction = { label: '', distance: Number.POSITIVE_INFINITY };
    this.centroids.forEach((centroid, c) => {
      const distance = this.metric === 'cosine' ? cosineDistance(z, centroid) : euclidean(z, centroid);
      if (distance < best.distance) best = { label: this.labels[c], distance };
    });
    return best;
  }
}

function euclidean(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) sum += (a[d] - b[d]) ** 2;
  return Math.sqrt(sum);
}

function cosineDistance(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let d = 0; d < a.length; d++) {
    dot += a[d] * b[d];
    na += a[d] * a[d];
    nb += b[d] * b[d];
  }
  return na > 0 && nb > 0 ? 1 - dot / Math.sqrt(na * nb) : 1;
}
