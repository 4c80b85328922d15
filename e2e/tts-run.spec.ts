import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { MAX_TEXT_CHARS } from '../models/meld/requestLimits';
import { normalizeText, splitSentences } from '../models/text';
import { decodeWav } from '../models/wav';
import { sentenceChars } from '../workers/meld/speakText';
import { MANIFEST, openReady, readStore } from './appPage';

/**
 * Issue 19, problems 3 and 4: long text is spoken to the end, sentence by sentence; a double click
 * on Generate does not stop the run; Stop keeps the audio made so far; errors go with their cause.
 */

test('long text is spoken sentence by sentence to the end, with progress', async ({ page }) => {
  test.setTimeout(600_000);
  await openReady(page);
  // ~1,500 characters of short sentences: more than the old silent 1,000-character cut.
  const sentences = Array.from({ length: 50 }, (_, i) => `Line ${['one', 'two', 'three', 'four', 'five'][i % 5]} is here, number ${i + 1}.`);
  const text = sentences.join(' ');
  expect(text.length).toBeGreaterThan(1200);
  await page.getByTestId('tts-text').fill(text);
  expect(await page.getByTestId('tts-text').inputValue()).toBe(text);
  const expected = splitSentences(normalizeText(text), sentenceChars(MANIFEST.config.maxPositions));

  await page.getByTestId('tts-generate').click();
  await expect(page.getByTestId('tts-status')).toContainText(`of ${expected.length}`, { timeout: 60_000 });
  await expect(page.getByTestId('tts-status')).toHaveAttribute('data-phase', 'done', { timeout: 540_000 });
  const run = await readStore<{ sentences: number; spoken: string[] }>(page, '(s) => ({ sentences: s.tts.output.sentences, spoken: s.tts.output.spokenSentences })');
  expect(run.sentences).toBe(expected.length);
  expect(run.spoken.at(-1)).toBe(expected.at(-1));
});

test('text over the limit is refused with a plain message, not cut without a word', async ({ page }) => {
  await openReady(page);
  const limit = MAX_TEXT_CHARS;
  const text = 'All work and no play makes a dull day. '.repeat(Math.ceil((limit + 100) / 39));
  await page.getByTestId('tts-text').fill(text);
  expect((await page.getByTestId('tts-text').inputValue()).length).toBe(text.length);
  await expect(page.getByTestId('tts-text-count')).toContainText(`${text.length.toLocaleString('en')} / ${limit.toLocaleString('en')}`);
  await page.getByTestId('tts-generate').click();
  await expect(page.getByTestId('tts-error')).toHaveAttribute('data-code', 'text-too-long');
  await expect(page.getByTestId('tts-error')).toContainText('characters');
});

test('a double click on Generate does not stop the run', async ({ page }) => {
  test.setTimeout(240_000);
  await openReady(page);
  await page.getByTestId('tts-text').fill('This is the first sentence. Here comes a second one.');
  // Mouse clicks use viewport coordinates: bring the button into view first.
  await page.getByTestId('tts-generate').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('tts-generate').boundingBox())!;
  // Near the button's start, where any button that takes its place would be too.
  const [x, y] = [box.x + 12, box.y + box.height / 2];
  // Two clicks at the same spot, as a double-clicking user makes them: the second one lands once the
  // run has started (within 300 ms on an idle machine; here we wait for it, so the test is not a race).
  await page.mouse.click(x, y);
  await expect(page.getByTestId('tts-status')).toHaveAttribute('data-phase', 'running');
  await page.mouse.click(x, y);
  await expect(page.getByTestId('tts-status')).not.toHaveAttribute('data-phase', /idle|running/, { timeout: 200_000 });
  await expect(page.getByTestId('tts-status')).toHaveAttribute('data-phase', 'done');
});

test('Stop keeps the audio made so far playable and downloadable', async ({ page }) => {
  test.setTimeout(240_000);
  await openReady(page);
  // Twenty sentences: a run of several seconds even at the engine's speed (three sentences were over
  // between two polls once TTS ran at ~0.05 of real time), so Stop lands mid-run.
  const sentences = Array.from({ length: 20 }, (_, i) => `This is sentence number ${i + 1}, and it is never reached at the end.`);
  await page.getByTestId('tts-text').fill(sentences.join(' '));
  await page.getByTestId('tts-generate').click();
  await expect
    .poll(() => readStore<number>(page, '(s) => (s.tts.phase === "running" ? s.tts.audioSeconds : -1)'), { timeout: 120_000, intervals: [50] })
    .toBeGreaterThan(0.5);
  await page.getByTestId('tts-stop').click();
  await expect(page.getByTestId('tts-status')).toHaveAttribute('data-phase', 'stopped');
  await expect(page.getByTestId('tts-status')).toContainText('Stopped after');
  await expect(page.getByTestId('tts-audio')).toBeVisible();
  const samples = await readStore<number>(page, '(s) => s.tts.output.audio.length');
  expect(samples / 16000).toBeGreaterThan(0.5);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tts-download').click()]);
  const wav = decodeWav(new Uint8Array(readFileSync(await download.path())));
  expect(wav.channels[0].length).toBe(samples);
});

test('an error message goes away once its cause is gone', async ({ page }) => {
  await openReady(page);
  await page.getByTestId('tts-text').fill('   ');
  await page.getByTestId('tts-generate').click();
  await expect(page.getByTestId('tts-error')).toContainText('Type some text');
  await page.getByTestId('tts-text').fill('Now there is text.');
  await expect(page.getByTestId('tts-error')).toHaveCount(0);
  // A request refused because the engine was busy: the message goes when the engine is free.
  await page.evaluate(() => window.meld.getState().ttsFailed({ kind: 'busy' }));
  await expect(page.getByTestId('tts-error')).toContainText('Another request is running');
  await page.getByTestId('tab-stt').click();
  await page.getByTestId('stt-file').setInputFiles(new URL('./fixtures/festival-slt-test-011.wav', import.meta.url).pathname);
  await expect(page.getByTestId('stt-status')).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  await page.getByTestId('tab-tts').click();
  await expect(page.getByTestId('tts-error')).toHaveCount(0);
});
