import "server-only";
import { db } from "@/lib/db/client";
import { getConfig } from "@/lib/config";
import type { Prisma, PrismaClient, ProductFile } from "@prisma/client";
import { insertOnce } from "@/lib/db/insert-once";
import { lineageRoot, revokedLineages } from "./lineage";
import { isOwned } from "./policy";

const DAY_MS = 24 * 60 * 60 * 1000;

type Client = PrismaClient | Prisma.TransactionClient;

interface GrantTerms {
  downloadLimit: number | null;
  accessDays: number | null;
}

/**
 * One grant of a file to an order item, with the book's limit and access days (or the store defaults),
 * counted from the payment. False when it already existed: the unique (orderItemId, productFileId)
 * pair decides, so concurrent callers never duplicate a grant.
 */
export async function createGrantOnce(
  prisma: Client,
  grant: { orderItemId: string; productFileId: string; paidAt: Date; book: GrantTerms },
): Promise<boolean> {
  const { defaultLimit, defaultAccessDays } = getConfig().downloads;
  const accessDays = grant.book.accessDays ?? defaultAccessDays;
  return insertOnce(prisma, (client) =>
    client.downloadGrant.create({
      data: {
        orderItemId: grant.orderItemId,
        productFileId: grant.productFileId,
        downloadLimit: grant.book.downloadLimit ?? defaultLimit,
        expiresAt: accessDays ? new Date(grant.paidAt.getTime() + accessDays * DAY_MS) : null,
      },
    }),
  );
}

type FileDates = Pick<ProductFile, "active" | "createdAt" | "supersededAt">;

/**
 * The files an order is owed. Files and versions added after the payment go to the buyer only when
 * the book gives new versions to past buyers; otherwise the buyer gets what was on sale when they paid
 * (a version superseded since still counts: it is what they bought).
 */
export function isFileDueToOrder(file: FileDates, grantNewVersions: boolean, paidAt: Date): boolean {
  if (grantNewVersions) return file.active;
  if (file.createdAt.getTime() > paidAt.getTime()) return false;
  return file.active || (file.supersededAt !== null && file.supersededAt.getTime() > paidAt.getTime());
}

/**
 * Creates the download grants of a paid order: one per (order item × file due to it), skipping grants
 * that exist and files whose earlier version was revoked for the item (lineage.ts). Runs inside the
 * transaction that marks the order paid (lib/payments/sync-session.ts); it reads before it writes, and a
 * grant a concurrent caller created meanwhile is skipped under a savepoint (lib/db/insert-once.ts).
 * Returns the grants created now.
 */
export async function fulfilOrderIn(client: Client, orderId: string): Promise<number> {
  const order = await client.order.findUnique({
    where: { id: orderId },
    include: {
      items: {
        where: { refundedAt: null },
        include: {
          grants: {
            select: { productFileId: true, revokedAt: true, productFile: { select: { id: true, lineageId: true } } },
          },
          product: { include: { files: { where: { OR: [{ active: true }, { supersededAt: { not: null } }] } } } },
        },
      },
    },
  });
  if (!order || !isOwned(order.status)) return 0;
  const paidAt = order.paidAt ?? order.createdAt;

  let created = 0;
  for (const item of order.items) {
    const { product } = item;
    const granted = new Set(item.grants.map((grant) => grant.productFileId));
    const closed = revokedLineages(item.grants);
    for (const file of product.files) {
      if (granted.has(file.id) || closed.has(lineageRoot(file))) continue;
      if (!isFileDueToOrder(file, product.grantNewVersions, paidAt)) continue;
      if (await createGrantOnce(client, { orderItemId: item.id, productFileId: file.id, paidAt, book: product }))
        created += 1;
    }
  }
  return created;
}

/** fulfilOrderIn on its own (the demo seed uses it for orders it writes as paid). */
export async function fulfilOrder(orderId: string): Promise<number> {
  return fulfilOrderIn(await db(), orderId);
}
