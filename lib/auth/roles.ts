import type { Role } from "@prisma/client";

export const STAFF_ROLES: readonly Role[] = ["STAFF", "ADMIN"];
export const ADMIN_ROLES: readonly Role[] = ["ADMIN"];

export function hasRole(role: Role | undefined, allowed: readonly Role[]): boolean {
  return role !== undefined && allowed.includes(role);
}
