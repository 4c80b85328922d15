/**
 * npm run bench:browser — in-browser speed of the production build on WASM in headless Chromium,
 * from a cold browser profile, printed as JSON:
 *  - model ready on a first visit (empty Cache Storage, nothing compiled) and on a cached visit
 *    (a reload in the same profile), from navigation to "ready", with the engine's own breakdown;
 *  - the very first Generate after each load: time to first audio and real-time factor (the engine
 *    warms up at load, so this is what a user meets first), then the median of later runs;
 *  - STT of a long file (default 60 s): real-time factor, against the same audio in Node on
 *    onnxruntime-web (WASM, one thread) and onnxruntime-node;
 *  - the machine's load average, since the figures depend on it.
 * A Playwright script, not a test: it measures, it does not judge.
 *
 * Options: --runs N (default 3) --port P (default 4330) --model DIR (an export to serve as models/meld/;
 * default: the one in the build) --stt-seconds S (default 60) --threads N (WASM threads; default the app's)
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { audioForModel, decodeWav } from '../../models/wav';
import { loadModelFromDisk, type NodeRuntime } from '../../training/cli/nodeModel';
import { transcribe } from '../../workers/meld/stt';
import { BASE_ARGS, executablePath } from '../browsers';
import { longSpeechWav } from '../micClips';
import { serveDist } from '../plainServer';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, port: { type: 'string', default: '4330' }, model: { type: 'string' }, 'stt-seconds': { type: 'string', default: '60' }, threads: { type: 'string' } } });
const runs = Number(values.runs);
const port = Number(values.port);
const sttSeconds = Number(values['stt-seconds']);

const TEXTS = ['The quick brown fox jumps over the lazy dog.', 'She was not in the least afraid of the dark. It was only a walk through the garden.'];

const state = <T>(page: Page, pick: string) => page.evaluate(`(${pick})(window.meld.getState())`) as Promise<T>;
/** Median of the runs that produced audio (a run that sampled <EOS> at once has no time to first audio or RTF). */
const median = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : null;
};
const round = (x: number | null, digits = 0) => (x === null ? null : +x.toFixed(digits));

interface TtsRun {
  text: string;
  firstAudioMs: number | null;
  totalMs: number;
  audioSeconds: number;
  realTimeFactor: number | null;
}

/** Opens the app and waits for model and preset voice: ms from navigation to ready, and the engine's breakdown. */
async function load(page: Page): Promise<{ readyMs: number; engine: Record<string, number | string> }> {
  const t0 = Date.now();
  await page.goto(`http://127.0.0.1:${port}/?debug&backend=wasm${values.threads ? `&threads=${values.threads}` : ''}`);
  await page.waitForFunction(() => window.meld?.getState().engine.phase === 'ready' && window.meld.getState().promptStatus.phase === 'ready', null, { timeout: 300_000 });
  const readyMs = Date.now() - t0;
  const timings = await state<Record<string, number | string>>(page, '(s) => s.engine.ready.timings');
  const engine = Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v) : v]));
  return { readyMs, engine };
}

async function generate(page: Page, text: string): Promise<TtsRun> {
  await page.getByTestId('tts-text').fill(text);
  await page.getByTestId('tts-generate').click();
  await page.waitForFunction(() => window.meld.getState().tts.phase === 'done', null, { timeout: 600_000 });
  const f = await state<{ firstAudioMs: number | null; totalMs: number; audioSeconds: number; realTimeFactor: number | null }>(page, '(s) => s.tts.output.figures');
  return { text, firstAudioMs: round(f.firstAudioMs), totalMs: Math.round(f.totalMs), audioSeconds: +f.audioSeconds.toFixed(2), realTimeFactor: round(f.realTimeFactor, 3) };
}

