// `npm run eval -- --tts <name|none> --stt <name|none> --config tiny|full|v2 [--limit N] [--new-text] [--name NAME] [--record]`
// Writes reports/<name>/eval.json, README.md and SVG figures; --record also stores the figures in
// the evaluated model's manifest (models/meld/quality.ts).

import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { percent } from '../../models/meld/quality';
import { corpusDir, corpusExists } from './corpus';
import { evaluate } from './evaluate';
import { pocketsphinxAvailable, POCKETSPHINX_PACKAGES } from './pocketsphinx';
import { registerCheckpointSystems } from './checkpoint-systems';
import { registerCodebookSystems } from './codebook-systems';
import { meldModelDir, registerMeldSystems, ttsSamplingOverridden } from './meld-systems';
import { measuredQuality, readManifest, recordQuality } from './record-quality';
import { sttNames, ttsNames } from './registry';
import type { CentroidMetric } from './speaker-id';

// Our model (the exported graphs in public/models/meld, or MELD_MODEL_DIR) as systems 'meld'.
registerMeldSystems();
registerCheckpointSystems();
registerCodebookSystems();

const USAGE = `usage: npm run eval -- [options]
  --config <tiny|full|v2>    corpus in data/<config>/ (default tiny)
  --data <dir>               corpus directory (overrides --config's data/<config>)
  --tts <name|none>          TTS system (default ground-truth; registered: ${ttsNames().join(', ')})
  --stt <name|none>          STT system (default pocketsphinx; registered: ${sttNames().join(', ')})
  --limit <N>                first N items, round-robin over held-out voices
  --new-text                 the new-text test subset (corpus v2: sentences of the held-out text source)
  --skip <N>                 leave out the first N items: a calibration set disjoint from the first N
                             (choose a decoding setting on --skip 100 --limit 40, report on --limit 100)
  --name <name>              report folder reports/<name>/ (default: the TTS name, else the STT name)
  --out <dir>                reports root (default reports)
  --fit-per-speaker <N>      ground-truth utterances per voice and fold for speaker-ID (default 20)
  --metric <euclidean|cosine> speaker-ID distance (default euclidean)
  --concurrency <N>          parallel pocketsphinx processes (default: CPU cores)
  --no-cache                 do not read or write runs/eval-cache/pocketsphinx.jsonl
  --record                   with --tts meld --stt meld: store the figures in the model's manifest.json`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', default: 'tiny' },
      data: { type: 'string' },
      tts: { type: 'string', default: 'ground-truth' },
      stt: { type: 'string', default: 'pocketsphinx' },
      limit: { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string', default: 'reports' },
      'fit-per-speaker': { type: 'string' },
      metric: { type: 'string', default: 'euclidean' },
      concurrency: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      record: { type: 'boolean', default: false },
      'new-text': { type: 'boolean', default: false },
      skip: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const dir = values.data ?? corpusDir(values.config);
  if (!corpusExists(dir)) throw new Error(`no corpus at ${dir}: build it with npm run data -- --config ${values.config}`);
  if (!pocketsphinxAvailable()) throw new Error(`the judge needs Debian's ${POCKETSPHINX_PACKAGES.join(' and ')}: apt-get install -y ${POCKETSPHINX_PACKAGES.join(' ')}`);
  const tts = values.tts === 'none' ? undefined : values.tts;
  const stt = values.stt === 'none' ? undefined : values.stt;
  if (!tts && !stt) throw new Error('nothing to evaluate: both --tts and --stt are none');
  if (values.metric !== 'euclidean' && values.metric !== 'cosine') throw new Error(`--metric must be euclidean or cosine`);
  const positive = (text: string | undefined, flag: string) => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer, got ${text}`);
    return n;
  };

  if (values.record && (tts !== 'meld' || stt !== 'meld')) throw new Error('--record stores an evaluation of our model: it needs --tts meld --stt meld');
  if (values.record && values['new-text']) throw new Error('--record stores the figures of the test items: run it without --new-text');
  if (values.record && values.skip !== undefined) throw new Error('--record stores the figures of the first items: run it without --skip');
  if (values.record && ttsSamplingOverridden()) throw new Error('--record stores the figures of the model as shipped: unset MELD_TTS_TEMPERATURE and MELD_TTS_TOP_P');
  // The manifest as evaluated: recording refuses if the model is exported again meanwhile.
  const modelDir = meldModelDir();
  const evaluated = values.record ? readManifest(modelDir) : undefined;

  const name = values.name ?? tts ?? stt!;
  const { report, files } = await evaluate({
    corpusDir: dir,
    config: values.config,
    tts,
    stt,
    limit: positive(values.limit, '--limit'),
    newText: values['new-text'],
    skip: positive(values.skip, '--skip'),
    name,
    outDir: values.out,
    cacheFile: values['no-cache'] ? undefined : 'runs/eval-cache/pocketsphinx.jsonl',
    concurrency: positive(values.concurrency, '--concurrency'),
    fitPerSpeakerPerFold: positive(values['fit-per-speaker'], '--fit-per-speaker'),
    metric: values.metric as CentroidMetric,
    log: (message) => console.error(`[eval] ${message}`),
  });

  const o = report.overall;
  console.log(`${report.name}: ${o.items} items, ${Object.keys(report.perSpeaker).length} voices, ${report.timing.totalSec.toFixed(1)} s`);
  console.log(`  ground truth: judge WER ${percent(o.groundTruth.wer)}, CER ${percent(o.groundTruth.cer)}, speaker-ID ${percent(o.groundTruth.speakerIdAccuracy)}`);
  if (o.tts) {
    console.log(
      `  TTS ${report.systems.tts}: WER ${percent(o.tts.wer)} (deletions ${percent(o.tts.deletionRate)}), speaker-ID ${percent(o.tts.speakerIdAccuracy)}, ` +
        `duration ratio ${o.tts.durationRatio.median.toFixed(2)}, items with silence > 1 s: ${o.tts.itemsWithLongSilence}`,
    );
  }
  if (o.stt) console.log(`  STT ${report.systems.stt}: WER ${percent(o.stt.wer)}, CER ${percent(o.stt.cer)}`);
  for (const file of files) console.log(`  wrote ${file}`);
  if (evaluated) {
    recordQuality(modelDir, evaluated, measuredQuality(report, path.join(values.out, name)));
    console.log(`  recorded the figures in ${path.join(modelDir, 'manifest.json')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
