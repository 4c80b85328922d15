/**
 * How the e2e browsers are launched: shared by playwright.config.ts (projects) and the specs that
 * need a browser of their own (fake microphones), and by the browser benchmark.
 */
import { existsSync } from 'node:fs';

// Debian's Chromium when present (no browser downloads here); otherwise Playwright's own.
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
export const executablePath = existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;

export const BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Generated speech plays as it streams; headless has no user gesture history to unlock audio.
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * Headless Chromium 156 on Linux exposes no WebGPU adapter by default (requestAdapter() -> null).
 * Measured here: `--enable-unsafe-webgpu` alone already yields Dawn's SwiftShader (Vulkan, CPU)
 * adapter, both in the page and in workers (vendor 'google', architecture 'swiftshader',
 * isFallbackAdapter true, no 'shader-f16'). The two SwiftShader flags pin that software adapter so
 * results do not depend on whatever GPU the machine has; `--enable-unsafe-swiftshader` keeps it
 * allowed now that Chromium is phasing out automatic SwiftShader fallback.
 */
export const WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-unsafe-swiftshader'];

/**
 * A fake microphone that plays a WAV file once (`%noloop`: silence after it ends) and a permission
 * prompt that accepts by itself. Chromium reads 16-bit PCM WAV; 48 kHz is its native capture rate.
 */
export function fakeMicrophoneArgs(wavPath: string): string[] {
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${wavPath}%noloop`];
}