/** The same long file in Node, for the in-browser STT figure to be read against. */
async function nodeStt(path: string): Promise<Record<NodeRuntime, number>> {
  const audio = audioForModel(decodeWav(new Uint8Array(readFileSync(path))));
  const out = {} as Record<NodeRuntime, number>;
  for (const runtime of ['onnxruntime-web', 'onnxruntime-node'] as NodeRuntime[]) {
    const g = await loadModelFromDisk(values.model ?? 'public/models/meld', { runtime });
    const r = await transcribe(g, audio);
    out[runtime] = +(r.timing.totalMs / 1000 / r.timing.audioSeconds).toFixed(3);
    await g.release();
  }
  return out;
}

const loadBefore = loadavg().map((x) => +x.toFixed(2));
const server = await serveDist(port, { isolation: true, modelDir: values.model ? resolve(values.model) : undefined });
const browser = await chromium.launch({ executablePath, args: BASE_ARGS });
try {
  // A fresh context is a cold profile: empty Cache Storage and HTTP cache, no compiled code.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const firstVisit = await load(page);
  const ready = await state<{ backend: { threads: number }; model: { trainingStep: number; totalBytes: number; parameters: Record<string, number> } }>(page, '(s) => s.engine.ready');
  const presets = JSON.parse(readFileSync(new URL('../../dist/voices/presets.json', import.meta.url), 'utf8')).presets as { id: string; source: { heldOutVoice: boolean } }[];
  const heldOut = presets.find((p) => p.source.heldOutVoice)!.id;
  await page.getByTestId('voice-preset').selectOption(heldOut);
  await page.waitForFunction(() => window.meld.getState().promptStatus.phase === 'ready');
  const firstGenerate = await generate(page, TEXTS[0]);
  const later: TtsRun[] = [];
  for (let i = 0; i < runs; i++) for (const text of TEXTS) later.push(await generate(page, text));

  // STT of a long file, with the page's own figures.
  await page.getByTestId('tab-stt').click();
  const sttFile = longSpeechWav(sttSeconds, `bench-${sttSeconds}s.wav`);
  await page.getByTestId('stt-file').setInputFiles(sttFile);
  await page.waitForFunction(() => window.meld.getState().stt.phase === 'done', null, { timeout: 600_000 });
  const stt = await state<{ totalMs: number; audioSeconds: number }>(page, '(s) => s.stt');

  // The cached visit: same profile, a reload (model files from Cache Storage, runtime from the HTTP cache).
  const cachedVisit = await load(page);
  await page.getByTestId('voice-preset').selectOption(heldOut);
  await page.waitForFunction(() => window.meld.getState().promptStatus.phase === 'ready');
  const firstGenerateCached = await generate(page, TEXTS[0]);

  const node = await nodeStt(sttFile);
  const browserSttRtf = stt.totalMs / 1000 / stt.audioSeconds;
  console.log(
    JSON.stringify(
      {
        browser: `chromium ${browser.version()}`,
        backend: 'wasm',
        threads: ready.backend.threads,
        loadAverage: { before: loadBefore, after: loadavg().map((x) => +x.toFixed(2)) },
        model: { trainingStep: ready.model.trainingStep, bytes: ready.model.totalBytes, ...ready.model.parameters },
        modelReady: { firstVisitMs: firstVisit.readyMs, firstVisitEngine: firstVisit.engine, cachedVisitMs: cachedVisit.readyMs, cachedVisitEngine: cachedVisit.engine },
        tts: {
          firstGenerate,
          firstGenerateAfterCachedVisit: firstGenerateCached,
          later: { runs: later, medianFirstAudioMs: median(later.map((r) => r.firstAudioMs)), medianRealTimeFactor: median(later.map((r) => r.realTimeFactor)) },
        },
        stt: {
          fileSeconds: +stt.audioSeconds.toFixed(1),
          browserMs: Math.round(stt.totalMs),
          browserRealTimeFactor: +browserSttRtf.toFixed(3),
          nodeRealTimeFactor: node,
          browserVsNodeWeb: +(browserSttRtf / node['onnxruntime-web']).toFixed(2),
        },
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  server.close();
}
