import "server-only";
import { db } from "@/lib/db/client";
import { enqueueMail } from "./outbox";
import { deliverOutboxMail } from "./outbox-sender";

export { listOutbox, outboxDir } from "./outbox-folder";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface StoredMail extends Mail {
  id: string;
  sentAt: string;
}

/**
 * Queues a mail in the OutboxMail table and tries to deliver it at once. It is never lost: when the
 * mail server refuses or the process dies, the outbox sender delivers it later (at least once).
 * A `dedupeKey` makes queueing idempotent: a second mail with the same key is not queued.
 */
export async function sendMail(mail: Mail, options: { dedupeKey?: string } = {}): Promise<void> {
  const id = await enqueueMail(await db(), mail, options.dedupeKey);
  await deliverOutboxMail(id);
}
