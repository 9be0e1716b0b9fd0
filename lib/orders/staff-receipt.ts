import "server-only";
import { db } from "@/lib/db/client";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { isOwned } from "./policy";
import { sendReceipt } from "./send-receipt";
import type { StaffActionResult, StaffActor } from "./staff-grant-change";

const ACTION = "order.resend_receipt";

/**
 * Mails the receipt again with fresh signed links. `requestKey` comes from the form that asked (one per
 * page view): a double submit of the same form sends one mail, a later deliberate resend sends another.
 * The audit row is claimed before queueing the mail and given back if queueing fails, so a retry can
 * send; once queued, the mail outbox delivers it (retrying while the mail server refuses).
 */
export async function resendReceiptForStaff(
  orderId: string,
  actor: StaffActor,
  requestKey: string,
): Promise<StaffActionResult> {
  const prisma = await db();
  const claimed = await prisma.$transaction(async (tx) => {
    const order = await tx.order.findUnique({ where: { id: orderId }, select: { status: true, email: true } });
    if (!order) throw new NotFoundError("No such order");
    if (!isOwned(order.status))
      throw new ConflictError(
        `This order is ${order.status.toLowerCase()}: there is nothing to download, so no receipt to resend.`,
      );
    if (!order.email) throw new ConflictError("This order has no email address to send to.");
    const sent = await tx.auditLog.findFirst({
      where: {
        targetType: "Order",
        targetId: orderId,
        action: ACTION,
        details: { contains: JSON.stringify(requestKey) },
      },
      select: { id: true },
    });
    if (sent) return null;
    const row = await tx.auditLog.create({
      data: {
        actorId: actor.id,
        action: ACTION,
        targetType: "Order",
        targetId: orderId,
        details: JSON.stringify({ to: order.email, requestKey }),
      },
      select: { id: true },
    });
    return { auditId: row.id, to: order.email };
  });
  if (!claimed) return { changed: false, message: "This receipt was already resent from this page: no second mail." };
  try {
    await sendReceipt(orderId);
  } catch (error) {
    await prisma.auditLog.delete({ where: { id: claimed.auditId } });
    throw error;
  }
  return { changed: true, message: `Receipt sent again to ${claimed.to} with fresh download links.` };
}
