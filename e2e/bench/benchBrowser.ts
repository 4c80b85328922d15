/**
 * npm run bench:browser — in-browser speed of the production build on WASM in headless Chromium:
 * model load, TTS time to first audio and real-time factor, STT real-time factor. Prints JSON.
 * A Playwright script, not a test: it measures, it does not judge.
 *
 * Options: --runs N (default 3) --port P (default 4330) --model DIR (an export to serve as models/meld/;
 * default: the one in the build)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { BASE_ARGS, executablePath } from '../browsers';
import { MIC_CLIP } from '../micClips';
import { serveDist } from '../plainServer';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, port: { type: 'string', default: '4330' }, model: { type: 'string' } } });
const runs = Number(values.runs);
const port = Number(values.port);

const TEXTS = ['The quick brown fox jumps over the lazy dog.', 'She was not in the least afraid of the dark. It was only a walk through the garden.'];

const state = <T>(page: Page, pick: string) => page.evaluate(`(${pick})(window.meld.getState())`) as Promise<T>;
/** Median of the runs that produced audio (a run that sampled <EOS> at once has no time to first audio or RTF). */
const median = (xs: (number | null)[]) => {
  const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : null;
};

const server = await serveDist(port, { isolation: true, modelDir: values.model ? resolve(values.model) : undefined });
const browser = await chromium.launch({ executablePath, args: BASE_ARGS });
try {
  const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
  const t0 = Date.now();
  await page.goto(`http://127.0.0.1:${port}/?debug&backend=wasm`);
  await page.waitForFunction(() => window.meld?.getState().engine.phase === 'ready' && window.meld.getState().promptStatus.phase === 'ready', null, { timeout: 300_000 });
  const loadMs = Date.now() - t0;
  const ready = await state<{ backend: { threads: number }; model: { trainingStep: number; totalBytes: number; parameters: Record<string, number> } }>(page, '(s) => s.engine.ready');
  const presets = JSON.parse(readFileSync(new URL('../../dist/voices/presets.json', import.meta.url), 'utf8')).presets as { id: string; source: { heldOutVoice: boolean } }[];
  await page.getByTestId('voice-preset').selectOption(presets.find((p) => p.source.heldOutVoice)!.id);
  await page.waitForFunction(() => window.meld.getState().promptStatus.phase === 'ready');

  const tts: { text: string; firstAudioMs: number | null; totalMs: number; audioSeconds: number; realTimeFactor: number | null }[] = [];
  for (let i = 0; i < runs; i++) {
    for (const text of TEXTS) {
      await page.getByTestId('tts-text').fill(text);
      await page.getByTestId('tts-generate').click();
      await page.waitForFunction(() => window.meld.getState().tts.phase === 'done', null, { timeout: 600_000 });
      const f = await state<{ firstAudioMs: number | null; totalMs: number; audioSeconds: number; realTimeFactor: number | null }>(page, '(s) => s.tts.output.figures');
      tts.push({ text, firstAudioMs: f.firstAudioMs, totalMs: f.totalMs, audioSeconds: f.audioSeconds, realTimeFactor: f.realTimeFactor });
    }
  }

  await page.getByTestId('tab-stt').click();
  const stt: { totalMs: number; audioSeconds: number; realTimeFactor: number }[] = [];
  for (let i = 0; i < runs; i++) {
    await page.getByTestId('stt-file').setInputFiles(MIC_CLIP.source);
    await page.waitForFunction(() => window.meld.getState().stt.phase === 'done', null, { timeout: 300_000 });
    const r = await state<{ totalMs: number; audioSeconds: number }>(page, '(s) => s.stt');
    stt.push({ totalMs: r.totalMs, audioSeconds: r.audioSeconds, realTimeFactor: r.totalMs / 1000 / r.audioSeconds });
    await page.evaluate(() => window.meld.getState().sttReset());
  }

  // The first TTS run pays for warm-up (first shapes, eSpeak NG); the summary uses the later ones.
  const warm = tts.slice(TEXTS.length).length > 0 ? tts.slice(TEXTS.length) : tts;
  console.log(
    JSON.stringify(
      {
        browser: `chromium ${browser.version()}`,
        backend: 'wasm',
        threads: ready.backend.threads,
        model: { trainingStep: ready.model.trainingStep, bytes: ready.model.totalBytes, ...ready.model.parameters },
        loadMs,
        tts: { runs: tts, medianFirstAudioMs: median(warm.map((r) => r.firstAudioMs)), medianRealTimeFactor: median(warm.map((r) => r.realTimeFactor)) },
        stt: { clipSeconds: MIC_CLIP.seconds, runs: stt, medianRealTimeFactor: median(stt.map((r) => r.realTimeFactor)) },
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  server.close();
}
