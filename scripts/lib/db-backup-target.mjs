// Where a backup goes, and how it gets there: written under a temporary name beside the target, flushed
// to disk, then renamed, so a crash, a full disk or Ctrl-C never leaves a half-written file under the
// name an owner would restore from.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";

/** A failure the script reports as one line, without a stack trace. */
export class BackupError extends Error {}

/** `20261202T173345Z`: sorts by time, and has no colon (not allowed in file names on every system). */
export function utcStamp(date) {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replaceAll("-", "")
    .replaceAll(":", "");
}

/**
 * The final path: `<dir>/bindery-<UTC stamp><ext>` when `requested` is missing (dir = `defaultDir`) or an
 * existing folder; otherwise `requested` itself, whose folder must exist and which must not exist yet.
 */
export function resolveTarget(requested, { defaultDir, extension, now = new Date(), cwd = process.cwd() }) {
  const fileName = `bindery-${utcStamp(now)}${extension}`;
  if (requested === undefined) return path.join(defaultDir, fileName);
  const resolved = path.resolve(cwd, requested);
  if (existsSync(resolved) && statSync(resolved).isDirectory()) return path.join(resolved, fileName);
  const dir = path.dirname(resolved);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new BackupError(`the target folder ${dir} does not exist`);
  }
  return resolved;
}

/** A name in the same folder (a rename across file systems is not atomic), hidden and marked as unfinished. */
export function temporaryPath(target) {
  return path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}`);
}

function fsyncPath(file, flags) {
  const fd = openSync(file, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes the finished temporary file, refuses to replace an existing backup, renames, flushes the folder. */
export function publish(temporary, target) {
  if (existsSync(target)) throw new BackupError(`${target} already exists; it was left as it was`);
  fsyncPath(temporary, "r+");
  renameSync(temporary, target);
  fsyncPath(path.dirname(target), "r");
}

export function discard(temporary) {
  rmSync(temporary, { force: true });
}

export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
