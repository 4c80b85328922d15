import { expect, test } from '@playwright/test';
import { openReady, readStore } from './appPage';
import { longSpeechWav } from './micClips';

/** Issue 19, problem 5: a long file is transcribed with progress and can be cancelled; the panel states the real limits. */

test('a long file shows transcription progress and can be cancelled; the engine is free afterwards', async ({ page }) => {
  test.setTimeout(240_000);
  await openReady(page);
  await page.getByTestId('tab-stt').click();
  await expect(page.getByTestId('stt-limits')).toContainText('60 s from the microphone');
  await page.getByTestId('stt-file').setInputFiles(longSpeechWav(120, 'two_min.wav'));
  await expect(page.getByTestId('stt-progress')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => readStore<number>(page, '(s) => (s.stt.phase === "running" ? s.stt.progress?.doneSeconds ?? 0 : -1)'), { timeout: 120_000 }).toBeGreaterThan(0);
  await page.getByTestId('stt-cancel').click();
  await expect(page.getByTestId('stt-status')).toHaveAttribute('data-phase', 'cancelled');
  await expect(page.getByTestId('stt-status')).toContainText('stopped');
  // The engine takes the next request at once.
  await page.getByTestId('stt-file').setInputFiles(new URL('./fixtures/festival-slt-test-011.wav', import.meta.url).pathname);
  await expect(page.getByTestId('stt-status')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
});
