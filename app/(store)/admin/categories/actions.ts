"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ADMIN_ROLES } from "@/lib/auth/roles";
import { formStateFromError, validatedActionWithRole } from "@/lib/auth/validated-action";
import { refreshAllStorePages } from "@/lib/catalog/page-cache";
import { categoryNameSchema, createShelf, deleteShelf, renameShelf } from "@/lib/catalog/categories";

const idSchema = z.string().min(1).max(64);

/** The back office's list and every store page that shows shelves. */
function refreshShelves() {
  revalidatePath("/admin/categories");
  refreshAllStorePages();
}

export const createShelfAction = validatedActionWithRole(
  ADMIN_ROLES,
  z.object({ name: categoryNameSchema }),
  async ({ name }, admin) => {
    try {
      await createShelf(admin.id, name);
    } catch (error) {
      return formStateFromError(error, "name");
    }
    refreshShelves();
    return { ok: true, message: `Shelf “${name}” created.` };
  },
);

export const renameShelfAction = validatedActionWithRole(
  ADMIN_ROLES,
  z.object({ id: idSchema, name: categoryNameSchema }),
  async ({ id, name }, admin) => {
    try {
      await renameShelf(admin.id, id, name);
    } catch (error) {
      return formStateFromError(error, "name");
    }
    refreshShelves();
    return { ok: true, message: "Renamed." };
  },
);

export const deleteShelfAction = validatedActionWithRole(
  ADMIN_ROLES,
  z.object({ id: idSchema }),
  async ({ id }, admin) => {
    try {
      await deleteShelf(admin.id, id);
    } catch (error) {
      return formStateFromError(error);
    }
    refreshShelves();
    return { ok: true, message: "Shelf deleted; its books stay in the store." };
  },
);
