import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { ConfinementError, MissingFileError } from "./errors";
import type { ConfinedFile } from "./types";

export async function resolveConfinedPath(protectedRoot: string, storageKey: string): Promise<ConfinedFile> {
  assertCanonicalKey(storageKey);
  const realRoot = await realRootOf(protectedRoot);
  const realFile = await realpathOrMissing(path.join(realRoot, storageKey), storageKey);
  if (!isStrictlyInside(realRoot, realFile)) {
    throw new ConfinementError(`storage key resolves outside the protected root: ${JSON.stringify(storageKey)}`);
  }
  const stats = await stat(/*turbopackIgnore: true*/ realFile);
  if (!stats.isFile()) {
    throw new MissingFileError(`storage key is not a regular file: ${JSON.stringify(storageKey)}`);
  }
  return { absolutePath: realFile, size: stats.size, mtime: stats.mtime };
}

// The root's real path, once per process: it is one of three file system calls on every download
// (npm run bench:profile). Moving the root, or the link to it, needs a restart, like any change to
// PROTECTED_ROOT. A failed lookup is not kept, so a root that appears later is found.
const realRoots = new Map<string, Promise<string>>();

function realRootOf(root: string): Promise<string> {
  let real = realRoots.get(root);
  if (!real) {
    real = realpath(/*turbopackIgnore: true*/ root);
    realRoots.set(root, real);
    real.catch(() => realRoots.delete(root));
  }
  return real;
}

// "." segments are refused too: a canonical key keeps the offload URI and the real path naming the same file.
function assertCanonicalKey(key: string): void {
  const refuse = (why: string): never => {
    throw new ConfinementError(`storage key refused (${why}): ${JSON.stringify(key)}`);
  };
  if (key === "") refuse("empty");
  if (key.includes("\0")) refuse("NUL");
  if (key.includes("\\")) refuse("backslash");
  if (path.isAbsolute(key)) refuse("absolute");
  for (const segment of key.split("/")) {
    if (segment === "") refuse("empty segment");
    if (segment === "." || segment === "..") refuse("dot segment");
  }
}

async function realpathOrMissing(candidate: string, storageKey: string): Promise<string> {
  try {
    return await realpath(/*turbopackIgnore: true*/ candidate);
  } catch (error) {
    if (isErrnoCode(error, "ENOENT") || isErrnoCode(error, "ENOTDIR")) {
      throw new MissingFileError(`no file for storage key ${JSON.stringify(storageKey)}`, { cause: error });
    }
    throw error;
  }
}

function isStrictlyInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

export function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
