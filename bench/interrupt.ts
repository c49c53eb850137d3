// Ctrl-C during a run: rather than dying with a PostgreSQL schema or a temporary SQLite file left
// behind, the benchmark stops at its next checkpoint and the normal cleanup runs.

export class Interrupted extends Error {
  constructor() {
    super("interrupted");
  }
}

let interrupted = false;

export function watchInterrupt(): void {
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal means the cleanup itself is stuck: give up at once.
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write(`\n${signal}: stopping after the current step and cleaning up (send again to quit now)\n`);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

/** Called between steps; throws once a stop was asked for. */
export function checkpoint(): void {
  if (interrupted) throw new Interrupted();
}
