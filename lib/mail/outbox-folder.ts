import "server-only";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { getConfig } from "@/lib/config";
import type { Mail, StoredMail } from "./transport";

/** Where mail goes when SMTP_URL is unset: storage/outbox next to the storage roots. */
export function outboxDir(): string {
  return path.join(path.dirname(getConfig().protectedRoot), "outbox");
}

/**
 * Writes one mail as a JSON file. The file is named after the queued mail, so delivering the same
 * mail again (after a crash before it was marked sent) overwrites it instead of adding a copy.
 */
export async function writeToOutboxFolder(mail: Mail & { id: string; createdAt: Date }): Promise<void> {
  const stored: StoredMail = {
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    id: mail.id,
    sentAt: new Date().toISOString(),
  };
  const dir = outboxDir();
  await mkdir(dir, { recursive: true });
  const name = `${mail.createdAt.toISOString().replace(/[:.]/g, "-")}-${mail.id}.json`;
  // Written under a name readers skip, then renamed: a reader listing the folder never sees half a mail.
  const partial = path.join(/*turbopackIgnore: true*/ dir, `.${name}.${process.pid}.partial`);
  await writeFile(partial, JSON.stringify(stored, null, 2));
  await rename(partial, path.join(/*turbopackIgnore: true*/ dir, name));
}

/** Newest first. */
export async function listOutbox(limit = 50): Promise<StoredMail[]> {
  const dir = outboxDir();
  const names = await readdir(/*turbopackIgnore: true*/ dir).catch(() => [] as string[]);
  const newest = names
    .filter((name) => name.endsWith(".json"))
    .sort()
    .reverse()
    .slice(0, limit);
  return Promise.all(
    newest.map(
      async (name) => JSON.parse(await readFile(path.join(/*turbopackIgnore: true*/ dir, name), "utf8")) as StoredMail,
    ),
  );
}
