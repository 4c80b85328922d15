// `npm run data -- --config tiny|full`        synthesise a corpus into data/<config>/
// `npm run data -- --ljspeech DIR [--name N]`  ingest an LJSpeech-layout corpus into data/<N>/
// `npm run data -- --libritts DIR [--name N]`  ingest a LibriTTS-layout corpus into data/<N>/
// Options: --out DIR (instead of data/<name>), --workers N (default 2), --nice N (default 10: the
// build yields the CPU to other work on the machine). Re-running resumes where the last run stopped.

import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDuration } from '../loop/progress';
import { corpusConfig } from './corpus-config';
import { buildSyntheticCorpus } from './build-synthetic';
import { ingestUserCorpus } from './ingest-corpus';
import type { CorpusSummary } from './manifest';

function printSummary(dir: string, s: CorpusSummary): void {
  const total = s.hours.train + s.hours.valid + s.hours.test;
  console.log(`\ncorpus ${s.config} in ${dir}: ${total.toFixed(2)} h, built in ${formatDuration(s.buildSeconds)}`);
  for (const split of ['train', 'valid', 'test'] as const) {
    console.log(`  ${split.padEnd(5)} ${s.hours[split].toFixed(2).padStart(7)} h ${String(s.utterances[split]).padStart(6)} utterances ${String(s.speakers[split]).padStart(5)} speakers`);
  }
  for (const [source, v] of Object.entries(s.perSource ?? {})) console.log(`  ${source.padEnd(12)} ${String(v.sentences).padStart(6)} sentences ${String(v.utterances).padStart(6)} clips ${v.hours.toFixed(2).padStart(6)} h`);
  console.log(`  held-out families: ${s.heldOutFamilies.join(', ') || '(none)'}; failed clips: ${s.failedClips ?? 0}`);
  if (s.diskBytes) console.log(`  disk: ${(s.diskBytes.wavs / 1e9).toFixed(2)} GB of WAVs, ${(s.diskBytes.mels / 1e9).toFixed(2)} GB of mel shards`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      ljspeech: { type: 'string' },
      libritts: { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string' },
      workers: { type: 'string', default: '2' },
      nice: { type: 'string', default: '10' },
    },
  });
  const sources = [values.config, values.ljspeech, values.libritts].filter((v) => v !== undefined);
  if (sources.length !== 1) throw new Error('give exactly one of --config tiny|full, --ljspeech DIR, --libritts DIR');
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers must be a positive integer, got ${values.workers}`);
  // Lower priority for this process; the synthesiser processes it starts inherit it.
  os.setPriority(Number(values.nice));

  let summary: CorpusSummary;
  let outDir: string;
  if (values.config !== undefined) {
    const config = corpusConfig(values.config);
    outDir = path.resolve(values.out ?? path.join('data', config.name));
    summary = await buildSyntheticCorpus(config, { outDir, workers });
  } else {
    const layout = values.ljspeech !== undefined ? 'ljspeech' : 'libritts';
    const source = path.resolve((values.ljspeech ?? values.libritts)!);
    const name = values.name ?? layout;
    outDir = path.resolve(values.out ?? path.join('data', name));
    summary = await ingestUserCorpus({ layout, source, name, outDir, workers });
  }
  printSummary(outDir, summary);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
