const SWEEP_EVERY_MS = 60_000;

/** Says yes at most once per minute of `now`. */
export type SweepGate = (now: number) => boolean;

export function createSweepGate(): SweepGate {
  let nextSweepAt = 0;
  return (now) => {
    if (now < nextSweepAt) return false;
    nextSweepAt = now + SWEEP_EVERY_MS;
    return true;
  };
}

/**
 * Whether this process should delete the RateLimit rows whose window ended: at most once a minute, shared
 * by every store in the process. Expired rows are harmless (a hit restarts them); sweeping only keeps the
 * table from growing with every address ever seen.
 */
export const sweepDue: SweepGate = createSweepGate();
