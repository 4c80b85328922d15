import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeWav } from '../../models/wav';
import { installVariants, preparePrivateEspeakData } from './espeak-data-dir';
import { espeakVoiceName, randomEspeakVariant, variantFileText } from './espeak-variant';
import { runProcess } from './run-process';
import { rngOf } from './seeded-random';

const variantOf = (seed: number, index: number) => randomEspeakVariant(rngOf(seed, 'espeak-speaker', index));

describe('espeak-ng voice variants', () => {
  it('are a pure function of the seed', () => {
    for (let i = 0; i < 20; i++) {
      expect(variantFileText('v', variantOf(1, i))).toBe(variantFileText('v', variantOf(1, i)));
    }
    expect(variantFileText('v', variantOf(1, 0))).not.toBe(variantFileText('v', variantOf(2, 0)));
  });

  it('give well over 1000 distinct voices, mixed in gender, accent and pitch', () => {
    const variants = Array.from({ length: 1500 }, (_, i) => variantOf(1, i));
    expect(new Set(variants.map((v) => variantFileText('v', v))).size).toBe(1500);
    expect(new Set(variants.map((v) => v.accent)).size).toBeGreaterThanOrEqual(5);
    const female = variants.filter((v) => v.gender === 'female').length / variants.length;
    expect(female).toBeGreaterThan(0.4);
    expect(female).toBeLessThan(0.6);
    for (const v of variants) {
      expect(v.pitch[1]).toBeGreaterThan(v.pitch[0]);
      expect(v.speed).toBeGreaterThanOrEqual(80);
      expect(v.speed).toBeLessThanOrEqual(125);
    }
    // Pitch bases spread over most of the adult range.
    const bases = variants.map((v) => v.pitch[0]);
    expect(Math.min(...bases)).toBeLessThan(75);
    expect(Math.max(...bases)).toBeGreaterThan(220);
  });

  describe('through espeak-ng', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meld-variant-test-'));
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    async function speak(name: string): Promise<Float32Array> {
      const variant = variantOf(1, Number(name.slice(1)));
      const espeakPath = preparePrivateEspeakData(root);
      installVariants(espeakPath, [{ name, text: variantFileText(name, variant) }]);
      const out = path.join(root, `${name}.wav`);
      await runProcess('espeak-ng', [`--path=${espeakPath}`, '-v', espeakVoiceName(variant.accent, name), '-w', out], { input: 'the weather was cold and the road was long.' });
      return decodeWav(new Uint8Array(fs.readFileSync(out))).channels[0];
    }

    it('changes the voice: different variants give different audio, the same variant the same audio', async () => {
      const a = await speak('v1');
      const again = await speak('v1');
      const b = await speak('v2');
      expect(a.length).toBeGreaterThan(10_000);
      expect(again).toEqual(a);
      expect(b.length === a.length && b.every((v, i) => v === a[i])).toBe(false);
      // Only the variant of the task is installed (espeak-ng lists at most 349 voices).
      expect(fs.readdirSync(path.join(root, 'espeak-ng-data', 'voices', '!v'))).toEqual(['v2']);
    });

    it('leaves the MBROLA voices reachable from the private data directory', async () => {
      const out = path.join(root, 'mb.wav');
      await runProcess('espeak-ng', [`--path=${preparePrivateEspeakData(root)}`, '-v', 'mb-us1', '-w', out], { input: 'hello there.' });
      expect(fs.statSync(out).size).toBeGreaterThan(10_000);
    });
  });
});
