import "server-only";
import type { Prisma, PrismaClient } from "@prisma/client";
import { getConfig } from "@/lib/config";
import { grantDownloadUrl } from "@/lib/downloads/signed-link";
import { buildReceipt } from "@/lib/mail/receipt";
import { enqueueMail } from "@/lib/mail/outbox";
import type { Mail } from "@/lib/mail/transport";
import { claimQuery } from "@/lib/auth/claim-link";

type Client = PrismaClient | Prisma.TransactionClient;

const RECEIPT_LINK_DAYS = 7;

/**
 * The receipt of a paid order as it stands in `client`: its unrevoked grants with fresh signed links
 * (7 days, under each grant's current link generation), and for a guest order a claim link to keep the
 * books in an account.
 */
async function receiptMail(client: Client, orderId: string): Promise<Mail> {
  const config = getConfig();
  const order = await client.order.findUniqueOrThrow({
    where: { id: orderId },
    include: { items: { include: { grants: { where: { revokedAt: null }, include: { productFile: true } } } } },
  });
  const ttl = RECEIPT_LINK_DAYS * 24 * 3600;
  return buildReceipt({
    to: order.email,
    orderId: order.id,
    currency: order.currency,
    totalCents: order.totalCents,
    lines: order.items.map((item) => ({
      title: item.title,
      unitPriceCents: item.unitPriceCents,
      files: item.grants.map((grant) => ({
        name: grant.productFile.displayName,
        url: grantDownloadUrl(config.appUrl, grant, ttl, config.authSecret),
      })),
    })),
    libraryUrl: `${config.appUrl}/library`,
    // A guest order (including one whose email belongs to an unverified account) is claimed through this link.
    claimUrl: order.userId ? null : `${config.appUrl}/claim?${claimQuery(order.id, ttl, config.authSecret)}`,
    linkDays: RECEIPT_LINK_DAYS,
  });
}

/**
 * Queues the receipt of an order that has just been paid, in the caller's transaction, after its grants
 * were created in it. Once per order: a second call finds `receipt:<orderId>` queued. Returns the mail id.
 */
export async function enqueueReceipt(tx: Client, orderId: string): Promise<string> {
  return enqueueMail(tx, await receiptMail(tx, orderId), `receipt:${orderId}`);
}

/**
 * Queues a copy of the receipt with fresh signed links (staff "resend receipt") in the caller's
 * transaction. No dedupe key: each deliberate resend is a new mail, and the caller's idempotency key
 * decides whether this request already sent one. Returns the mail id.
 */
export async function enqueueReceiptCopy(tx: Client, orderId: string): Promise<string> {
  return enqueueMail(tx, await receiptMail(tx, orderId));
}
