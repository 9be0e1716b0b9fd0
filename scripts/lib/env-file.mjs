import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";

/** Loads `.env` from the project root into process.env without overriding what is already set. */
export function loadDotEnv(root) {
  const file = path.join(root, ".env");
  if (!existsSync(file)) return;
  for (const [key, value] of Object.entries(parseEnv(readFileSync(file, "utf8")))) {
    process.env[key] ??= value;
  }
}

/**
 * The standalone server changes its working directory to .next/standalone, so relative paths in the
 * environment are made absolute against the project root first.
 */
export function absolutizePaths(root) {
  for (const key of ["PROTECTED_ROOT", "MEDIA_ROOT"]) {
    const defaults = { PROTECTED_ROOT: "./storage/protected", MEDIA_ROOT: "./storage/media" };
    process.env[key] = path.resolve(root, process.env[key] || defaults[key]);
  }
  const url = process.env.DATABASE_URL || "file:./data/bindery.db";
  process.env.DATABASE_URL = url.startsWith("file:") ? `file:${path.resolve(root, url.slice(5))}` : url;
}
