import { realpathSync } from "node:fs";
import path from "node:path";

/**
 * The folder as the servers will see it: resolved against the working directory, and through
 * symlinks where it exists (a symlinked media folder pointing into the protected one would publish it).
 * A missing tail is kept as written under its nearest existing parent's real path.
 */
export function realFolder(folder: string): string {
  const absolute = path.resolve(/*turbopackIgnore: true*/ folder);
  const missing: string[] = [];
  for (let current = absolute; ; current = path.dirname(current)) {
    try {
      return path.join(realpathSync(/*turbopackIgnore: true*/ current), ...missing.reverse());
    } catch {
      if (path.dirname(current) === current) return absolute;
      missing.push(path.basename(current));
    }
  }
}

/** True when `inner` is `outer` itself or a folder somewhere below it. */
export function isSameOrInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}
