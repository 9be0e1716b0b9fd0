import "server-only";
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db/client";
import { getConfig } from "@/lib/config";
import { DOWNLOAD_OUTCOMES, type DownloadOutcome } from "@/lib/downloads/outcomes";

const DAY_MS = 86_400_000;
export const NETWORK_WINDOW_DAYS = 30;

/**
 * Attempts that show where a grant's link went: every request that reached a known grant with a genuine
 * credential, allowed or refused (an exhausted grant tried from a seventh network is still a seventh
 * network). Not counted: forged or unknown links (BAD_SIGNATURE, NOT_FOUND: anyone can make those),
 * rate-limited requests (never read a grant), and links staff already stopped (LINK_REPLACED), so
 * attempts on dead links do not keep a grant flagged. The owner's own library downloads count too:
 * the log does not tell them apart, which is one reason the threshold leaves room for travel.
 */
const NOT_WHERE_THE_LINK_WENT: readonly DownloadOutcome[] = [
  "BAD_SIGNATURE",
  "NOT_FOUND",
  "RATE_LIMITED",
  "LINK_REPLACED",
];
export const NETWORK_OUTCOMES = (Object.keys(DOWNLOAD_OUTCOMES) as DownloadOutcome[]).filter(
  (outcome) => !NOT_WHERE_THE_LINK_WENT.includes(outcome),
);

export interface LinkNetworks {
  /** Distinct networks (IPv4 /24, IPv6 /64) in the last 24 hours and the last 30 days. */
  day: number;
  month: number;
  /** More networks in 30 days than SHARED_LINK_NETWORKS: the link looks shared around. */
  flagged: boolean;
}

export const NO_NETWORKS: LinkNetworks = { day: 0, month: 0, flagged: false };

/** SHARED_LINK_NETWORKS: a grant seen from more networks than this in 30 days is flagged. */
export const sharedLinkThreshold = () => getConfig().sharedLinkNetworks;

export const isShared = (month: number, threshold = sharedLinkThreshold()) => month > threshold;

/**
 * Networks per grant over the window, for `grantIds` or every grant. One grouped query: the database
 * reduces the window's events (read through the createdAt / grantId+createdAt indexes) to one row per
 * grant and network, with that network's latest event, which also answers the 24-hour count.
 */
export async function linkNetworksByGrant(
  grantIds: readonly string[] | "all",
  now = new Date(),
): Promise<Map<string, LinkNetworks>> {
  const prisma = await db();
  const where: Prisma.DownloadEventWhereInput = {
    createdAt: { gte: new Date(now.getTime() - NETWORK_WINDOW_DAYS * DAY_MS) },
    grantId: grantIds === "all" ? { not: null } : { in: [...grantIds] },
    network: { not: null },
    outcome: { in: NETWORK_OUTCOMES },
  };
  const rows = await prisma.downloadEvent.groupBy({ by: ["grantId", "network"], where, _max: { createdAt: true } });
  const dayAgo = now.getTime() - DAY_MS;
  const threshold = sharedLinkThreshold();
  const byGrant = new Map<string, LinkNetworks>();
  for (const row of rows) {
    if (!row.grantId) continue;
    const counts = byGrant.get(row.grantId) ?? { ...NO_NETWORKS };
    counts.month += 1;
    if ((row._max.createdAt?.getTime() ?? 0) >= dayAgo) counts.day += 1;
    counts.flagged = isShared(counts.month, threshold);
    byGrant.set(row.grantId, counts);
  }
  return byGrant;
}
