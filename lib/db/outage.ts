import "server-only";
import { isDatabaseUnavailable } from "./errors";
import { databaseUsable } from "./health";
import { databaseOutageSince, setDatabaseOutage } from "./outage-flag";

const PROBE_INTERVAL_MS = 1000;
let probe: ReturnType<typeof setInterval> | undefined;
let probing = false;

/**
 * Called with every error a request ends in (instrumentation.ts): one that says the database is down
 * marks the outage.
 */
export function noteRequestError(error: unknown): void {
  if (isDatabaseUnavailable(error)) markDatabaseDown();
}

/**
 * Raises the outage flag, so pages answer "briefly unavailable" (503, proxy.ts) instead of failing one
 * by one, and starts a probe that lowers it as soon as the database answers again: the store recovers
 * by itself, without a restart.
 */
export function markDatabaseDown(): void {
  if (databaseOutageSince() === null) console.error("[bindery] the database is unavailable: pages answer 503");
  setDatabaseOutage(true);
  probe ??= setInterval(() => void probeOnce(), PROBE_INTERVAL_MS);
  probe.unref();
}

async function probeOnce(): Promise<void> {
  if (probing) return;
  probing = true;
  try {
    if (!(await databaseUsable())) return;
    clearInterval(probe);
    probe = undefined;
    setDatabaseOutage(false);
    console.error("[bindery] the database is back");
  } finally {
    probing = false;
  }
}
