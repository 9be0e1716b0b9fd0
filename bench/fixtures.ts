import { linkSync, mkdirSync, openSync, closeSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { signedQuery } from "../lib/downloads/signed-link";
import type { StoreDb } from "../tests/helpers/store-db";

export interface BenchFile {
  label: string;
  bytes: number;
  grantId: string;
  /** Path + signed query of the download. */
  downloadPath: string;
  /** Path under /media/ where the web server serves the same bytes as a plain static file. */
  staticPath: string;
}

function writeRandomFile(file: string, bytes: number) {
  const fd = openSync(file, "w");
  const chunk = randomBytes(Math.min(bytes, 1 << 20));
  for (let written = 0; written < bytes; written += chunk.length)
    writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - written));
  closeSync(fd);
}

/**
 * Files generated at run time under PROTECTED_ROOT/bench, each with an unlimited grant for the demo
 * reader, and the same bytes hard-linked under MEDIA_ROOT/bench for the "limit" row.
 */
export async function createBenchFiles(
  db: StoreDb,
  env: Record<string, string>,
  sizes: { label: string; bytes: number }[],
): Promise<BenchFile[]> {
  mkdirSync(path.join(env.PROTECTED_ROOT, "bench"), { recursive: true });
  mkdirSync(path.join(env.MEDIA_ROOT, "bench"), { recursive: true });
  const productId = await db.productId("the-quiet-art-of-binding");
  const files: BenchFile[] = [];
  for (const { label, bytes } of sizes) {
    const key = `bench/${label}.pdf`;
    const file = path.join(env.PROTECTED_ROOT, key);
    writeRandomFile(file, bytes);
    linkSync(file, path.join(env.MEDIA_ROOT, key));
    const fileId = await db.addFile(productId, key, `Bench ${label}.pdf`, bytes, "bench");
    const grantId = await db.createGrant({ email: "reader@example.com", fileId, productId, limit: null });
    files.push({
      label,
      bytes,
      grantId,
      downloadPath: `/api/downloads/${grantId}?${signedQuery(grantId, 7 * 24 * 3600, env.AUTH_SECRET)}`,
      staticPath: `/media/${key}`,
    });
  }
  return files;
}
