import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { getConfig } from "@/lib/config";

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

const FROM = "Bindery <no-reply@bindery.local>";

/** The outbox used when SMTP_URL is unset: storage/outbox next to the storage roots. */
export function outboxDir(): string {
  return path.join(path.dirname(getConfig().protectedRoot), "outbox");
}

/** Sends over SMTP_URL, or writes the mail to the outbox (shown at /dev/outbox outside production). */
export async function sendMail(mail: Mail): Promise<void> {
  const { smtpUrl } = getConfig();
  if (smtpUrl) {
    await nodemailer.createTransport(smtpUrl).sendMail({ from: FROM, ...mail });
    return;
  }
  const stored: StoredMail = { ...mail, id: randomUUID(), sentAt: new Date().toISOString() };
  const dir = outboxDir();
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(/*turbopackIgnore: true*/ dir, `${stored.sentAt.replace(/[:.]/g, "-")}-${stored.id}.json`), JSON.stringify(stored, null, 2));
}

/** Newest first. */
export async function listOutbox(limit = 50): Promise<StoredMail[]> {
  const dir = outboxDir();
  const names = await readdir(/*turbopackIgnore: true*/ dir).catch(() => [] as string[]);
  const newest = names.filter((name) => name.endsWith(".json")).sort().reverse().slice(0, limit);
  return Promise.all(newest.map(async (name) => JSON.parse(await readFile(path.join(/*turbopackIgnore: true*/ dir, name), "utf8")) as StoredMail));
}
