import { constants } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { ConfinementError, MissingFileError } from "../errors";
import { createFileStream } from "../file-stream";
import { isErrnoCode } from "../resolve-confined-path";
import type { ConfinedFile, ProtectedFile } from "../types";
import { planNodeResponse } from "./node-plan";

/** The app sends the bytes itself: validators, conditional requests, a single range, HEAD. */
export async function streamFromApp(request: Request, file: ProtectedFile, target: ConfinedFile): Promise<Response> {
  if (request.method === "HEAD") {
    const plan = planNodeResponse(request, file, target);
    return new Response(null, { status: plan.status, headers: plan.headers });
  }

  const handle = await openConfined(target.absolutePath, file.storageKey);
  try {
    // Sizes and dates come from the open handle, so headers and body describe the same file even
    // if it was replaced since it was resolved.
    const stats = await handle.stat();
    const plan = planNodeResponse(request, file, { size: stats.size, mtime: stats.mtime });
    if (plan.body === null) {
      await handle.close();
      return new Response(null, { status: plan.status, headers: plan.headers });
    }
    const stream = createFileStream(handle, plan.body.start, plan.body.end);
    return new Response(stream, { status: plan.status, headers: plan.headers });
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

// The path is already real (no symlinks); O_NOFOLLOW refuses one swapped in since it was resolved.
async function openConfined(absolutePath: string, storageKey: string): Promise<FileHandle> {
  try {
    return await open(/*turbopackIgnore: true*/ absolutePath, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if (isErrnoCode(error, "ENOENT")) {
      throw new MissingFileError(`file for storage key ${JSON.stringify(storageKey)} vanished`, { cause: error });
    }
    if (isErrnoCode(error, "ELOOP")) {
      throw new ConfinementError(`storage key ${JSON.stringify(storageKey)} became a symlink`, { cause: error });
    }
    throw error;
  }
}
