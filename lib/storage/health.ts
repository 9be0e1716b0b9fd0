import "server-only";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { getConfig } from "@/lib/config";

/** True when both storage roots exist and the app can read and write them. */
export async function storageUsable(): Promise<boolean> {
  const { protectedRoot, mediaRoot } = getConfig();
  try {
    await Promise.all([protectedRoot, mediaRoot].map((root) => access(root, constants.R_OK | constants.W_OK)));
    return true;
  } catch {
    return false;
  }
}
