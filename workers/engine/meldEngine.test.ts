import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkManifest, graphsOf } from '../../models/meld/manifest';
import { decodeWav, toModelAudio } from '../../models/wav';
import { AssetFetchError } from './assetLoader';
import { readFromDisk } from './diskDownloader.nodejs';
import type { Downloader } from './download';
import { MeldEngine } from './meldEngine';
import type { EngineInitOptions, EngineResult, InitEvent, TtsStreamEvent } from './meldEngineApi';

// The engine in-process, on onnxruntime-web's WASM backend in Node (no navigator.gpu, no Cache
// Storage), with the model the app ships.
const publicDir = new URL('../../public/', import.meta.url);
const options: EngineInitOptions = { assetBaseUrl: publicDir.href, preferredBackend: 'webgpu', ortRuntimeUrl: null };


async function manifest() {
  return checkManifest(JSON.parse(await readFile(fileURLToPath(new URL('models/meld/manifest.json', publicDir)), 'utf8')));
}

async function preset(id: string): Promise<{ audio: Float32Array; text: string }> {
  const presets = JSON.parse(await readFile(fileURLToPath(new URL('voices/presets.json', publicDir)), 'utf8'));
  const p = presets.presets.find((x: { id: string }) => x.id === id);
  const audio = toModelAudio(decodeWav(new Uint8Array(await readFile(fileURLToPath(new URL(`voices/${p.file}`, publicDir))))));
  return { audio, text: p.transcript };
}

function unwrap<T>(result: EngineResult<T>): T {
  if (!result.ok) throw new Error(`engine error: ${JSON.stringify(result.error)}`);
  return result.value;
}

let engine: MeldEngine | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
});

