import "server-only";
import { mkdir, unlink } from "node:fs/promises";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { insertOnce } from "@/lib/db/insert-once";
import { SITE_NAME } from "@/lib/catalog/search-engines";
import { resolveConfinedPath } from "@/lib/sendfile";
import { generateStorageKey } from "@/lib/storage/keys";
import { canStamp, stampFile, stampHash, StampError, type Stamp } from "./stamp";
import { oneAtATime } from "./one-at-a-time";

export const COPY_STATUSES = ["PREPARING", "READY", "FAILED"] as const;
export type CopyStatus = (typeof COPY_STATUSES)[number];

/** What a download of a stamping book sends: the buyer's copy, the original (stamping failed), or not yet. */
export type CopyOutcome = { send: "copy"; storageKey: string } | { send: "original" } | { send: "later" };

// A claim older than this was left by a process that died while stamping: another may take it over.
const CLAIM_STALE_MS = 10 * 60_000;
// Stamping is CPU work in this process: one at a time, so downloads and pages keep their share.
const stampSlot = oneAtATime();
// One attempt per grant per process: concurrent downloads of one grant wait for the same copy.
const running = new Map<string, Promise<CopyOutcome>>();

/**
 * The grant's stamped copy, made now if it is missing or stale (another source version, another stamp).
 * Several processes may ask at once: the StampedCopy row is the claim, so one stamps and the others
 * answer "later" until its row says READY or FAILED.
 */
export function ensureStampedCopy(grantId: string): Promise<CopyOutcome> {
  let attempt = running.get(grantId);
  if (!attempt) {
    attempt = makeOrReuse(grantId).finally(() => running.delete(grantId));
    running.set(grantId, attempt);
  }
  return attempt;
}

/**
 * For the download path: waits up to `waitMs` for the copy (made here or by another instance), then
 * answers "later" so the buyer is asked to retry rather than held on an open request.
 */
export async function awaitStampedCopy(grantId: string, waitMs: number): Promise<CopyOutcome> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const left = deadline - Date.now();
    const outcome = await Promise.race([ensureStampedCopy(grantId), delay(Math.max(0, left), LATER)]);
    if (outcome.send !== "later" || Date.now() >= deadline) return outcome;
    await delay(Math.min(250, Math.max(0, deadline - Date.now())), null);
  }
}

/** After a payment: make the order's copies in the background (never holds up the receipt or a page). */
export function prepareStampedCopies(orderId: string): void {
  void stampedGrantsOf(orderId)
    .then((grantIds) => Promise.all(grantIds.map((grantId) => ensureStampedCopy(grantId))))
    .catch((error: unknown) => console.error(`[stamping] preparing the copies of order ${orderId} failed:`, error));
}

async function stampedGrantsOf(orderId: string): Promise<string[]> {
  const prisma = await db();
  const grants = await prisma.downloadGrant.findMany({
    where: { revokedAt: null, orderItem: { orderId, product: { stampCopies: true } } },
    select: { id: true, productFile: { select: { contentType: true } } },
  });
  return grants.filter((grant) => canStamp(grant.productFile.contentType)).map((grant) => grant.id);
}

const LATER: CopyOutcome = { send: "later" };

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(resolve, ms, value));
}

async function makeOrReuse(grantId: string): Promise<CopyOutcome> {
  const prisma = await db();
  const grant = await prisma.downloadGrant.findUnique({
    where: { id: grantId },
    select: {
      revokedAt: true,
      stampedCopy: true,
      productFile: { select: { storageKey: true, sha256: true, contentType: true } },
      orderItem: {
        select: {
          product: { select: { stampCopies: true, stampNoticePage: true } },
          order: { select: { id: true, email: true, paidAt: true, user: { select: { name: true } } } },
        },
      },
    },
  });
  if (!grant || grant.revokedAt || !grant.orderItem.product.stampCopies) return { send: "original" };
  const source = grant.productFile;
  if (!canStamp(source.contentType)) return { send: "original" };
  const { order, product } = grant.orderItem;
  const stamp: Stamp = {
    licensedTo: order.user?.name?.trim() || order.email,
    email: order.email,
    orderId: order.id,
    shopName: SITE_NAME,
    noticePage: product.stampNoticePage,
    licensedAt: order.paidAt ?? undefined,
  };
  const hash = stampHash(stamp);
  const current = grant.stampedCopy;
  if (current && current.sourceSha256 === source.sha256 && current.stampHash === hash) {
    if (current.status === "READY" && current.storageKey) return { send: "copy", storageKey: current.storageKey };
    if (current.status === "FAILED") return { send: "original" };
  }
  if (!(await claim(grantId, current, source.sha256, hash))) return LATER;
  return stampSlot(() => make(grantId, source, stamp, current?.storageKey ?? null));
}

