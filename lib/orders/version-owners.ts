import "server-only";
import type { Prisma, PrismaClient } from "@prisma/client";
import { denialFor } from "@/lib/downloads/decide";
import { mayDownload, statusesWhere } from "./policy";

type Client = PrismaClient | Prisma.TransactionClient;

export interface VersionOwner {
  /** Where the mail goes, as written. */
  email: string;
  /** The address lowercased: what dedupe keys and opt-outs are keyed by. */
  address: string;
}

export interface OwnersPage {
  owners: VersionOwner[];
  /** The last grant read, to continue after; null when the page was empty. */
  lastGrantId: string | null;
}

/**
 * One page of the owners of a file version who may still download it, `take` grants at a time in grant
 * id order (stable, so a run can page through while buyers keep buying). The query narrows by what it
 * can (revoked, expired, order status, refunded item); `denialFor`, the rule every download passes,
 * decides the rest (an exhausted limit). An order attached to an account mails the account's address:
 * the one its owner proved and keeps current; a guest order mails the address given at checkout.
 * The same address may come back on several grants and pages; callers dedupe.
 */
export async function ownersPage(
  client: Client,
  fileId: string,
  afterGrantId: string | null,
  take: number,
  now: Date,
): Promise<OwnersPage> {
  const grants = await client.downloadGrant.findMany({
    where: {
      productFileId: fileId,
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      orderItem: { refundedAt: null, order: { status: statusesWhere(mayDownload) } },
      ...(afterGrantId ? { id: { gt: afterGrantId } } : {}),
    },
    orderBy: { id: "asc" },
    take,
    select: {
      id: true,
      revokedAt: true,
      expiresAt: true,
      downloadLimit: true,
      downloadsUsed: true,
      orderItem: { select: { order: { select: { status: true, email: true, user: { select: { email: true } } } } } },
    },
  });
  const owners: VersionOwner[] = [];
  for (const grant of grants) {
    const { order } = grant.orderItem;
    if (denialFor({ ...grant, orderStatus: order.status }, now) !== null) continue;
    const email = order.user?.email ?? order.email;
    owners.push({ email, address: email.toLowerCase() });
  }
  return { owners, lastGrantId: grants.at(-1)?.id ?? null };
}

/** The addresses among `addresses` (lowercased) that opted out of new-version mails. */
export async function optedOutAmong(client: Client, addresses: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < addresses.length; i += 500) {
    const rows = await client.mailOptOut.findMany({
      where: { email: { in: addresses.slice(i, i + 500) } },
      select: { email: true },
    });
    for (const row of rows) found.add(row.email);
  }
  return found;
}

/** How many distinct addresses a notice of this version would mail now (opted-out ones left out). */
export async function countOwners(client: Client, fileId: string, now = new Date()): Promise<number> {
  const addresses = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const page: OwnersPage = await ownersPage(client, fileId, after, 1000, now);
    if (page.lastGrantId === null) break;
    for (const owner of page.owners) addresses.add(owner.address);
    after = page.lastGrantId;
  }
  const optedOut = await optedOutAmong(client, [...addresses]);
  return addresses.size - optedOut.size;
}
