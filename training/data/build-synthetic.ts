// The synthetic corpus, end to end: text -> sentence pool and splits -> plan -> clips (resumable)
// -> manifest, mel statistics and summary.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClipTask } from './clip-pipeline';
import type { CorpusConfig } from './corpus-config';
import { planCorpus, planTasks, type PlannedClip } from './corpus-plan';
import { addBuildSeconds, CorpusStore, isSuccess } from './corpus-store';
import { finalizeCorpus } from './finalize-corpus';
import type { CorpusSummary, Utterance } from './manifest';
import { formatStageTimes, runClipJobs, type ClipJob } from './run-clip-jobs';
import { corpusText } from './text/corpusText';
import { missingPackages } from './voice-availability';
import { HELD_OUT_FAMILIES } from './voices';

export interface BuildOptions {
  outDir: string;
  workers: number;
  log?: (line: string) => void;
}

function jobOf(clips: readonly PlannedClip[]): ClipJob {
  const { speaker } = clips[0];
  const task: ClipTask = {
    kind: 'synth',
    voice: speaker.synth,
    clips: clips.map((c) => ({ id: c.id, text: c.text, augmentation: speaker.augmentation, seed: c.seed })),
  };
  return {
    task,
    clips: clips.map((c) => ({
      key: c.key,
      meta: { id: c.id, split: c.split, text: c.text, ...(c.source ? { source: c.source } : {}), ...(c.newText ? { newText: true } : {}), speaker: speaker.id, family: speaker.family, engine: speaker.engine, wav: c.wav },
    })),
  };
}

export async function buildSyntheticCorpus(config: CorpusConfig, options: BuildOptions): Promise<CorpusSummary> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const { outDir } = options;

  const text = corpusText(config);
  const { sentences } = text;
  for (const c of text.counts ?? []) log(`text ${c.id}: ${c.kept} sentences kept of ${c.passages} passages (skipped: ${c.foreign} other scripts or markup, ${c.unspeakable} unspeakable, ${c.shape} wrong shape, ${c.duplicate} duplicates)`);
  log(`text: ${sentences.train.length} train / ${sentences.valid.length} valid / ${sentences.test.length} test sentences${text.newText ? `; new text ${text.newText.valid.length} valid / ${text.newText.test.length} test` : ` from ${config.novels} novel(s)`}`);
  const plan = planCorpus(config, sentences, text.newText, text.sourceOf);
  const voices = [...new Map(plan.speakers.filter((s) => !(s.synth.kind === 'espeak' && s.synth.variant)).map((s) => [JSON.stringify(s.synth), s.synth])).values()];
  const missing = missingPackages(voices);
  if (missing.length > 0) throw new Error(`missing Debian packages for this corpus: ${missing.join(' ')} (see training/data/README.md)`);

  fs.mkdirSync(outDir, { recursive: true });
  const store = new CorpusStore(outDir, config.shardBytes);
  const todo = plan.clips.filter((c) => {
    const entry = store.finished(c.id, c.key);
    return !(entry && isSuccess(entry));
  });
  log(`plan: ${plan.clips.length} clips from ${plan.speakers.length} speakers; ${plan.clips.length - todo.length} already made, ${todo.length} to make`);
  const report = await runClipJobs(store, planTasks(todo, config.batchSize, config.seed).map(jobOf), {
    workers: options.workers,
    label: `corpus ${config.name}`,
  });

  const utterances: Utterance[] = [];
  let failed = 0;
  for (const clip of plan.clips) {
    const entry = store.finished(clip.id, clip.key);
    if (entry && isSuccess(entry)) utterances.push(entry.utterance);
    else failed++;
  }
  if (report.made > 0) log(`made ${report.made} clips in ${report.wallSeconds.toFixed(0)} s; worker time: ${formatStageTimes(report.times)}`);
  if (report.failures.length > 0) log(`${report.failures.length} clips failed and were skipped (see ${path.join(outDir, 'build', 'clips.jsonl')})`);
  const buildSeconds = Math.round(addBuildSeconds(outDir, (performance.now() - started) / 1000));
  const { summary, dropped } = finalizeCorpus(outDir, config.name, utterances, {
    heldOutFamilies: [...HELD_OUT_FAMILIES],
    textSource: text.description,
    buildSeconds,
    failedClips: failed,
  });
  for (const [speaker, n] of dropped) log(`dropped ${speaker}: only ${n} utterance(s) left after failures`);
  return summary;
}
