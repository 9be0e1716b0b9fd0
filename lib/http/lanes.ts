import type { IncomingMessage, ServerResponse } from "node:http";

/** Answers the request and returns true, or returns false and leaves it to Next. */
export type Lane = (request: IncomingMessage, response: ServerResponse) => boolean;

// Where scripts/server-preload.cjs looks for the lanes: it offers them each request, in order, before Next.
const LANES = Symbol.for("bindery.lanes");

/** Adds a lane (production only: instrumentation.ts); `what` goes in the boot log. */
export function installLane(lane: Lane, what: string): void {
  const holder = globalThis as { [LANES]?: Lane[] };
  const lanes = (holder[LANES] ??= []);
  if (lanes.includes(lane)) return;
  lanes.push(lane);
  console.log(`[bindery] ${what} are answered beside Next's router`);
}
