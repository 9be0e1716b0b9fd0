import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreDb } from "../helpers/store-db";
import { startSmtpServer, type SmtpServer } from "../helpers/smtp";
import { prepareTestEnvironment } from "../helpers/test-env";

// The outbox sender in-process, against a seeded store and a real SMTP server.
let smtp: SmtpServer;
let sql: StoreDb;
let mail: typeof import("@/lib/mail/transport");
let sender: typeof import("@/lib/mail/outbox-sender");

beforeAll(async () => {
  smtp = await startSmtpServer();
  const store = prepareTestEnvironment("outbox-sender", { SMTP_URL: smtp.url, MAIL_RETRY_BASE_SECONDS: "1" });
  Object.assign(process.env, store.env);
  sql = new StoreDb(store.env.DATABASE_URL);
  mail = await import("@/lib/mail/transport");
  sender = await import("@/lib/mail/outbox-sender");
});
afterAll(async () => {
  await sql?.close();
  await smtp?.stop();
});

// Prisma keeps SQLite DateTimes as ISO text with "+00:00"; compared as text, so written the same way.
const sqliteTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const letter = (to: string, subject = "Hello") => ({ to, subject, text: "Hi", html: "<p>Hi</p>" });
const rows = (to: string) =>
  sql.sql.prepare(`SELECT id, attempts, sentAt, nextAttemptAt FROM OutboxMail WHERE "to" = ?`).all(to) as {
    id: string;
    attempts: number;
    sentAt: string | null;
    nextAttemptAt: string;
  }[];

describe("outbox sender", () => {
  it("racing passes and kicks deliver each queued mail exactly once", async () => {
    smtp.refuseEverything(true);
    const recipients = Array.from({ length: 8 }, (_, i) => `race-${i}@example.com`);
    for (const to of recipients) await mail.sendMail(letter(to));
    expect(recipients.every((to) => rows(to)[0]?.sentAt === null)).toBe(true);
    // Due again now, as if the backoff had passed.
    sql.sql
      .prepare(`UPDATE OutboxMail SET nextAttemptAt = ? WHERE "to" LIKE 'race-%'`)
      .run(sqliteTime(Date.now() - 1000));
    smtp.refuseEverything(false);

    const ids = recipients.map((to) => rows(to)[0].id);
    await Promise.all([
      sender.deliverDueMails(),
      sender.deliverDueMails(),
      sender.deliverDueMails(),
      ...ids.map((id) => sender.deliverOutboxMail(id)),
    ]);
    for (const to of recipients) {
      expect(smtp.to(to)).toHaveLength(1);
      expect(rows(to)[0]).toMatchObject({ attempts: 2 });
      expect(rows(to)[0].sentAt).not.toBeNull();
    }
    expect(await sender.deliverDueMails()).toBe(0);
  });

  it("a mail queued twice under one key is queued and sent once", async () => {
    await mail.sendMail(letter("dedupe@example.com", "First"), { dedupeKey: "test:dedupe" });
    await mail.sendMail(letter("dedupe@example.com", "Second"), { dedupeKey: "test:dedupe" });
    expect(rows("dedupe@example.com")).toHaveLength(1);
    expect(smtp.to("dedupe@example.com")).toHaveLength(1);
  });

  it("a mail held by another sender (its lease not over) is left alone until the lease ends", async () => {
    smtp.refuseEverything(true);
    await mail.sendMail(letter("leased@example.com"));
    smtp.refuseEverything(false);
    const [row] = rows("leased@example.com");
    // Another instance claimed it a moment ago and is still delivering.
    sql.sql
      .prepare(`UPDATE OutboxMail SET nextAttemptAt = ? WHERE id = ?`)
      .run(sqliteTime(Date.now() + 60_000), row.id);
    await sender.deliverOutboxMail(row.id);
    await sender.deliverDueMails();
    expect(smtp.to("leased@example.com")).toHaveLength(0);

    // That instance died: once the lease is over, this one delivers it.
    sql.sql.prepare(`UPDATE OutboxMail SET nextAttemptAt = ? WHERE id = ?`).run(sqliteTime(Date.now() - 1000), row.id);
    await sender.deliverDueMails();
    expect(smtp.to("leased@example.com")).toHaveLength(1);
  });
});