type CopyRow = { status: string; createdAt: Date; storageKey: string | null } | null;

/** Takes the grant's row for this process: a new row, or a stale, failed or outdated one. */
async function claim(grantId: string, current: CopyRow, sourceSha256: string, hash: string): Promise<boolean> {
  const prisma = await db();
  const fields = { status: "PREPARING", sourceSha256, stampHash: hash, failure: null, createdAt: new Date() };
  if (!current) {
    return insertOnce(prisma, (client) => client.stampedCopy.create({ data: { grantId, ...fields } }));
  }
  if (current.status === "PREPARING" && Date.now() - current.createdAt.getTime() < CLAIM_STALE_MS) return false;
  // Conditional on the row as read: of two processes taking over the same row, one wins.
  const taken = await prisma.stampedCopy.updateMany({
    where: { grantId, status: current.status, createdAt: current.createdAt },
    data: fields,
  });
  return taken.count === 1;
}

async function make(
  grantId: string,
  source: { storageKey: string; contentType: string },
  stamp: Stamp,
  replacedKey: string | null,
): Promise<CopyOutcome> {
  const prisma = await db();
  const root = getConfig().protectedRoot;
  const storageKey = `stamped/${generateStorageKey(path.extname(source.storageKey).slice(1))}`;
  const destination = path.join(root, storageKey);
  try {
    const original = await resolveConfinedPath(root, source.storageKey);
    await mkdir(path.dirname(destination), { recursive: true });
    const made = await stampFile(original.absolutePath, destination, source.contentType, stamp);
    await prisma.stampedCopy.update({
      where: { grantId },
      data: { status: "READY", storageKey, size: made.size, sha256: made.sha256, readyAt: new Date() },
    });
    if (replacedKey) await removeStoredCopy(replacedKey);
    return { send: "copy", storageKey };
  } catch (error) {
    await unlink(destination).catch(() => undefined);
    if (!(error instanceof StampError)) {
      // Not the file's fault (disk full, database busy): let the next request try again.
      await prisma.stampedCopy.deleteMany({ where: { grantId, status: "PREPARING" } });
      console.error(`[stamping] making the copy of grant ${grantId} failed:`, error);
      return LATER;
    }
    // The file cannot be stamped (encrypted, damaged): the buyer gets the original, staff see why.
    await prisma.stampedCopy.update({
      where: { grantId },
      data: { status: "FAILED", storageKey: null, failure: error.message, readyAt: new Date() },
    });
    if (replacedKey) await removeStoredCopy(replacedKey);
    return { send: "original" };
  }
}

/** Deletes one stamped copy's file; a file already gone is no error. Only keys under stamped/ are touched. */
export async function removeStoredCopy(storageKey: string): Promise<void> {
  if (!storageKey.startsWith("stamped/")) throw new Error(`Not a stamped copy: ${JSON.stringify(storageKey)}`);
  const file = await resolveConfinedPath(getConfig().protectedRoot, storageKey).catch(() => null);
  if (file) await unlink(file.absolutePath).catch(() => undefined);
}

/** Starts making the copies of these grants in the background (the library page, before a download). */
export function prepareCopies(grants: readonly { grantId: string }[]): void {
  for (const { grantId } of grants) {
    ensureStampedCopy(grantId).catch((error: unknown) =>
      console.error(`[stamping] preparing the copy of grant ${grantId} failed:`, error),
    );
  }
}
