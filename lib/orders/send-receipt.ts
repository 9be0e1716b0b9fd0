import "server-only";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { signedQuery } from "@/lib/downloads/signed-link";
import { buildReceipt } from "@/lib/mail/receipt";
import { sendMail } from "@/lib/mail/transport";
import { claimQuery } from "@/lib/auth/claim-link";

const RECEIPT_LINK_DAYS = 7;

/** Mails the receipt of a paid order with fresh signed links (7 days), and a claim link for guests. */
export async function sendReceipt(orderId: string): Promise<void> {
  const prisma = await db();
  const config = getConfig();
  const order = await prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    include: { items: { include: { grants: { where: { revokedAt: null }, include: { productFile: true } } } } },
  });
  const ttl = RECEIPT_LINK_DAYS * 24 * 3600;
  const hasAccount = order.userId !== null || (await prisma.user.count({ where: { email: order.email } })) > 0;
  await sendMail(
    buildReceipt({
      to: order.email,
      orderId: order.id,
      currency: order.currency,
      totalCents: order.totalCents,
      lines: order.items.map((item) => ({
        title: item.title,
        unitPriceCents: item.unitPriceCents,
        files: item.grants.map((grant) => ({
          name: grant.productFile.displayName,
          url: `${config.appUrl}/api/downloads/${grant.id}?${signedQuery(grant.id, ttl, config.authSecret)}`,
        })),
      })),
      libraryUrl: `${config.appUrl}/library`,
      claimUrl: hasAccount ? null : `${config.appUrl}/claim?${claimQuery(order.id, ttl, config.authSecret)}`,
      linkDays: RECEIPT_LINK_DAYS,
    }),
  );
}
