import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent, EngineResult } from './engineApi';
import { InferenceEngine, TINY_REFERENCE_PATH } from './inferenceEngine';
import type { AssetLoader } from './assetLoader';
import { parseTinyReference } from './tinyReference';

// The engine runs in-process here, on onnxruntime-web's WASM backend in Node (no navigator.gpu).
const publicDir = new URL('../../public/', import.meta.url);
const assetBaseUrl = pathToFileURL(fileURLToPath(publicDir)).href + '/';
const referenceUrl = new URL(TINY_REFERENCE_PATH, assetBaseUrl).href;

const readAsset: AssetLoader = async (url) => new Uint8Array(await readFile(fileURLToPath(url)));

/** A loader that serves a modified copy of one asset. */
function tamper(targetUrl: string, edit: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>): AssetLoader {
  return async (url) => {
    const bytes = await readAsset(url);
    return url === targetUrl ? edit(bytes) : bytes;
  };
}

function editReference(edit: (json: Record<string, any>) => void): AssetLoader {
  return tamper(referenceUrl, (bytes) => {
    const json = JSON.parse(new TextDecoder().decode(bytes));
    edit(json);
    return new TextEncoder().encode(JSON.stringify(json));
  });
}

function unwrap<T>(result: EngineResult<T>): T {
  if (!result.ok) throw new Error(`engine error: ${JSON.stringify(result.error)}`);
  return result.value;
}

let engine: InferenceEngine | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
});

describe('InferenceEngine (in-process, WASM in Node)', () => {
  it('falls back to WASM without navigator.gpu and reproduces the reference output', async () => {
    engine = new InferenceEngine(readAsset);
    const events: EngineEvent[] = [];
    const ready = unwrap(
      await engine.init({ assetBaseUrl, preferredBackend: 'webgpu', ortRuntimeUrl: null }, (e) => events.push(e)),
    );
    expect(ready.backend).toMatchObject({ backend: 'wasm', fallbackReason: 'no-navigator-gpu', threads: 1 });
    expect(ready.validation.maxAbsError).toBeLessThan(1e-5);

    expect(events.filter((e) => e.type === 'stage').map((e) => e.stage)).toEqual([
      'loading-reference',
      'loading-model',
      'creating-session',
      'ready',
    ]);
    expect(events.filter((e) => e.type === 'session').map((e) => e.event.type)).toEqual([
      'trying',
      'fallback',
      'trying',
      'validated',
    ]);

    const run = unwrap(await engine.runReference());
    const reference = parseTinyReference(JSON.parse(await readFile(fileURLToPath(referenceUrl), 'utf8')));
    expect(run.backend).toBe('wasm');
    expect(run.passed).toBe(true);
    expect(run.output).toHaveLength(reference.output.data.length);
    run.output.forEach((value, i) => expect(value).toBeCloseTo(reference.output.data[i], 5));
    // The reference is not degenerate: a model that outputs zeros or copies its bias would fail.
    expect(new Set(reference.output.data.map((v) => v.toFixed(3))).size).toBe(reference.output.data.length);
  });

  it('reports a forced WASM backend when WASM is requested', async () => {
    engine = new InferenceEngine(readAsset);
    const ready = unwrap(await engine.init({ assetBaseUrl, preferredBackend: 'wasm', ortRuntimeUrl: null }));
    expect(ready.backend).toMatchObject({ backend: 'wasm', fallbackReason: 'forced' });
  });

  it('refuses to run before init', async () => {
    engine = new InferenceEngine(readAsset);
    expect(await engine.runReference()).toEqual({ ok: false, error: { kind: 'not-initialised' } });
  });

  it('rejects a model whose bytes do not match the reference hash', async () => {
    const modelUrl = new URL('tiny.onnx', referenceUrl).href;
    engine = new InferenceEngine(
      tamper(modelUrl, (bytes) => {
        const copy = bytes.slice();
        copy[copy.length - 1] ^= 0xff;
        return copy;
      }),
    );
    const result = await engine.init({ assetBaseUrl, preferredBackend: 'wasm', ortRuntimeUrl: null });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ kind: 'integrity', url: modelUrl });
  });

  it('fails with wasm-output-mismatch when the backend cannot reproduce the expected output', async () => {
    engine = new InferenceEngine(
      editReference((json) => {
        json.output.data[3] += 0.01;
      }),
    );
    const result = await engine.init({ assetBaseUrl, preferredBackend: 'wasm', ortRuntimeUrl: null });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('backend-unavailable');
      if (result.error.kind === 'backend-unavailable') {
        expect(result.error.failure).toMatchObject({ kind: 'wasm-output-mismatch' });
        if (result.error.failure.kind === 'wasm-output-mismatch') {
          expect(result.error.failure.maxAbsError).toBeCloseTo(0.01, 4);
        }
      }
    }
  });

  it('reports a malformed reference file as bad-reference', async () => {
    engine = new InferenceEngine(
      editReference((json) => {
        json.input.data.pop();
      }),
    );
    const result = await engine.init({ assetBaseUrl, preferredBackend: 'wasm', ortRuntimeUrl: null });
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-reference', url: referenceUrl } });
  });

  it('reports a missing asset as fetch-failed', async () => {
    engine = new InferenceEngine(readAsset);
    const result = await engine.init({
      assetBaseUrl: new URL('does-not-exist/', assetBaseUrl).href,
      preferredBackend: 'wasm',
      ortRuntimeUrl: null,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'fetch-failed' } });
  });
});
