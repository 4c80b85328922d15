// One evaluation run end to end: items from the corpus, systems from the registry, the judges, and
// the report files. The CLI (run-eval.ts) and the harness test both call evaluate().

import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCorpus } from './corpus';
import { runHarness } from './harness';
import { buildEvalItems } from './items';
import { pocketsphinxDecodeCount, pocketsphinxStt } from './pocketsphinx';
import { createStt, createTts, type SystemContext } from './registry';
import { reportFigures } from './plots';
import { renderMarkdown } from './report-markdown';
import type { EvalReport, GroupSummary } from './results';
import type { CentroidMetric } from './speaker-id';
import { groupBy, summarise } from './summary';
import { TranscriptCache } from './transcript-cache';

export interface EvaluateOptions {
  /** Corpus directory, e.g. data/full. */
  corpusDir: string;
  /** Corpus config name, for the report. */
  config: string;
  /** Registered system names; undefined skips that task. */
  tts?: string;
  stt?: string;
  limit?: number;
  /** The new-text test subset (sentences of a text source no training utterance reads) instead of the test items. */
  newText?: boolean;
  /** Leave out the first `skip` items (a calibration set disjoint from the reported items). */
  skip?: number;
  /** Report name: files go to <outDir>/<name>/. Omit to skip writing files. */
  name: string;
  outDir?: string;
  /** JSONL transcript cache file; omit for in-memory only. */
  cacheFile?: string;
  concurrency?: number;
  fitPerSpeakerPerFold?: number;
  metric?: CentroidMetric;
  log?: (message: string) => void;
}

export async function evaluate(options: EvaluateOptions): Promise<{ report: EvalReport; files: string[] }> {
  const start = performance.now();
  const decodesBefore = pocketsphinxDecodeCount();
  const log = options.log ?? (() => {});
  const concurrency = options.concurrency ?? Math.max(1, os.availableParallelism());
  const corpus = await loadCorpus(options.corpusDir);
  const items = buildEvalItems(corpus.utterances, options.limit, options.newText, options.skip);
  if (items.length === 0) throw new Error(`no ${options.newText ? 'new-text ' : ''}test items in ${corpus.dir} (no test-split speaker with two or more${options.newText ? ' new-text' : ''} utterances)`);
  log(`${items.length} items from ${corpus.dir}`);

  const transcriptCache = new TranscriptCache(options.cacheFile);
  const context: SystemContext = { corpus, transcriptCache, concurrency };
  const judge = pocketsphinxStt({ cache: transcriptCache, concurrency });
  const tts = options.tts ? await createTts(options.tts, context) : undefined;
  const stt = options.stt ? await createStt(options.stt, context) : undefined;

  try {
    const harness = await runHarness({
      corpus,
      items,
      judge,
      tts,
      stt,
      fitPerSpeakerPerFold: options.fitPerSpeakerPerFold,
      metric: options.metric,
      log,
    });
    const familyBySpeaker = new Map(corpus.utterances.map((u) => [u.speaker, u.family]));
    const familyOf = (speaker: string) => familyBySpeaker.get(speaker);
    const perSpeaker: Record<string, GroupSummary & { family: string }> = {};
    for (const [speaker, group] of groupBy(harness.items, (i) => i.speaker)) {
      perSpeaker[speaker] = { family: group[0].family, ...summarise(group, familyOf) };
    }
    const perFamily: Record<string, GroupSummary> = {};
    for (const [family, group] of groupBy(harness.items, (i) => i.family)) perFamily[family] = summarise(group, familyOf);

    const report: EvalReport = {
      schema: 1,
      name: options.name,
      createdAt: new Date().toISOString(),
      corpus: { dir: displayPath(corpus.dir), config: options.config },
      systems: { tts: tts?.name ?? null, stt: stt?.name ?? null, judge: judge.name },
      settings: { limit: options.limit ?? null, ...(options.skip ? { skip: options.skip } : {}), concurrency, speakerId: harness.speakerId },
      timing: {
        totalSec: (performance.now() - start) / 1000,
        itemsSec: harness.timing.itemsSec,
        speakerIdFitSec: harness.timing.speakerIdFitSec,
        pocketsphinxDecodes: pocketsphinxDecodeCount() - decodesBefore,
        items: items.length,
      },
      overall: summarise(harness.items, familyOf),
      perSpeaker,
      perFamily,
      items: harness.items,
    };

    const files: string[] = [];
    if (options.outDir) {
      const dir = path.join(options.outDir, options.name);
      await mkdir(dir, { recursive: true });
      const figures = await reportFigures(report);
      for (const figure of figures) {
        await writeFile(path.join(dir, figure.file), figure.svg);
        files.push(path.join(dir, figure.file));
      }
      await writeFile(path.join(dir, 'eval.json'), reportJson(report));
      await writeFile(path.join(dir, 'README.md'), renderMarkdown(report, figures));
      files.push(path.join(dir, 'eval.json'), path.join(dir, 'README.md'));
    }
    return { report, files };
  } finally {
    await Promise.all([judge.dispose?.(), tts?.dispose?.(), stt?.dispose?.()]);
  }
}

/** A path relative to the working directory when inside it (portable reports), else absolute. */
function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative === '' ? '.' : relative.startsWith('..') ? dir : relative;
}

/** Indented summaries, one line per item (a 500-item report stays readable and diffable). Non-finite rates become null. */
export function reportJson(report: EvalReport): string {
  const { items, ...rest } = report;
  const head = JSON.stringify({ ...rest, items: [] }, null, 2);
  const body = items.map((item) => '    ' + JSON.stringify(item)).join(',\n');
  return head.replace(/"items": \[\]\n}$/, `"items": [\n${body}\n  ]\n}`) + '\n';
}
