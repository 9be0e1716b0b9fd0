"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ADMIN_ROLES } from "@/lib/auth/roles";
import { formStateFromError, validatedActionWithRole } from "@/lib/auth/validated-action";
import { formatBytes } from "@/lib/catalog/money";
import { cleanUpStampedCopies } from "@/lib/stamping/cleanup";

/** The dashboard's "Clean up" for stamped copies: what `npm run stamps:cleanup` does. */
export const cleanUpStampedCopiesAction = validatedActionWithRole(ADMIN_ROLES, z.object({}), async () => {
  try {
    const report = await cleanUpStampedCopies();
    revalidatePath("/admin");
    return {
      ok: true,
      message:
        `Removed ${report.revoked} cop${report.revoked === 1 ? "y" : "ies"} of revoked purchases and ` +
        `${report.orphanFiles} orphaned file${report.orphanFiles === 1 ? "" : "s"} ` +
        `(${formatBytes(report.orphanBytes)}).`,
    };
  } catch (error) {
    return formStateFromError(error);
  }
});
