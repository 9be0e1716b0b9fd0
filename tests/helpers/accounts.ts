import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { callServerAction, readActionState } from "./server-action";
import { outbox, type OutboxMail } from "./shop";
import type { StoreDb } from "./store-db";
import type { TestEnvironment } from "./test-env";

export type { OutboxMail };

export const mailsTo = (store: TestEnvironment, to: string) => outbox(store).filter((mail) => mail.to === to);

/** Mail delivery may lag the request by a little (an outbox sender): poll with a short deadline. */
export async function waitForMail(
  store: TestEnvironment,
  to: string,
  subject: RegExp,
  count = 1,
  timeoutMs = 10_000,
): Promise<OutboxMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mailsTo(store, to).filter((mail) => subject.test(mail.subject));
    if (found.length >= count) return found[count - 1];
    if (Date.now() > deadline)
      throw new Error(
        `no mail "${subject}" #${count} to ${to}; outbox has: ${outbox(store)
          .map((m) => `${m.to}: ${m.subject}`)
          .join("; ")}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Subjects of every mail ever queued to `to` (the OutboxMail table), delivered or not. A mail that must
 * not exist is checked here after a later mail was delivered: the app queues mail in request order,
 * so one that would have been queued by an earlier request would be in the table by then.
 */
export const queuedSubjectsTo = async (db: StoreDb, to: string): Promise<string[]> =>
  (
    await db.prisma.outboxMail.findMany({ where: { to }, orderBy: { createdAt: "asc" }, select: { subject: true } })
  ).map((row) => row.subject);

export const linkIn = (mail: OutboxMail, route: string): string => {
  const link = new RegExp(`(https?://\\S+/${route}\\?token=\\S+)`).exec(mail.text)?.[1];
  if (!link) throw new Error(`no ${route} link in: ${mail.text}`);
  return link;
};
export const tokenOf = (link: string) => new URL(link).searchParams.get("token") ?? "";

export interface AttemptResult {
  cookie: string | null;
  /** Where next-auth sends the browser: the error and the callback live here. */
  url: string;
  status: number;
}

/** One sign-in over HTTP from `ip` (X-Forwarded-For, honoured when the app trusts 127.0.0.1 as its proxy). */
export async function attemptSignIn(
  baseUrl: string,
  email: string,
  password: string,
  ip: string,
  callbackUrl?: string,
): Promise<AttemptResult> {
  const headers = { "x-forwarded-for": ip };
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", ...(callbackUrl ? { callbackUrl } : {}) }),
  });
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .find((pair) => pair.split("=")[0].endsWith("next-auth.session-token"));
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  return { cookie: session ?? null, url: body.url ?? response.headers.get("location") ?? "", status: response.status };
}

/** Calls one of the account server actions from `ip` and returns its state. */
export async function accountAction(
  baseUrl: string,
  page: string,
  file: string,
  name: string,
  fields: Record<string, string>,
  options: { ip: string; cookie?: string },
) {
  const response = await callServerAction({
    baseUrl,
    page,
    action: { file, name },
    fields,
    cookie: options.cookie,
    headers: { "x-forwarded-for": options.ip },
  });
  return readActionState(response);
}

/** A customer inserted straight into the database with an old bcrypt hash (as accounts made before scrypt). */
export async function insertLegacyCustomer(
  db: StoreDb,
  email: string,
  password: string,
  verified: boolean,
): Promise<string> {
  const user = await db.prisma.user.create({
    data: {
      id: `usr_${randomUUID()}`,
      email,
      passwordHash: bcrypt.hashSync(password, 4),
      role: "CUSTOMER",
      emailVerifiedAt: verified ? new Date() : null,
    },
  });
  return user.id;
}

/** A paid guest order (no account) for one seeded file, as checkout leaves it for a buyer without one. */
export async function insertGuestOrder(db: StoreDb, email: string, fileDisplayName: string): Promise<string> {
  const file = await db.file(fileDisplayName);
  const order = await db.prisma.order.create({
    data: {
      id: `ord_${randomUUID()}`,
      email,
      status: "PAID",
      currency: "usd",
      subtotalCents: 100,
      totalCents: 100,
      paidAt: new Date(),
      items: {
        create: {
          id: `itm_${randomUUID()}`,
          productId: file.productId,
          title: "Guest Test Book",
          unitPriceCents: 100,
          grants: {
            create: { id: `grt_${randomUUID().replaceAll("-", "")}`, productFileId: file.id, downloadLimit: 5 },
          },
        },
      },
    },
  });
  return order.id;
}

export const orderOwner = async (db: StoreDb, orderId: string): Promise<string | null> =>
  (await db.prisma.order.findUniqueOrThrow({ where: { id: orderId }, select: { userId: true } })).userId;