describe('MeldEngine (in-process, WASM in Node)', () => {
  it('loads every graph with progress, checks it, and explains the WASM fallback', async () => {
    engine = new MeldEngine({ download: readFromDisk });
    const events: InitEvent[] = [];
    const ready = unwrap(await engine.init(options, (e) => events.push(e)));
    const m = await manifest();

    expect(ready.backend).toMatchObject({ backend: 'wasm', fallbackReason: 'no-navigator-gpu' });
    expect(ready.precision).toBe('fp16'); // half the download; the same fp32 arithmetic on WASM
    expect(ready.model.trainingStep).toBe(m.training.step);
    expect(ready.model.totalBytes).toBe(Object.values(m.graphs.fp16).reduce((n, f) => n + f.bytes, 0));
    expect(events.filter((e) => e.type === 'stage').map((e) => e.type === 'stage' && e.stage)).toEqual(['manifest', 'downloading', 'creating-sessions', 'warming-up', 'ready']);
    const files = events.find((e) => e.type === 'files');
    expect(files?.type === 'files' && files.files.map((f) => f.name)).toEqual(graphsOf(m, 'fp16').map((g) => `${g}.fp16.onnx`));
    expect(ready.model.vocoder).toBe(m.vocoder ? 'neural' : 'griffin-lim');
    // Every file's last progress event says it is complete.
    for (const f of Object.values(m.graphs.fp16)) {
      const last = events.filter((e) => e.type === 'file-progress' && e.name === f.file).pop();
      expect(last).toMatchObject({ loaded: f.bytes, total: f.bytes, source: 'network' });
    }
    expect(events.filter((e) => e.type === 'session').map((e) => e.type === 'session' && e.event.type)).toEqual(['reference', 'trying', 'fallback', 'validated']);
  });

  it('streams TTS audio whose chunks add up to the result, sentence by sentence', async () => {
    engine = new MeldEngine({ download: readFromDisk });
    unwrap(await engine.init({ ...options, preferredBackend: 'wasm' }));
    const events: TtsStreamEvent[] = [];
    const out = unwrap(await engine.tts({ text: 'Hello there. How are you?', prompt: await preset('flite-slt-test-005'), seed: 3, temperature: 1, topP: 0.9 }, (e) => events.push(e)));

    expect(out.sentences).toBe(2);
    expect(events.filter((e) => e.type === 'sentence').map((e) => e.type === 'sentence' && e.text)).toEqual(['hello there.', 'how are you?']);
    const chunks = events.flatMap((e) => (e.type === 'audio' ? [e.samples] : []));
    expect(chunks.length).toBeGreaterThan(1);
    const streamed = new Float32Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((o, c) => (streamed.set(c, o), o + c.length), 0);
    expect(Array.from(streamed)).toEqual(Array.from(out.audio));
    expect(out.mel.length).toBe(out.frames * out.nMels);
    expect(out.timing.firstAudioMs).toBeGreaterThan(0);
    expect(out.timing.firstAudioMs).toBeLessThan(out.timing.totalMs);
    expect(out.codes.length).toBeGreaterThan(0);

    // The same seed gives the same codes (sampling and dropout masks are seeded).
    const again = unwrap(await engine.tts({ text: 'Hello there. How are you?', prompt: await preset('flite-slt-test-005'), seed: 3, temperature: 1, topP: 0.9 }));
    expect(again.codes).toEqual(out.codes);
  });

  it('runs one request at a time, and stop() ends the running one, keeping the audio made so far', async () => {
    engine = new MeldEngine({ download: readFromDisk });
    unwrap(await engine.init({ ...options, preferredBackend: 'wasm' }));
    const prompt = await preset('mbrola-us2-test-003');
    let chunks = 0;
    const running = engine.tts({ text: 'A long sentence to speak, so that there is time to stop it before it ends.', prompt, seed: 1, temperature: 1, topP: 0.9 }, (e) => {
      if (e.type !== 'audio') return;
      chunks++;
      void engine?.stop();
    });
    expect(await engine.stt(prompt.audio)).toEqual({ ok: false, error: { kind: 'busy' } });
    const stopped = unwrap(await running);
    expect(stopped.stopped).toBe(true);
    expect(stopped.stoppedBy).toEqual(['stopped']);
    // The streamed chunk is in the result, plus the tail vocoded after the stop (streamed too).
    expect(stopped.audio.length).toBeGreaterThan(0);
    expect(chunks).toBeGreaterThanOrEqual(1);
    expect(chunks).toBeLessThanOrEqual(3);
    // And the engine is free again.
    expect((await engine.stt(prompt.audio)).ok).toBe(true);
  });

  it('live transcription: pushed in pieces it holds the engine and writes what stt() writes; stop() cancels it and frees the engine', async () => {
    engine = new MeldEngine({ download: readFromDisk });
    unwrap(await engine.init({ ...options, preferredBackend: 'wasm' }));
    const { audio } = await preset('mbrola-us2-test-003');
    const whole = unwrap(await engine.stt(audio.slice())).text;
    const opened = unwrap(await engine.sttStart());
    // The shipped model's layout decides whether words arrive while recording.
    expect(opened.streaming).toBe((await manifest()).config.layout === 'aligned');
    expect(await engine.stt(audio.slice())).toEqual({ ok: false, error: { kind: 'busy' } });
    for (let i = 0; i < audio.length; i += 3200) unwrap(await engine.sttPush(audio.slice(i, i + 3200)));
    const live = unwrap(await engine.sttFinish());
    expect(live.text).toBe(whole);
    expect(live.timing.audioSeconds).toBeCloseTo(audio.length / 16000, 5);

    unwrap(await engine.sttStart());
    unwrap(await engine.sttPush(audio.slice(0, 16000)));
    await engine.stop();
    expect(await engine.sttFinish()).toMatchObject({ ok: false });
    expect((await engine.stt(audio.slice())).ok).toBe(true);
  });

  it('reports bad inputs as typed errors', async () => {
    engine = new MeldEngine({ download: readFromDisk });
    expect(await engine.stt(new Float32Array(16000))).toEqual({ ok: false, error: { kind: 'not-ready' } });
    unwrap(await engine.init({ ...options, preferredBackend: 'wasm' }));
    const prompt = await preset('flite-awb-test-000');
    expect(await engine.stt(new Float32Array(32000))).toMatchObject({ ok: false, error: { kind: 'audio', reason: 'silent' } });
    expect(await engine.tts({ text: '   ', prompt, seed: 0, temperature: 1, topP: 0.9 })).toMatchObject({ ok: false, error: { kind: 'text', reason: 'empty' } });
    expect(await engine.tts({ text: 'Hi.', prompt: { audio: new Float32Array(16000), text: 'x' }, seed: 0, temperature: 1, topP: 0.9 })).toMatchObject({
      ok: false,
      error: { kind: 'audio', reason: 'silent' },
    });
  });

  it('fetches a damaged download again, and fails clearly when it stays damaged', async () => {
    const m = await manifest();
    const lmUrl = new URL(`models/meld/${m.graphs.fp16.lm.file}`, publicDir).href;
    const damageLm = (times: number): Downloader => {
      let left = times;
      return async (url, onProgress, opts) => {
        const bytes = await readFromDisk(url, onProgress, opts);
        if (url !== lmUrl || left-- <= 0) return bytes;
        return bytes.slice(0, bytes.length >> 1); // a connection that broke off half-way
      };
    };
    engine = new MeldEngine({ download: damageLm(1) });
    const events: InitEvent[] = [];
    unwrap(await engine.init({ ...options, preferredBackend: 'wasm' }, (e) => events.push(e)));
    expect(events.filter((e) => e.type === 'refetch')).toEqual([{ type: 'refetch', name: m.graphs.fp16.lm.file, reason: 'download-damaged' }]);
    await engine.dispose();

    engine = new MeldEngine({ download: damageLm(2) });
    const result = await engine.init({ ...options, preferredBackend: 'wasm' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'integrity', url: lmUrl } });
  });

  it('offline with a cached manifest from an older export, says to connect once', async () => {
    const manifestUrl = new URL('models/meld/manifest.json', publicDir).href;
    const old = { ...(await manifest()), version: 1 };
    const stored = new Map([[manifestUrl, JSON.stringify(old)]]);
    const cache = {
      match: async (url: string) => (stored.has(url) ? new Response(stored.get(url)) : undefined),
      put: async () => undefined,
      delete: async () => true,
      keys: async () => [],
    } as unknown as Cache;
    const offline: Downloader = async (url) => {
      throw new AssetFetchError(url, 'Failed to fetch');
    };
    engine = new MeldEngine({ download: offline, openCache: async () => cache });
    const result = await engine.init({ ...options, preferredBackend: 'wasm' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-manifest' } });
    if (!result.ok && result.error.kind === 'bad-manifest') expect(result.error.detail).toMatch(/older version of the app.*connect to the internet once/);
  });

  it('reports a missing model as fetch-failed', async () => {
    engine = new MeldEngine({ download: readFromDisk });
    const result = await engine.init({ ...options, assetBaseUrl: new URL('does-not-exist/', publicDir).href });
    expect(result).toMatchObject({ ok: false, error: { kind: 'fetch-failed' } });
  });
});
