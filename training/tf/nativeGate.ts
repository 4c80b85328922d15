// The native tests' guard: on a machine without the addon they skip with the reason, but under CI
// (where scripts/setup.sh builds it) a missing addon fails the run instead of skipping silently.

import { loadBlasAddon } from './nativeAddon';

export function nativeAddonOrSkip(): boolean {
  const r = loadBlasAddon();
  if (!('error' in r)) return true;
  if (process.env.CI) throw new Error(`CI: the native BLAS addon must be built by scripts/setup.sh: ${r.error}`);
  console.warn(`skipping the native matMul tests: ${r.error}`);
  return false;
}
