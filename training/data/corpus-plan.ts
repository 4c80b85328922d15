// The corpus plan: every speaker and every clip, as a pure function of the config and the sentence
// pool. Nothing here runs a synthesiser, so the plan is cheap to recompute on every (resumed) run.

import { createHash } from 'node:crypto';
import { CLEAN, randomChannelAugmentation, randomSpeakerAugmentation, speedAugmentation, type Augmentation } from './augmentation';
import type { CorpusConfig } from './corpus-config';
import { espeakVoiceName, randomEspeakVariant, variantFileText } from './espeak-variant';
import type { Split } from './manifest';
import { chance, rngOf, seedOf, shuffled } from './seeded-random';
import { baseVoice, ESPEAK_FAMILY, isHeldOut, type SynthVoice } from './voices';

/** Bump when the clip pipeline changes what a clip sounds like, so resumed builds redo old clips. */
export const PIPELINE_VERSION = 1;

export interface SpeakerSpec {
  id: string;
  family: string;
  engine: string;
  synth: SynthVoice;
  augmentation: Augmentation;
}

export interface PlannedClip {
  id: string;
  split: Split;
  text: string;
  speaker: SpeakerSpec;
  /** Seed of the clip's own randomness (its noise). */
  seed: number;
  /** Hash of everything that determines the clip: a logged clip is reused only if its key matches. */
  key: string;
  /** WAV path relative to the corpus directory. */
  wav: string;
  /** Corpora of several text sources: the text's source. */
  source?: string;
  /** Read from the held-out text source (valid and test only). */
  newText?: boolean;
}

export interface CorpusPlan {
  speakers: SpeakerSpec[];
  /** In manifest order. */
  clips: PlannedClip[];
}

function clipKey(clip: Omit<PlannedClip, 'key'>): string {
  const { id, text, speaker, seed } = clip;
  // (The source is bookkeeping, not sound: it is not part of the key.)
  const identity = { v: PIPELINE_VERSION, id, text, seed, synth: speaker.synth, augmentation: speaker.augmentation };
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 16);
}

/** Hands out sentences of one split in a seeded order, wrapping around when used up. */
class SentenceDealer {
  private next = 0;
  private readonly order: string[];

  constructor(sentences: readonly string[], seed: number, split: Split) {
    if (sentences.length === 0) throw new Error(`no ${split} sentences: read more novels or raise the ${split} fraction`);
    this.order = shuffled(rngOf(seed, 'sentences', split), sentences);
  }

  deal(count: number): string[] {
    return Array.from({ length: count }, () => this.order[this.next++ % this.order.length]);
  }

  /** The first `count` sentences of the order, the same for every caller (parallel test sentences). */
  first(count: number): string[] {
    return Array.from({ length: count }, (_, i) => this.order[i % this.order.length]);
  }
}

function espeakSpeaker(config: CorpusConfig, index: number): SpeakerSpec {
  const rng = rngOf(config.seed, 'espeak-speaker', index);
  const variant = randomEspeakVariant(rng);
  const name = `meld-v${String(index).padStart(4, '0')}`;
  const withChannel = chance(rng, config.espeak.channelShare);
  return {
    id: `espeak-${variant.accent}-v${String(index).padStart(4, '0')}`,
    family: ESPEAK_FAMILY,
    engine: 'espeak-ng',
    synth: { kind: 'espeak', voice: espeakVoiceName(variant.accent, name), variant: { name, text: variantFileText(name, variant) } },
    augmentation: withChannel ? randomChannelAugmentation(rng) : CLEAN,
  };
}

function naturalSpeaker(voiceId: string): SpeakerSpec {
  const v = baseVoice(voiceId);
  return { id: v.id, family: v.family, engine: v.engine, synth: v.synth, augmentation: CLEAN };
}

function speedSpeaker(voiceId: string, speed: number): SpeakerSpec {
  return { ...naturalSpeaker(voiceId), id: `${voiceId}-s${String(Math.round(speed * 100)).padStart(3, '0')}`, augmentation: speedAugmentation(speed) };
}

function augmentedSpeaker(config: CorpusConfig, voiceId: string, index: number): SpeakerSpec {
  const id = `${voiceId}-a${String(index).padStart(2, '0')}`;
  return { ...naturalSpeaker(voiceId), id, augmentation: randomSpeakerAugmentation(rngOf(config.seed, 'augmentation', id)) };
}

/**
 * Plans the synthetic corpus. Throws if a training voice belongs to a held-out family. With `newText`
 * (corpus v2), every valid speaker and test voice also reads sentences of the held-out text source.
 */
