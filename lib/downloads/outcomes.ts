/**
 * Every value DownloadEvent.outcome holds: what happened to one download request. The column is plain
 * text in the schema, so this table is the one list of what may be written to it and what each means.
 */
export const DOWNLOAD_OUTCOMES = {
  ALLOWED: "The file was handed over (a GET answered with the file).",
  NOT_FOUND: "No such grant, or someone else's.",
  BAD_SIGNATURE: "A signed link that does not verify.",
  LINK_EXPIRED: "A signed link past its expiry.",
  LINK_REPLACED: "A signed link made before staff stopped the grant's shared links (an older link generation).",
  REVOKED: "The purchase was refunded or cancelled, or staff withdrew access.",
  SUSPENDED: "The payment is disputed: downloads pause until it is resolved.",
  EXPIRED: "The access period is over.",
  EXHAUSTED: "No downloads left.",
  MISSING_FILE: "The grant is valid but its file is not in storage.",
  RATE_LIMITED: "Too many download requests from the client's network.",
  PREPARING: "The buyer's stamped copy was still being made: asked to retry, nothing counted.",
} as const satisfies Record<string, string>;

export type DownloadOutcome = keyof typeof DOWNLOAD_OUTCOMES;

/** The outcomes that refuse a grant's owner (a 403 page each); the rest are the caller's own problem. */
export const DENIALS = ["REVOKED", "SUSPENDED", "EXPIRED", "EXHAUSTED"] as const satisfies readonly DownloadOutcome[];

export type Denial = (typeof DENIALS)[number];

export function isDownloadOutcome(value: string): value is DownloadOutcome {
  return Object.hasOwn(DOWNLOAD_OUTCOMES, value);
}
