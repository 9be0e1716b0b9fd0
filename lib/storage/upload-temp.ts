import { readdir, stat, unlink } from "node:fs/promises";
import path from "node:path";

/** Uploads in progress, inside the storage root they will end up in (same filesystem: atomic rename). */
export const TEMP_DIR = ".incoming";

const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * A process killed mid-upload cannot clean up after itself: the next upload removes temp files
 * left for more than a day (no live upload lasts that long).
 */
export async function sweepStaleTempFiles(directory: string, now = Date.now()): Promise<void> {
  const names = await readdir(directory).catch(() => []);
  for (const name of names) {
    if (!name.endsWith(".part")) continue;
    const file = path.join(directory, name);
    const stats = await stat(file).catch(() => null);
    if (stats && now - stats.mtimeMs > STALE_AFTER_MS) await unlink(file).catch(() => undefined);
  }
}
