import type { DownloadOutcome } from "./outcomes";

/** One row of the shop's download log: one per allowed GET and per refusal. */
export interface DownloadEventInput {
  grantId: string | null;
  userId: string | null;
  fileVersion?: number;
  ip: string | null;
  /** The client's network (`downloadNetwork`: IPv4 /24, IPv6 /64): how staff spot a link shared around. */
  network?: string | null;
  userAgent: string | null;
  range: string | null;
  backend: string;
  outcome: DownloadOutcome;
}

/** The log keeps what fits its columns' purpose: a user agent or a Range header can be arbitrarily long. */
export const USER_AGENT_MAX = 512;
export const RANGE_MAX = 100;
