import "server-only";
import { notFound, redirect } from "next/navigation";
import type { Role } from "@prisma/client";
import { getCurrentUser, type CurrentUser } from "./session";
import { hasRole } from "./roles";

/** For pages: anonymous visitors go to sign-in and come back; signed-in users without the role get 404. */
export async function requirePageRole(allowed: readonly Role[], callbackPath: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (!hasRole(user.role, allowed)) notFound();
  return user;
}

export async function requireSignedIn(callbackPath: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}
