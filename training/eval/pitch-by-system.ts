// Median F0 (Hz; 0 when nothing is voiced) per held-out voice, over the first 20 eval items: the
// recordings, the recordings through the vocoder, through a checkpoint's latent bottleneck, and the
// shipped model's own speech. Whether a stage keeps the voice's pitch:
//   MELD_CHECKPOINT=checkpoints/meld-v2/checkpoint.bin npx tsx training/eval/pitch-by-system.ts
import { loadCorpus } from './corpus';
import { buildEvalItems } from './items';
import { pitchStats } from './pitch';
import { createTts } from './registry';
import { registerCheckpointSystems } from './checkpoint-systems';
import { registerMeldSystems } from './meld-systems';
import { TranscriptCache } from './transcript-cache';
registerMeldSystems(); registerCheckpointSystems();
const corpus = await loadCorpus('data/full');
const ctx = { corpus, transcriptCache: new TranscriptCache(undefined), concurrency: 1 };
const names = ['ground-truth', 'vocoded-ground-truth', 'checkpoint-teacher-forced', 'meld'];
const systems = await Promise.all(names.map((n) => createTts(n, ctx)));
const items = buildEvalItems(corpus.utterances, 20);
const rows: Record<string, number[][]> = {};
for (const it of items) {
  const req = { text: it.target.text, promptAudio: await corpus.readAudio(it.prompt), promptText: it.prompt.text, seed: it.seed };
  const f0 = [];
  for (const s of systems) f0.push(pitchStats(await s.synthesize(req)).medianHz);
  (rows[it.target.speaker] ??= []).push(f0);
}
console.log(`| voice | ${names.join(' | ')} |`);
for (const [spk, r] of Object.entries(rows)) console.log(`| ${spk} | ${names.map((_, i) => (r.reduce((a, x) => a + x[i], 0) / r.length).toFixed(0)).join(' | ')} |`);