export function planCorpus(config: CorpusConfig, sentences: Record<Split, string[]>, newText?: { valid: string[]; test: string[] }, sourceOf?: ReadonlyMap<string, string>): CorpusPlan {
  const dealers = {
    train: new SentenceDealer(sentences.train, config.seed, 'train'),
    valid: new SentenceDealer(sentences.valid, config.seed, 'valid'),
    test: new SentenceDealer(config.test.fromSource ? sentences.test.filter((t) => sourceOf?.get(t) === config.test.fromSource) : sentences.test, config.seed, 'test'),
  };
  const newDealers = newText && config.text
    ? { valid: new SentenceDealer(newText.valid, config.seed + 1, 'valid'), test: new SentenceDealer(newText.test, config.seed + 1, 'test') }
    : null;
  const speakers: SpeakerSpec[] = [];
  const clips: PlannedClip[] = [];
  const addClips = (speaker: SpeakerSpec, split: Split, texts: string[], tag = ''): void => {
    texts.forEach((text, i) => {
      const id = `${speaker.id}-${split}${tag}-${String(i).padStart(3, '0')}`;
      const source = sourceOf?.get(text);
      const clip = { id, split, text, speaker, seed: seedOf(config.seed, 'clip', id), wav: `wavs/${speaker.id}/${id}.wav`, ...(source ? { source } : {}), ...(tag ? { newText: true } : {}) };
      clips.push({ ...clip, key: clipKey(clip) });
    });
  };

  const espeakSpeakers = Array.from({ length: config.espeak.speakers }, (_, i) => espeakSpeaker(config, i));
  const cleanNatural: SpeakerSpec[] = [];
  const augmented: SpeakerSpec[] = [];
  for (const speaker of espeakSpeakers) addClips(speaker, 'train', dealers.train.deal(config.espeak.utterances));
  for (const group of config.natural) {
    for (const voiceId of group.voices) {
      const clean = naturalSpeaker(voiceId);
      if (isHeldOut(clean.family)) throw new Error(`config ${config.name}: ${voiceId} is of held-out family ${clean.family} and cannot be trained on`);
      cleanNatural.push(clean);
      addClips(clean, 'train', dealers.train.deal(group.cleanUtterances));
      for (const factor of group.speeds?.factors ?? []) {
        const speaker = speedSpeaker(voiceId, factor);
        augmented.push(speaker);
        addClips(speaker, 'train', dealers.train.deal(group.speeds!.utterances));
      }
      for (let a = 0; a < group.augmentedSpeakers; a++) {
        const speaker = augmentedSpeaker(config, voiceId, a);
        augmented.push(speaker);
        addClips(speaker, 'train', dealers.train.deal(group.augmentedUtterances));
      }
    }
  }
  speakers.push(...espeakSpeakers, ...cleanNatural, ...augmented);

  const validSpeakers = [
    ...cleanNatural,
    ...shuffled(rngOf(config.seed, 'valid-espeak'), espeakSpeakers).slice(0, config.valid.espeakSpeakers),
    ...shuffled(rngOf(config.seed, 'valid-augmented'), augmented).slice(0, config.valid.augmentedSpeakers),
  ];
  for (const speaker of validSpeakers) {
    addClips(speaker, 'valid', dealers.valid.deal(config.valid.utterances));
    if (newDealers) addClips(speaker, 'valid', newDealers.valid.deal(config.text!.newText.validUtterances), '-new');
  }

  for (const voiceId of config.test.voices) {
    const speaker = naturalSpeaker(voiceId);
    if (!isHeldOut(speaker.family)) throw new Error(`config ${config.name}: test voice ${voiceId} is not of a held-out family`);
    speakers.push(speaker);
    // Every test voice reads the same sentences: voices can be compared on identical text.
    addClips(speaker, 'test', dealers.test.first(config.test.utterances));
    if (newDealers) addClips(speaker, 'test', newDealers.test.first(config.text!.newText.testUtterances), '-new');
  }
  return { speakers, clips };
}

/** Clips grouped into worker tasks: one speaker per task (a synthesiser starts once per task), in a
 *  seeded order that mixes engines so that the progress bar's ETA is honest from the start. */
export function planTasks(clips: readonly PlannedClip[], batchSize: number, seed: number): PlannedClip[][] {
  const tasks: PlannedClip[][] = [];
  let current: PlannedClip[] = [];
  for (const clip of clips) {
    if (current.length > 0 && (current[0].speaker.id !== clip.speaker.id || current.length >= batchSize)) {
      tasks.push(current);
      current = [];
    }
    current.push(clip);
  }
  if (current.length > 0) tasks.push(current);
  return shuffled(rngOf(seed, 'task-order'), tasks);
}
