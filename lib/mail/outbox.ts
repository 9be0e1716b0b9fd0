import "server-only";
import type { Prisma, PrismaClient } from "@prisma/client";
import type { Mail } from "./transport";

type Client = PrismaClient | Prisma.TransactionClient;

/**
 * Writes a mail into the OutboxMail table, through `client` so a caller can do it inside the
 * transaction that makes the change the mail reports (the two commit together or not at all).
 * With a `dedupeKey`, a mail already queued under that key is kept as it is. Returns the row's id.
 */
export async function enqueueMail(client: Client, mail: Mail, dedupeKey?: string): Promise<string> {
  const data = { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html };
  if (!dedupeKey) return (await client.outboxMail.create({ data, select: { id: true } })).id;
  const row = await client.outboxMail.upsert({
    where: { dedupeKey },
    create: { ...data, dedupeKey },
    update: {},
    select: { id: true },
  });
  return row.id;
}
