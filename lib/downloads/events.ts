import "server-only";
import type { PrismaClient } from "@prisma/client";

export type DownloadOutcome =
  | "ALLOWED"
  | "NOT_FOUND"
  | "BAD_SIGNATURE"
  | "LINK_EXPIRED"
  | "REVOKED"
  | "SUSPENDED"
  | "EXPIRED"
  | "EXHAUSTED"
  | "MISSING_FILE"
  | "RATE_LIMITED";

export interface DownloadEventInput {
  grantId: string | null;
  userId: string | null;
  fileVersion?: number;
  ip: string | null;
  userAgent: string | null;
  range: string | null;
  backend: string;
  outcome: DownloadOutcome;
}

/** One row per allowed GET and per refusal: the shop's download log. */
export async function logDownloadEvent(prisma: PrismaClient, event: DownloadEventInput): Promise<void> {
  await prisma.downloadEvent.create({
    data: { ...event, userAgent: event.userAgent?.slice(0, 512) ?? null, range: event.range?.slice(0, 100) ?? null },
  });
}
