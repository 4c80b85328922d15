// The evaluation loop: for every item, the judges on the ground-truth audio (the ceiling), on the TTS
// output for the same sentence and prompt voice, and the STT system on the ground-truth audio.
//
// Systems under test get one request at a time (an engine need not be reentrant); the judge's
// recogniser runs in parallel processes meanwhile. The speaker-ID judge is cross-fitted: items of
// fold f are classified by a nearest-centroid model fitted on ground-truth utterances of fold 1 - f
// of ALL test speakers, so no item's own audio is in its classifier and --limit does not change the
// set of candidate voices.

import { performance } from 'node:perf_hooks';
import pLimit from 'p-limit';
import { scoreTranscript } from '../../models/metrics/wer';
import type { Utterance } from '../data/manifest';
import type { Corpus } from './corpus';
import { foldOf, testUtterancesBySpeaker, type EvalItem } from './items';
import type { AudioLength, ItemResult, ScoredTranscript, SpeakerIdSettings } from './results';
import { analyseSilences, durationRatio } from './silence';
import { NearestCentroid, SPEAKER_FEATURE_NAMES, speakerFeatures, type CentroidMetric } from './speaker-id';
import type { SttSystem, TtsSystem } from './systems';

export interface HarnessOptions {
  corpus: Corpus;
  items: readonly EvalItem[];
  /** The intelligibility judge (pocketsphinx), applied to ground truth and TTS output alike. */
  judge: SttSystem;
  tts?: TtsSystem;
  stt?: SttSystem;
  /** Ground-truth utterances per speaker and fold used to fit the speaker-ID judge. */
  fitPerSpeakerPerFold?: number;
  metric?: CentroidMetric;
  /** Items in flight at once (bounds memory while the judge's processes work). */
  pipelineDepth?: number;
  log?: (message: string) => void;
}

export interface HarnessResult {
  items: ItemResult[];
  speakerId: SpeakerIdSettings;
  timing: { itemsSec: number; speakerIdFitSec: number };
}

function scored(reference: string, transcript: string): ScoredTranscript {
  const score = scoreTranscript(reference, transcript);
  return { transcript, words: score.words.counts, chars: score.chars };
}

function lengthOf(audio: Float32Array): AudioLength {
  const { totalSec, speechSpanSec, longSilences } = analyseSilences(audio);
  return { totalSec, speechSpanSec, longSilences };
}

/** Item results without the speaker predictions, plus the features to classify. */
interface PendingItem {
  result: ItemResult;
  groundTruthFeatures: Float64Array;
  ttsFeatures?: Float64Array;
}

export async function runHarness(options: HarnessOptions): Promise<HarnessResult> {
  const { corpus, items, judge, tts, stt } = options;
  const log = options.log ?? (() => {});
  const fitPerSpeakerPerFold = options.fitPerSpeakerPerFold ?? 20;
  const metric = options.metric ?? 'euclidean';
  const systemTurn = pLimit(1);
  const pipeline = pLimit(options.pipelineDepth ?? 6);

  // Ground-truth features by utterance id: fitting sets and items share them.
  const featureCache = new Map<string, Float64Array>();
  const groundTruthFeatures = (u: Utterance, audio: Float32Array) => {
    let features = featureCache.get(u.id);
    if (!features) featureCache.set(u.id, (features = speakerFeatures(audio)));
    return features;
  };

  const itemsStart = performance.now();
  let done = 0;
  const evaluateItem = async (item: EvalItem): Promise<PendingItem> => {
    const { target, prompt } = item;
    const truthAudio = await corpus.readAudio(target);
    const truthJudge = judge.transcribe(truthAudio);
    const sttJob = stt
      ? systemTurn(async () => {
          const start = performance.now();
          const transcript = await stt.transcribe(truthAudio);
          return { transcript, transcribeSec: (performance.now() - start) / 1000 };
        })
      : undefined;
    const ttsJob = tts
      ? systemTurn(async () => {
          const promptAudio = await corpus.readAudio(prompt);
          const start = performance.now();
          const audio = await tts.synthesize({ text: target.text, promptAudio, promptText: prompt.text, seed: item.seed });
          return { audio, synthesisSec: (performance.now() - start) / 1000 };
        })
      : undefined;

    const truthLength = lengthOf(truthAudio);
    const truthFeatures = groundTruthFeatures(target, truthAudio);
    const result: ItemResult = {
      id: target.id,
      speaker: target.speaker,
      family: target.family,
      promptId: prompt.id,
      fold: item.fold,
      text: target.text,
      groundTruth: { judge: scored(target.text, await truthJudge), length: truthLength, predictedSpeaker: '' },
    };
    const pending: PendingItem = { result, groundTruthFeatures: truthFeatures };
    if (ttsJob) {
      const { audio, synthesisSec } = await ttsJob;
      const judged = judge.transcribe(audio);
      const length = lengthOf(audio);
      pending.ttsFeatures = speakerFeatures(audio);
      result.tts = {
        judge: scored(target.text, await judged),
        length,
        durationRatio: durationRatio(length, truthLength),
        predictedSpeaker: '',
        synthesisSec,
      };
    }
    if (sttJob) {
      const { transcript, transcribeSec } = await sttJob;
      result.stt = { ...scored(target.text, transcript), transcribeSec };
    }
    done++;
    if (done % 25 === 0 || done === items.length) log(`items ${done}/${items.length}`);
    return pending;
  };
  const pendingItems = await Promise.all(items.map((item) => pipeline(() => evaluateItem(item))));
  const itemsSec = (performance.now() - itemsStart) / 1000;

  // Speaker-ID judge: one classifier per fold, fitted on the other fold's ground truth.
  const fitStart = performance.now();
  const bySpeaker = testUtterancesBySpeaker(corpus.utterances);
  const classifiers: NearestCentroid[] = [];
  for (const heldFold of [0, 1] as const) {
    const samples = [];
    for (const [speaker, group] of bySpeaker) {
      const fitting = group.filter((_, index) => foldOf(index) !== heldFold).slice(0, fitPerSpeakerPerFold);
      for (const u of fitting) samples.push({ label: speaker, features: groundTruthFeatures(u, await corpus.readAudio(u)) });
    }
    classifiers[heldFold] = NearestCentroid.fit(samples, metric);
  }
  const speakerIdFitSec = (performance.now() - fitStart) / 1000;
  log(`speaker-ID fitted on ${bySpeaker.size} voices in ${speakerIdFitSec.toFixed(1)} s`);

  const results = pendingItems.map(({ result, groundTruthFeatures: truth, ttsFeatures }) => {
    const classifier = classifiers[result.fold];
    result.groundTruth.predictedSpeaker = classifier.predict(truth).label;
    if (result.tts && ttsFeatures) result.tts.predictedSpeaker = classifier.predict(ttsFeatures).label;
    return result;
  });

  return {
    items: results,
    speakerId: { metric, fitPerSpeakerPerFold, speakers: bySpeaker.size, features: SPEAKER_FEATURE_NAMES },
    timing: { itemsSec, speakerIdFitSec },
  };
}
