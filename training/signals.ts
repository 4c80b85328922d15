// SIGINT/SIGTERM for the training CLIs: the first asks the run to finish its step and checkpoint,
// a second exits at once.

export function stopOnSignals(): { requested: boolean } {
  const stop = { requested: false };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (stop.requested) process.exit(130);
      console.log(`\n${sig}: finishing this step, then writing a checkpoint`);
      stop.requested = true;
    });
  }
  return stop;
}
