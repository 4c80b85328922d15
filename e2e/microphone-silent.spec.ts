import { expect, test } from '@playwright/test';
import { attachScreenshot, openReady, recordFor } from './appPage';
import { BASE_ARGS, executablePath, fakeMicrophoneArgs } from './browsers';
import { silentMicWav } from './micClips';

/** A microphone that delivers digital silence: the engine refuses it with a clear message. */
test.use({ launchOptions: { executablePath, args: [...BASE_ARGS, ...fakeMicrophoneArgs(silentMicWav())] } });

test('a silent recording is reported as silent', async ({ page }, testInfo) => {
  await openReady(page);
  await page.getByTestId('tab-stt').click();
  await recordFor(page, 'stt', 1.5);
  await expect(page.getByTestId('stt-error')).toHaveAttribute('data-code', 'audio:silent', { timeout: 60_000 });
  await expect(page.getByTestId('stt-error')).toContainText('silent');
  await attachScreenshot(page, testInfo, 'stt-silent');
});
