import "server-only";
import { recordAudit } from "@/lib/admin/audit";
import { db } from "@/lib/db/client";
import { claimOnce, completeKey } from "@/lib/idempotency/store";
import { stopSharedLinksKey } from "@/lib/idempotency/keys";
import { requireTarget, type StaffActionResult, type StaffActor } from "./staff-grant-change";

/**
 * Stops every signed link of one grant given out so far (mailed receipts, copied library links) by raising
 * its link generation; the buyer's library download and links made afterwards keep working. `requestKey`
 * comes from the form (one per page view): a double submit or a replayed form raises it once. The claim,
 * the new generation and the audit row commit together.
 */
export async function stopSharedLinks(
  target: { orderId: string; grantId: string },
  actor: StaffActor,
  requestKey: string,
): Promise<StaffActionResult> {
  const prisma = await db();
  const key = stopSharedLinksKey(target.grantId, requestKey);
  return prisma.$transaction(async (tx) => {
    await requireTarget(tx, target);
    if (!(await claimOnce(tx, key, actor.id)))
      return { changed: false, message: "These links were already stopped from this page: nothing changed." };
    const grant = await tx.downloadGrant.update({
      where: { id: target.grantId },
      data: { linkGeneration: { increment: 1 } },
      select: { linkGeneration: true, productFile: { select: { displayName: true } } },
    });
    const file = grant.productFile.displayName;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "grant.stop_shared_links",
      targetType: "DownloadGrant",
      targetId: target.grantId,
      details: {
        orderId: target.orderId,
        linkGeneration: grant.linkGeneration,
        requestKey,
        grants: [{ id: target.grantId, file, linkGenerationBefore: grant.linkGeneration - 1 }],
      },
    });
    await completeKey(tx, key, { linkGeneration: grant.linkGeneration });
    return {
      changed: true,
      message:
        `Stopped every link given out for ${file}. ` +
        "The buyer's library still works; resend the receipt to mail them new links.",
    };
  });
}
