import { readFileSync } from 'node:fs';
import { ttsStepLimit } from '../models/meld/limits';
import { expect, test, type Page } from '@playwright/test';
import { scoreTranscript } from '../models/metrics/wer';
import { encodePhonemes, normalizeText, phonemizeText, splitSentences } from '../models/text';
import { decodeWav } from '../models/wav';
import { sentenceChars } from '../workers/meld/speakText';
import { attachScreenshot, collectConsoleErrors, generate, intelligible, MANIFEST, openReady, readStore, NOT_INTELLIGIBLE } from './appPage';

/**
 * Zero-shot TTS on WASM in the real browser: streaming, playback scheduling, figures, the mel view,
 * the WAV download, intelligibility (our STT on our TTS), stopping, and bad inputs.
 */

const HOP = 256;
const SAMPLE_RATE = 16000;
const PAUSE_SECONDS = 0.25;
/** Our STT must get at least half of the words of our own TTS right (trained model only). */
const MAX_ROUND_TRIP_WER = 0.5;
/**
 * A plausible length for a trained model: 0.03 to 0.15 s per character of normalised text. The
 * corpus speaks at ~0.05 s/char (e.g. 36 chars in 1.74 s), so this is ~0.6x to 3x the usual rate.
 */
const SECONDS_PER_CHAR = { min: 0.03, max: 0.15 } as const;

/** The most audio the engine may make for a text: synthesize()'s length guard (models/meld/limits) per sentence. */
async function lengthGuardSeconds(text: string): Promise<number> {
  const sentences = splitSentences(normalizeText(text), sentenceChars(MANIFEST.config.maxPositions));
  let steps = 0;
  for (const s of sentences) steps += ttsStepLimit(encodePhonemes(await phonemizeText(s)).length);
  return (steps * MANIFEST.config.framesPerStep * HOP) / SAMPLE_RATE + (sentences.length - 1) * PAUSE_SECONDS;
}

async function setText(page: Page, text: string): Promise<void> {
  await page.getByTestId('tts-text').fill(text);
}

async function chooseHeldOutPreset(page: Page): Promise<string> {
  const presets = JSON.parse(readFileSync(new URL('../dist/voices/presets.json', import.meta.url), 'utf8')).presets as { id: string; transcript: string; source: { heldOutVoice: boolean } }[];
  const preset = presets.find((p) => p.source.heldOutVoice);
  if (!preset) throw new Error('no held-out preset voice in presets.json');
  await page.getByTestId('voice-preset').selectOption(preset.id);
  await expect(page.getByTestId('voice-transcript')).toHaveValue(preset.transcript);
  return preset.id;
}

async function downloadWav(page: Page): Promise<{ path: string; audio: Float32Array; sampleRate: number }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tts-download').click()]);
  const path = await download.path();
  const decoded = decodeWav(new Uint8Array(readFileSync(path)));
  return { path, audio: decoded.channels[0], sampleRate: decoded.sampleRate };
}

test('TTS on WASM streams audio within the length guard, shows figures and the mel, and downloads as WAV', async ({ page }, testInfo) => {
  const errors = collectConsoleErrors(page);
  await openReady(page);
  const text = 'Hello there. This is a test of the speech model.';
  await setText(page, text);
  await chooseHeldOutPreset(page);
  await page.getByText('Advanced').click();
  await page.getByTestId('tts-seed').fill('7');

  const run = await generate(page);
  expect(run.phase).toBe('done');
  expect(run.backend).toBe('wasm');
  expect(run.sentences).toBe(2);
  // Streaming: several chunks, and the first one long before the end.
  expect(run.chunks).toBeGreaterThanOrEqual(2);
  expect(run.firstAudioMs).toBeGreaterThan(0);
  expect(run.firstAudioMs).toBeLessThan(run.totalMs);
  // Length: some audio (at least one 4-frame step per sentence), and never beyond the length guard.
  expect(run.audioSeconds).toBeGreaterThan(0.1);
  expect(run.audioSeconds).toBeLessThanOrEqual(await lengthGuardSeconds(text));
  // The audio is the vocoded mel: (frames - 1) hops per sentence, plus the pause between sentences.
  const expectedSamples = run.frames * HOP + (run.sentences - 1) * PAUSE_SECONDS * SAMPLE_RATE;
  expect(Math.abs(run.samples - expectedSamples)).toBeLessThanOrEqual(run.sentences * HOP);
  expect(run.codes.length * MANIFEST.config.framesPerStep).toBe(run.frames);
  expect(run.realTimeFactor).toBeCloseTo(run.totalMs / 1000 / run.audioSeconds, 6);

  const figures = page.getByTestId('tts-figures');
  await expect(figures).toHaveAttribute('data-backend', 'wasm');
  await expect(figures).toContainText('Real-time factor');
  await expect(figures).toContainText('First audio');
  // The mel view draws every frame, and not as one flat colour.
  const mel = page.getByTestId('mel-view');
  await expect(mel).toHaveAttribute('data-frames', String(run.frames));
  const distinctColours = await mel.evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  });
  expect(distinctColours).toBeGreaterThan(50);

  const wav = await downloadWav(page);
  expect(wav.sampleRate).toBe(SAMPLE_RATE);
  expect(wav.audio.length).toBe(run.samples);
  await attachScreenshot(page, testInfo, 'tts-result');

  // The same seed gives the same speech.
  const again = await generate(page);
  expect(again.codes).toEqual(run.codes);
  expect(errors).toEqual([]);
});

