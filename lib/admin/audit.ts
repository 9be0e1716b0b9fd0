import "server-only";
import type { Prisma, PrismaClient } from "@prisma/client";
import type { AuditAction } from "./audit-actions";

type Client = PrismaClient | Prisma.TransactionClient;

export interface AuditEntry {
  /** null for changes the system made on its own (a Stripe webhook, say). */
  actorId: string | null;
  action: AuditAction;
  targetType: "Order" | "DownloadGrant" | "Product" | "ProductFile" | "User" | "Category";
  targetId: string;
  details?: Record<string, unknown>;
}

/** Writes one audit-log row: who did what to which record, and what changed. Rows are never changed afterwards. */
export async function recordAudit(client: Client, entry: AuditEntry): Promise<void> {
  await client.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: JSON.stringify(entry.details ?? {}),
    },
  });
}
