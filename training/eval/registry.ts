// Named systems that `npm run eval -- --tts <name> --stt <name>` can select. To evaluate our model,
// register a factory (here, or from a module the CLI imports) that wraps the engine in TtsSystem /
// SttSystem from ./systems.

import type { Corpus } from './corpus';
import { groundTruthTts } from './ground-truth-tts';
import { pocketsphinxStt } from './pocketsphinx';
import type { SttSystem, TtsSystem } from './systems';
import type { TranscriptCache } from './transcript-cache';

/** What a factory may use to build its system. */
export interface SystemContext {
  corpus: Corpus;
  /** Shared with the intelligibility judge, so identical recognisers on identical audio run once. */
  transcriptCache: TranscriptCache;
  /** Parallel worker processes allowed (CPU cores). */
  concurrency: number;
}

export type TtsFactory = (context: SystemContext) => TtsSystem | Promise<TtsSystem>;
export type SttFactory = (context: SystemContext) => SttSystem | Promise<SttSystem>;

const ttsFactories = new Map<string, TtsFactory>([['ground-truth', ({ corpus }) => groundTruthTts(corpus)]]);

const sttFactories = new Map<string, SttFactory>([
  ['pocketsphinx', ({ transcriptCache, concurrency }) => pocketsphinxStt({ cache: transcriptCache, concurrency })],
]);

export function registerTts(name: string, factory: TtsFactory): void {
  ttsFactories.set(name, factory);
}

export function registerStt(name: string, factory: SttFactory): void {
  sttFactories.set(name, factory);
}

export function ttsNames(): string[] {
  return [...ttsFactories.keys()];
}

export function sttNames(): string[] {
  return [...sttFactories.keys()];
}

export async function createTts(name: string, context: SystemContext): Promise<TtsSystem> {
  const factory = ttsFactories.get(name);
  if (!factory) throw new Error(`unknown TTS system "${name}"; registered: ${ttsNames().join(', ')}`);
  return factory(context);
}

export async function createStt(name: string, context: SystemContext): Promise<SttSystem> {
  const factory = sttFactories.get(name);
  if (!factory) throw new Error(`unknown STT system "${name}"; registered: ${sttNames().join(', ')}`);
  return factory(context);
}
