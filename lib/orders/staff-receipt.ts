import "server-only";
import { recordAudit } from "@/lib/admin/audit";
import { db } from "@/lib/db/client";
import { claimOnce, completeKey } from "@/lib/idempotency/store";
import { resendReceiptKey } from "@/lib/idempotency/keys";
import { deliverOutboxMail } from "@/lib/mail/outbox-sender";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { isOwned } from "./policy";
import { enqueueReceiptCopy } from "./send-receipt";
import type { StaffActionResult, StaffActor } from "./staff-grant-change";

/**
 * Mails the receipt again with fresh signed links. `requestKey` comes from the form that asked (one per
 * page view): a double submit of the same form sends one mail, a later deliberate resend sends another.
 * The key's claim, the queued mail and the audit row commit together: if queueing fails, nothing is
 * kept and a retry of the same form sends. Once queued, the mail outbox delivers it (retrying while the
 * mail server refuses).
 */
export async function resendReceiptForStaff(
  orderId: string,
  actor: StaffActor,
  requestKey: string,
): Promise<StaffActionResult> {
  const prisma = await db();
  const key = resendReceiptKey(orderId, requestKey);
  const queued = await prisma.$transaction(async (tx) => {
    const order = await tx.order.findUnique({ where: { id: orderId }, select: { status: true, email: true } });
    if (!order) throw new NotFoundError("No such order");
    if (!isOwned(order.status))
      throw new ConflictError(
        `This order is ${order.status.toLowerCase()}: there is nothing to download, so no receipt to resend.`,
      );
    if (!order.email) throw new ConflictError("This order has no email address to send to.");
    if (!(await claimOnce(tx, key, actor.id))) return null;
    const mailId = await enqueueReceiptCopy(tx, orderId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "order.resend_receipt",
      targetType: "Order",
      targetId: orderId,
      details: { to: order.email, requestKey },
    });
    await completeKey(tx, key, { mailId });
    return { mailId, to: order.email };
  });
  if (!queued) return { changed: false, message: "This receipt was already resent from this page: no second mail." };
  await deliverOutboxMail(queued.mailId);
  return { changed: true, message: `Receipt sent again to ${queued.to} with fresh download links.` };
}
