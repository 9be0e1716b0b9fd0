import "server-only";
import nodemailer from "nodemailer";
import { getConfig } from "@/lib/config";
import { listHeadersFor } from "./list-headers";
import { writeToOutboxFolder } from "./outbox-folder";
import type { Mail } from "./transport";

const FROM = "Bindery <no-reply@bindery.local>";

// A slow mail server is waited for, but a hung one must not hold a mail's lease (outbox-sender.ts).
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * Hands one queued mail over: to the SMTP server at SMTP_URL, or to the outbox folder (shown at
 * /dev/outbox outside production). Throws when the mail was not accepted.
 */
export async function transmitMail(
  mail: Mail & { id: string; createdAt: Date; dedupeKey?: string | null },
): Promise<void> {
  const { smtpUrl, appUrl, authSecret } = getConfig();
  if (!smtpUrl) return writeToOutboxFolder(mail);
  const transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
  try {
    // One Message-ID per queued mail: a repeat after a crash is recognisable as the same mail.
    await transport.sendMail({
      from: FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${mail.id}@bindery.local>`,
      headers: listHeadersFor(mail, appUrl, authSecret),
    });
  } finally {
    transport.close();
  }
}
