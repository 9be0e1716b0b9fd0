"use server";

import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { mintSignedLink } from "@/lib/downloads/library";

const grantIdSchema = z.string().min(1).max(64);

/** A fresh signed link for one of the caller's own grants; nothing for anyone else's. */
export async function copyLinkAction(grantId: string): Promise<{ url?: string; error?: string }> {
  const user = await getCurrentUser();
  const parsed = grantIdSchema.safeParse(grantId);
  if (!user || !parsed.success) return { error: "Sign in again to get a link." };
  const url = await mintSignedLink(user.id, parsed.data);
  return url ? { url } : { error: "That file is not in your library." };
}
