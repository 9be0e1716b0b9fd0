import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface TempRoot {
  /** The protected root. */
  root: string;
  /** A sibling directory outside the root. */
  outside: string;
  write(key: string, content: string | Uint8Array, mtime?: Date): Promise<string>;
  cleanup(): Promise<void>;
}

/** A protected root in a fresh temp dir, for tests that need real files. */
export async function makeTempRoot(): Promise<TempRoot> {
  const base = await mkdtemp(path.join(os.tmpdir(), "bindery-sendfile-"));
  const root = path.join(base, "protected");
  const outside = path.join(base, "outside");
  await mkdir(root);
  await mkdir(outside);
  return {
    root,
    outside,
    async write(key, content, mtime) {
      const file = path.join(root, key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
      if (mtime !== undefined) await utimes(file, mtime, mtime);
      return file;
    },
    cleanup: () => rm(base, { recursive: true, force: true }),
  };
}
