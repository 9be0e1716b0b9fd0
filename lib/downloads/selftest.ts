import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { GoneError, NotFoundError } from "@/lib/errors";
import type { ProtectedFile } from "@/lib/sendfile";
import { checkDownloadSignature } from "./signed-link";

// `npm run deploy:check` (scripts/deploy-check.mjs, plain Node) repeats these three values: it must
// run on a server without the TypeScript toolchain. tests/integration/deploy-check.test.ts keeps
// both copies in step.
export const SELFTEST_SUBJECT = "selftest";
export const CANARY_KEY = ".selftest/canary.pdf";
// Non-ASCII on purpose: a proxy that re-encodes the app's headers shows up in the check.
export const CANARY_DISPLAY_NAME = "bindery-selftest-é.pdf";

/** The canary behind a valid self-test link; throws NotFoundError (bad link) or GoneError (expired). */
export async function openSelftestCanary(
  query: URLSearchParams,
  settings: { authSecret: string; protectedRoot: string },
): Promise<ProtectedFile> {
  const check = checkDownloadSignature(SELFTEST_SUBJECT, query.get("expires"), query.get("sig"), settings.authSecret);
  if (check === "invalid") throw new NotFoundError("bad self-test signature");
  if (check === "expired") throw new GoneError("self-test link expired");
  await ensureCanary(settings.protectedRoot);
  return { storageKey: CANARY_KEY, displayName: CANARY_DISPLAY_NAME, contentType: "application/pdf" };
}

/** Writes the canary (atomically) unless the file on disk already has exactly its bytes. */
export async function ensureCanary(protectedRoot: string): Promise<void> {
  const file = path.join(protectedRoot, CANARY_KEY);
  const expected = canaryBytes();
  const current = await readFile(file).catch(() => null);
  if (current !== null && current.equals(expected)) return;
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temp, expected);
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * A one-page PDF carrying 4 KiB of fixed pseudo-random bytes (every byte value, so a proxy that
 * mangles binary or charsets changes the hash), the same on every server.
 */
export function canaryBytes(): Buffer {
  const noise = fixedNoise(4096);
  const text = "BT /F1 18 Tf 72 720 Td (Bindery deployment self-test) Tj ET";
  const objects: Buffer[] = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>"),
    Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
    Buffer.from(
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    ),
    stream(Buffer.from(text)),
    Buffer.from("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
    stream(noise),
  ];
  const header = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1");
  const parts: Buffer[] = [header];
  const offsets: number[] = [];
  let length = header.length;
  objects.forEach((body, index) => {
    const object = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`), body, Buffer.from("\nendobj\n")]);
    offsets.push(length);
    parts.push(object);
    length += object.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n`,
    "0000000000 65535 f \n",
    ...offsets.map((at) => `${String(at).padStart(10, "0")} 00000 n \n`),
  ];
  parts.push(
    Buffer.from(
      `${xref.join("")}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(parts);
}

function stream(data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`<< /Length ${data.length} >>\nstream\n`), data, Buffer.from("\nendstream")]);
}

function fixedNoise(size: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * 32 < size; counter++) {
    blocks.push(createHash("sha256").update(`bindery-selftest-canary:${counter}`).digest());
  }
  return Buffer.concat(blocks).subarray(0, size);
}
