"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ADMIN_ROLES } from "@/lib/auth/roles";
import { formStateFromError, validatedActionWithRole } from "@/lib/auth/validated-action";
import { changeUserRole, ROLES } from "@/lib/admin/users";

const roleChangeSchema = z.object({
  userId: z.string().min(1).max(64),
  role: z.enum(ROLES, { error: "Choose a role from the list." }),
});

export const changeRoleAction = validatedActionWithRole(
  ADMIN_ROLES,
  roleChangeSchema,
  async ({ userId, role }, admin) => {
    try {
      await changeUserRole(admin.id, userId, role);
    } catch (error) {
      return formStateFromError(error);
    }
    revalidatePath("/admin/users");
    return { ok: true, message: `Role changed to ${role.toLowerCase()}.` };
  },
);
