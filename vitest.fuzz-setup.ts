// fast-check for the fuzz suites (*.fuzz.test.ts): at least 100 generated inputs per property; in CI a
// fixed seed (FUZZ_SEED, default 19) so a red run is reproducible, elsewhere a fresh seed each run
// (fast-check prints the seed and the shrunk counterexample of any failure).
import fc from 'fast-check';

const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : process.env.CI ? 19 : undefined;
fc.configureGlobal({ numRuns: Number(process.env.FUZZ_RUNS ?? 100), ...(seed !== undefined ? { seed } : {}) });
