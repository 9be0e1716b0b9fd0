import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, unlink } from "node:fs/promises";
import path from "node:path";
import type { ByteSink } from "./byte-sink";

/** A file written under a temporary name in its destination's folder, renamed into place when complete. */
export class AtomicFile implements ByteSink {
  private constructor(
    private readonly stream: WriteStream,
    private readonly temp: string,
    private readonly dest: string,
  ) {}

  static async create(dest: string): Promise<AtomicFile> {
    const folder = path.dirname(dest);
    await mkdir(folder, { recursive: true });
    const temp = path.join(folder, `.${path.basename(dest)}.${randomBytes(6).toString("hex")}.part`);
    // The default mode, like an uploaded original: the web server in front must be able to read the copy.
    const stream = createWriteStream(temp, { flags: "wx", flush: true });
    await once(stream, "open");
    return new AtomicFile(stream, temp, dest);
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  /** Flushes (to disk, not only the page cache) and renames into place. */
  async commit(): Promise<void> {
    this.stream.end();
    await once(this.stream, "close");
    await rename(this.temp, this.dest);
  }

  /** Drops the partial file; the destination is untouched. */
  async abort(): Promise<void> {
    this.stream.destroy();
    await unlink(this.temp).catch(() => undefined);
  }
}
