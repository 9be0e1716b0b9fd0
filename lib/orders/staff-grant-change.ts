import "server-only";
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db/client";
import { recordAudit } from "@/lib/admin/audit";
import type { AuditAction } from "@/lib/admin/audit-actions";
import { grantChangeKey } from "@/lib/idempotency/keys";
import { claimOnce, completeKey, resultOf } from "@/lib/idempotency/store";
import { NotFoundError } from "@/lib/errors";
import type { OrderStatus } from "./policy";

/** What a staff action on access applies to: one grant of an order, or every grant of it. */
export interface GrantTarget {
  orderId: string;
  grantId?: string;
}

export interface StaffActor {
  id: string;
}

export interface StaffActionResult {
  /** false when the action found nothing to change (a repeat, say): nothing was written. */
  changed: boolean;
  message: string;
}

type Tx = Prisma.TransactionClient;

const grantBeforeSelect = {
  id: true,
  downloadsUsed: true,
  expiresAt: true,
  revokedReason: true,
  productFile: { select: { displayName: true } },
} satisfies Prisma.DownloadGrantSelect;
export type GrantBefore = Prisma.DownloadGrantGetPayload<{ select: typeof grantBeforeSelect }>;

export function grantsOf(target: GrantTarget): Prisma.DownloadGrantWhereInput {
  const ofOrder = { orderItem: { orderId: target.orderId } };
  return target.grantId ? { id: target.grantId, ...ofOrder } : ofOrder;
}

/** The order (and grant) must exist, and the grant must belong to the order: else 404. */
export async function requireTarget(tx: Tx, target: GrantTarget): Promise<{ status: OrderStatus }> {
  const order = await tx.order.findUnique({ where: { id: target.orderId }, select: { status: true } });
  if (!order) throw new NotFoundError("No such order");
  if (target.grantId && !(await tx.downloadGrant.findFirst({ where: grantsOf(target), select: { id: true } }))) {
    throw new NotFoundError("No such download grant on this order");
  }
  return order;
}

export interface GrantChange {
  action: AuditAction;
  /** Grants the change would alter; a grant already in the wanted state is excluded, so a repeat is a no-op. */
  pending: Prisma.DownloadGrantWhereInput;
  data: Prisma.DownloadGrantUpdateManyMutationInput;
  /** What the audit row records about each changed grant (its value before, typically). */
  describe: (grant: GrantBefore) => Record<string, unknown>;
  extraDetails?: Record<string, unknown>;
  /** Runs first, in the transaction: refuses the change by throwing. */
  check?: (order: { status: OrderStatus }) => void;
  /** The answer when no grant needed the change; a function when the reason must be looked up. */
  unchanged: string | ((tx: Tx) => Promise<string>);
  done: (count: number) => string;
}

/**
 * Applies one conditional change to the target's grants and writes its audit row, in one transaction.
 * `requestKey` comes from the form (one per page view) and is claimed in that transaction: the same form
 * submitted again (double click, back and resubmit) changes and audits nothing, and is told what the
 * first submit did. The update repeats the `pending` condition, so grants changed meanwhile by someone
 * else are not counted twice; with nothing left to change, nothing but the claim is written.
 */
export async function changeGrants(
  target: GrantTarget,
  actor: StaffActor,
  requestKey: string,
  change: GrantChange,
): Promise<StaffActionResult> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const order = await requireTarget(tx, target);
    change.check?.(order);
    const key = grantChangeKey(change.action, target, requestKey);
    if (!(await claimOnce(tx, key, actor.id))) return alreadySubmitted(await resultOf(tx, key));
    const result = await applyChange(tx, target, actor, change);
    await completeKey(tx, key, result);
    return result;
  });
}

async function applyChange(
  tx: Tx,
  target: GrantTarget,
  actor: StaffActor,
  change: GrantChange,
): Promise<StaffActionResult> {
  const unchanged = async () => ({
    changed: false,
    message: typeof change.unchanged === "string" ? change.unchanged : await change.unchanged(tx),
  });
  const grants = await tx.downloadGrant.findMany({
    where: { AND: [grantsOf(target), change.pending] },
    select: grantBeforeSelect,
  });
  if (grants.length === 0) return unchanged();
  const { count } = await tx.downloadGrant.updateMany({
    where: { AND: [{ id: { in: grants.map((g) => g.id) } }, change.pending] },
    data: change.data,
  });
  if (count === 0) return unchanged();
  await recordAudit(tx, {
    actorId: actor.id,
    action: change.action,
    targetType: target.grantId ? "DownloadGrant" : "Order",
    targetId: target.grantId ?? target.orderId,
    details: {
      orderId: target.orderId,
      ...change.extraDetails,
      grants: grants.map((grant) => ({
        id: grant.id,
        file: grant.productFile.displayName,
        ...change.describe(grant),
      })),
    },
  });
  return { changed: true, message: change.done(count) };
}

function alreadySubmitted(first: unknown): StaffActionResult {
  const answered = isResult(first) ? ` It answered: ${first.message}` : "";
  return { changed: false, message: `This form was already submitted from this page: nothing changed.${answered}` };
}

function isResult(value: unknown): value is StaffActionResult {
  return typeof value === "object" && value !== null && "message" in value && typeof value.message === "string";
}

export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
