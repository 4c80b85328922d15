// The command line both trainers share: which config, where, resume, seed, time and step limits,
// backend. Returns the chosen config with --data / --steps (and a trainer's own path options, such
// as the vocoder's --init and --gta) applied, and the run's fields.

import { parseArgs } from 'node:util';
import { initBackend, type BackendName } from '../tf/backend';

export interface RunArgs<T> {
  name: string;
  train: T;
  outDir: string;
  seed: number;
  resume: boolean;
  maxMinutes: number | undefined;
  /** Stop after this many steps in this process (--stop-after; the schedule still spans train.steps). */
  maxStepsThisRun: number | undefined;
  workers: number;
}

export async function parseRunArgs<T extends { data: string; steps: number }>(
  configs: Record<string, T>,
  outDirOf: (name: string) => string,
  pathOptions: readonly (keyof T & string)[] = [],
): Promise<RunArgs<T>> {
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(pathOptions.map((o) => [o, { type: 'string' as const }])),
      config: { type: 'string', default: 'tiny' },
      resume: { type: 'boolean', default: false },
      data: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      minutes: { type: 'string' },
      steps: { type: 'string' },
      'stop-after': { type: 'string' },
      backend: { type: 'string', default: 'auto' },
      workers: { type: 'string', default: '1' },
    },
  });
  const name = values.config;
  if (!(name in configs)) {
    console.error(`unknown --config ${name}; choose one of ${Object.keys(configs).join(', ')}`);
    process.exit(2);
  }
  const given = values as Record<string, unknown>;
  const paths = Object.fromEntries(pathOptions.filter((o) => typeof given[o] === 'string').map((o) => [o, given[o]]));
  const train = { ...configs[name], ...(values.data ? { data: values.data } : {}), ...(values.steps ? { steps: Number(values.steps) } : {}), ...paths };
  console.log(`tfjs backend: ${await initBackend(values.backend as BackendName | 'auto')}`);
  return {
    name, train, outDir: values.out ?? outDirOf(name), seed: Number(values.seed), resume: values.resume,
    maxMinutes: values.minutes ? Number(values.minutes) : undefined, workers: Number(values.workers),
    maxStepsThisRun: values['stop-after'] ? Number(values['stop-after']) : undefined,
  };
}