test('TTS output is intelligible to our own STT, at a plausible length', async ({ page }) => {
  test.fail(!intelligible, NOT_INTELLIGIBLE);
  await openReady(page);
  const text = 'She was not in the least afraid of the dark.';
  await setText(page, text);
  await chooseHeldOutPreset(page);
  const run = await generate(page);
  expect(run.phase).toBe('done');
  const chars = normalizeText(text).length;
  expect(run.audioSeconds / chars).toBeGreaterThanOrEqual(SECONDS_PER_CHAR.min);
  expect(run.audioSeconds / chars).toBeLessThanOrEqual(SECONDS_PER_CHAR.max);

  // The downloaded WAV goes through the STT panel, as a user would do it.
  const wav = await downloadWav(page);
  await page.getByTestId('tab-stt').click();
  await page.getByTestId('stt-file').setInputFiles(wav.path);
  await expect(page.getByTestId('stt-status')).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  const transcript = await page.getByTestId('stt-transcript').inputValue();
  const score = scoreTranscript(text, transcript);
  test.info().annotations.push({ type: 'round-trip', description: `"${transcript}" WER ${score.wer.toFixed(3)}` });
  expect(score.wer).toBeLessThanOrEqual(MAX_ROUND_TRIP_WER);
});

test('Stop interrupts a running generation', async ({ page }) => {
  await openReady(page);
  // Twenty sentences, so that the run is still going when Stop is clicked (three could end in between).
  await setText(page, Array.from({ length: 20 }, (_, i) => `This is sentence number ${i + 1}, and it is never reached at the end.`).join(' '));
  await page.getByTestId('tts-generate').click();
  // Wait for audio to stream in, then stop.
  await expect.poll(() => readStore<number>(page, '(s) => (s.tts.phase === "running" ? s.tts.chunks : -1)'), { timeout: 60_000, intervals: [50] }).toBeGreaterThan(0);
  await page.getByTestId('tts-stop').click();
  await expect(page.getByTestId('tts-status')).toHaveAttribute('data-phase', 'stopped');
  await expect(page.getByTestId('tts-status')).toContainText('Stopped after');
  // And the engine takes the next request.
  await setText(page, 'Hi.');
  expect((await generate(page)).phase).toBe('done');
});

test('bad inputs show what is wrong: empty text, unspeakable text, too much text, an unsupported voice file', async ({ page }, testInfo) => {
  await openReady(page);
  await setText(page, '   ');
  await page.getByTestId('tts-generate').click();
  await expect(page.getByTestId('tts-error')).toHaveAttribute('data-code', 'empty-text');
  await expect(page.getByTestId('tts-error')).toContainText('Type some text');

  await setText(page, '🙂 ✨ 🙂');
  await page.getByTestId('tts-generate').click();
  await expect(page.getByTestId('tts-error')).toHaveAttribute('data-code', 'text:unspeakable');
  await expect(page.getByTestId('tts-error')).toContainText('nothing to speak');

  // Long text is kept whole (spoken sentence by sentence), never cut in the text box.
  await setText(page, 'word '.repeat(300));
  expect((await page.getByTestId('tts-text').inputValue()).length).toBe(1500);
  await expect(page.getByTestId('tts-text-count')).toContainText('1,500 / 20,000');

  await page.getByTestId('voice-source-upload').check();
  await page.getByTestId('voice-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('this is not audio') });
  await expect(page.getByTestId('voice-error')).toHaveAttribute('data-code', 'unsupported-file');
  await expect(page.getByTestId('voice-error')).toContainText('not an audio file');
  await page.getByTestId('tts-generate').click();
  await expect(page.getByTestId('tts-error')).toHaveAttribute('data-code', 'no-voice');
  await attachScreenshot(page, testInfo, 'tts-bad-inputs');
});
