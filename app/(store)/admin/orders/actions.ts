"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { formStateFromError, validatedActionWithRole, type ActionState } from "@/lib/auth/validated-action";
import { isoDaySchema } from "@/lib/admin/date-range";
import { refundOrder } from "@/lib/payments/refund-order";
import { restoreAccess, revokeAccess } from "@/lib/orders/staff-access";
import { extendExpiry, resetDownloadCount } from "@/lib/orders/staff-downloads";
import type { StaffActionResult } from "@/lib/orders/staff-grant-change";
import { resendReceiptForStaff } from "@/lib/orders/staff-receipt";
import { stopSharedLinks } from "@/lib/orders/stop-shared-links";

// Every action below goes through validatedActionWithRole: session, role (404 for anyone else) and the
// zod schema are checked before its body runs. Next.js refuses a cross-site call by its Origin header.

const idSchema = z.string().trim().min(1).max(64);
const orderSchema = z.object({ orderId: idSchema });
/** One per rendered form (randomUUID at render): a second submit of the same form is recognised as a repeat. */
const requestKeySchema = z.uuid();
/** With grantId: that grant only; without: every grant of the order. */
const grantFormSchema = z.object({ orderId: idSchema, grantId: idSchema.optional(), requestKey: requestKeySchema });
const itemIdsSchema = z.array(idSchema).min(1, "Choose at least one item to refund").max(50);

async function run(orderId: string, work: () => Promise<StaffActionResult>): Promise<ActionState> {
  try {
    const result = await work();
    revalidatePath(`/admin/orders/${orderId}`);
    return { ok: true, message: result.message };
  } catch (error) {
    return formStateFromError(error);
  }
}

export const refundItemsAction = validatedActionWithRole(
  STAFF_ROLES,
  orderSchema,
  async ({ orderId }, user, formData) => {
    // Checkboxes repeat one name; the wrapper's schema sees only the last value, so read them all here.
    const itemIds = itemIdsSchema.safeParse(formData.getAll("itemId"));
    if (!itemIds.success) return { error: itemIds.error.issues[0]?.message ?? "Choose the items to refund" };
    return run(orderId, () => refundOrder(orderId, itemIds.data, user));
  },
);

export const refundOrderAction = validatedActionWithRole(STAFF_ROLES, orderSchema, async ({ orderId }, user) =>
  run(orderId, () => refundOrder(orderId, "all", user)),
);

export const revokeAccessAction = validatedActionWithRole(
  STAFF_ROLES,
  grantFormSchema,
  async ({ requestKey, ...target }, user) => run(target.orderId, () => revokeAccess(target, user, requestKey)),
);

export const restoreAccessAction = validatedActionWithRole(
  STAFF_ROLES,
  grantFormSchema.extend({ includeRefunded: z.literal("on").optional() }),
  async ({ includeRefunded, requestKey, ...target }, user) =>
    run(target.orderId, () => restoreAccess(target, user, requestKey, includeRefunded === "on")),
);

export const resetDownloadsAction = validatedActionWithRole(
  STAFF_ROLES,
  grantFormSchema,
  async ({ requestKey, ...target }, user) => run(target.orderId, () => resetDownloadCount(target, user, requestKey)),
);

export const extendExpiryAction = validatedActionWithRole(
  STAFF_ROLES,
  grantFormSchema.extend({ until: isoDaySchema }),
  async ({ until, requestKey, ...target }, user) =>
    run(target.orderId, () => extendExpiry(target, user, requestKey, until)),
);

export const stopSharedLinksAction = validatedActionWithRole(
  STAFF_ROLES,
  z.object({ orderId: idSchema, grantId: idSchema, requestKey: requestKeySchema }),
  async ({ requestKey, ...target }, user) => run(target.orderId, () => stopSharedLinks(target, user, requestKey)),
);

export const resendReceiptAction = validatedActionWithRole(
  STAFF_ROLES,
  orderSchema.extend({ requestKey: requestKeySchema }),
  async ({ orderId, requestKey }, user) => run(orderId, () => resendReceiptForStaff(orderId, user, requestKey)),
);
