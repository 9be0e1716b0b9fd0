import { createHash } from "node:crypto";

/** Where the engine writes its output, a chunk at a time, counting and hashing as it goes. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
}

/** Collects the output in memory (the Uint8Array APIs). */
export class MemorySink implements ByteSink {
  private readonly chunks: Uint8Array[] = [];

  async write(chunk: Uint8Array): Promise<void> {
    this.chunks.push(chunk);
  }

  bytes(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}

/** Passes chunks on while counting their bytes and hashing them (sha256). */
export class HashingSink implements ByteSink {
  private readonly hash = createHash("sha256");
  size = 0;

  constructor(private readonly next: ByteSink) {}

  async write(chunk: Uint8Array): Promise<void> {
    this.hash.update(chunk);
    this.size += chunk.byteLength;
    await this.next.write(chunk);
  }

  digest(): string {
    return this.hash.digest("hex");
  }
}
