import type { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreDb } from "../helpers/store-db";
import { startSmtpServer, type SmtpServer } from "../helpers/smtp";
import { prepareTestEnvironment } from "../helpers/test-env";

// The outbox sender in-process, against a seeded store and a real SMTP server.
let smtp: SmtpServer;
let db: StoreDb;
let mail: typeof import("@/lib/mail/transport");
let sender: typeof import("@/lib/mail/outbox-sender");

beforeAll(async () => {
  smtp = await startSmtpServer();
  const store = prepareTestEnvironment("outbox-sender", { SMTP_URL: smtp.url, MAIL_RETRY_BASE_SECONDS: "1" });
  Object.assign(process.env, store.env);
  db = new StoreDb(store.env.DATABASE_URL);
  mail = await import("@/lib/mail/transport");
  sender = await import("@/lib/mail/outbox-sender");
});
afterAll(async () => {
  await db?.close();
  await smtp?.stop();
});

const letter = (to: string, subject = "Hello") => ({ to, subject, text: "Hi", html: "<p>Hi</p>" });
const rows = (to: string) =>
  db.prisma.outboxMail.findMany({
    where: { to },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, attempts: true, sentAt: true, nextAttemptAt: true },
  });
/** Moves when the mail is next due (a claim by a sender pushes it on by its lease). */
const dueAt = (where: Prisma.OutboxMailWhereInput, ms: number) =>
  db.prisma.outboxMail.updateMany({ where, data: { nextAttemptAt: new Date(ms) } });

describe("outbox sender", () => {
  it("racing passes and kicks deliver each queued mail exactly once", async () => {
    smtp.refuseEverything(true);
    const recipients = Array.from({ length: 8 }, (_, i) => `race-${i}@example.com`);
    for (const to of recipients) await mail.sendMail(letter(to));
    const queued = await Promise.all(recipients.map(async (to) => (await rows(to))[0]));
    expect(queued.every((row) => row?.sentAt === null)).toBe(true);
    // Due again now, as if the backoff had passed.
    await dueAt({ to: { startsWith: "race-" } }, Date.now() - 1000);
    smtp.refuseEverything(false);

    const ids = queued.map((row) => row.id);
    await Promise.all([
      sender.deliverDueMails(),
      sender.deliverDueMails(),
      sender.deliverDueMails(),
      ...ids.map((id) => sender.deliverOutboxMail(id)),
    ]);
    for (const to of recipients) {
      expect(smtp.to(to)).toHaveLength(1);
      const [row] = await rows(to);
      expect(row).toMatchObject({ attempts: 2 });
      expect(row.sentAt).not.toBeNull();
    }
    expect(await sender.deliverDueMails()).toBe(0);
  });

  it("a mail queued twice under one key is queued and sent once", async () => {
    await mail.sendMail(letter("dedupe@example.com", "First"), { dedupeKey: "test:dedupe" });
    await mail.sendMail(letter("dedupe@example.com", "Second"), { dedupeKey: "test:dedupe" });
    expect(await rows("dedupe@example.com")).toHaveLength(1);
    expect(smtp.to("dedupe@example.com")).toHaveLength(1);
  });

  it("a mail held by another sender (its lease not over) is left alone until the lease ends", async () => {
    smtp.refuseEverything(true);
    await mail.sendMail(letter("leased@example.com"));
    smtp.refuseEverything(false);
    const [row] = await rows("leased@example.com");
    // Another instance claimed it a moment ago and is still delivering.
    await dueAt({ id: row.id }, Date.now() + 60_000);
    await sender.deliverOutboxMail(row.id);
    await sender.deliverDueMails();
    expect(smtp.to("leased@example.com")).toHaveLength(0);

    // That instance died: once the lease is over, this one delivers it.
    await dueAt({ id: row.id }, Date.now() - 1000);
    await sender.deliverDueMails();
    expect(smtp.to("leased@example.com")).toHaveLength(1);
  });
});
