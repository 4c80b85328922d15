// SIGINT/SIGTERM for the training CLIs: the first asks the run to finish its step and checkpoint,
// a second one, sent deliberately later, exits at once.
//
// One Ctrl-C or `kill` often arrives more than once: a terminal signals the whole process group, and
// wrappers (npm, a shell) forward what they received to the child as well. The handlers only run
// between steps (a step is synchronous for seconds), so those copies arrive together; copies closer
// than DUPLICATE_MS count as one request instead of escalating to an exit without a checkpoint.

const DUPLICATE_MS = 1500;

export function stopOnSignals(): { requested: boolean } {
  const stop = { requested: false };
  let firstAt = 0;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (stop.requested) {
        if (Date.now() - firstAt < DUPLICATE_MS) return;
        console.log(`\n${sig} again: exiting without a checkpoint`);
        process.exit(130);
      }
      console.log(`\n${sig}: finishing this step, then writing a checkpoint (send it again to exit at once)`);
      stop.requested = true;
      firstAt = Date.now();
    });
  }
  return stop;
}
