import "server-only";
import type { OutboxMail, PrismaClient } from "@prisma/client";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { retryDelaySeconds } from "./backoff";
import { transmitMail } from "./deliver";

// Longer than a delivery can take (see the SMTP timeouts in deliver.ts): while a sender holds a mail,
// no other sender (another instance, the timer, a kick) picks it up.
const LEASE_MS = 5 * 60 * 1000;
const BATCH = 20;

/**
 * Claims one due mail with a conditional update whose row count decides: it moves nextAttemptAt past
 * the lease and counts the attempt. A sender that dies while holding it leaves it due again once the
 * lease ends, so the mail is delivered at least once (rarely twice), never zero times.
 */
async function claim(prisma: PrismaClient, id: string, now: Date): Promise<OutboxMail | null> {
  const claimed = await prisma.outboxMail.updateMany({
    where: { id, sentAt: null, nextAttemptAt: { lte: now } },
    data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
  });
  return claimed.count === 1 ? prisma.outboxMail.findUnique({ where: { id } }) : null;
}

/** Delivers one claimed mail and records the result; true when it was delivered. */
async function deliverClaimed(prisma: PrismaClient, mail: OutboxMail): Promise<boolean> {
  try {
    await transmitMail(mail);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const delay = retryDelaySeconds(mail.attempts, getConfig().mail.retryBaseSeconds);
    await prisma.outboxMail.update({
      where: { id: mail.id },
      data: { lastError: message.slice(0, 1000), nextAttemptAt: new Date(Date.now() + delay * 1000) },
    });
    console.error(
      `[mail] ${mail.id} to ${mail.to}: attempt ${mail.attempts} failed (${message}); next try in ${delay} s`,
    );
    return false;
  }
  // Kept: lastError tells staff the mail needed retries.
  await prisma.outboxMail.update({ where: { id: mail.id }, data: { sentAt: new Date() } });
  return true;
}

/**
 * Tries to deliver one queued mail now, if it is due and nobody else holds it. Never throws: a mail
 * that cannot go now stays queued for the sender's timer.
 */
export async function deliverOutboxMail(id: string): Promise<void> {
  try {
    const prisma = await db();
    const mail = await claim(prisma, id, new Date());
    if (mail) await deliverClaimed(prisma, mail);
  } catch (error) {
    console.error(`[mail] ${id}: delivery deferred:`, error);
  }
}

/** One pass over the due mails, oldest due first. Returns how many were delivered. */
export async function deliverDueMails(): Promise<number> {
  const prisma = await db();
  const now = new Date();
  const due = await prisma.outboxMail.findMany({
    where: { sentAt: null, nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  let delivered = 0;
  for (const { id } of due) {
    const mail = await claim(prisma, id, now);
    if (mail && (await deliverClaimed(prisma, mail))) delivered += 1;
  }
  return delivered;
}

const globalSender = globalThis as unknown as { binderyOutboxSender?: NodeJS.Timeout };

/**
 * Starts the sender of this process (once): a pass now, which resumes whatever a previous process
 * left queued, then one every MAIL_POLL_SECONDS. Passes never overlap; a full batch runs again at once.
 */
export function startOutboxSender(): void {
  if (globalSender.binderyOutboxSender) return;
  const { pollSeconds } = getConfig().mail;
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      while ((await deliverDueMails()) >= BATCH);
    } catch (error) {
      console.error("[mail] outbox pass failed:", error);
    } finally {
      running = false;
    }
  };
  globalSender.binderyOutboxSender = setInterval(pass, pollSeconds * 1000);
  globalSender.binderyOutboxSender.unref();
  void pass();
}
