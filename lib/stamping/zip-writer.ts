import { crc32, deflateRawSync } from "node:zlib";
import type { ByteSink } from "./byte-sink";

/** An entry's header fields as the writer needs them (copied from the source, or made for new entries). */
export interface ZipEntryHeader {
  name: Uint8Array;
  versionMadeBy: number;
  versionNeeded: number;
  flags: number;
  method: number;
  dosTime: number;
  dosDate: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  internalAttributes: number;
  externalAttributes: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const DATA_DESCRIPTOR_FLAG = 0x0008;
const UTF8_FLAG = 0x0800;
const LIMIT_32 = 0xffffffff;
const LIMIT_16 = 0xffff;

/**
 * A plain ZIP writer that takes entries' data as stored in their source, compressed or not, so a copy is
 * byte-identical and nothing is recompressed (no ZIP library on npm writes pre-compressed data). Sizes go
 * in the local header (no data descriptors) and no extra fields are written: the EPUB rule for
 * `mimetype`, and harmless for the rest. No ZIP64: the engine's size limit keeps it far from 4 GB.
 */
export class ZipWriter {
  private offset = 0;
  private readonly central: Uint8Array[] = [];

  constructor(private readonly sink: ByteSink) {}

  /** Writes one entry whose data (`raw`, in the entry's method already) follows as chunks. */
  async addRaw(header: ZipEntryHeader, raw: AsyncIterable<Uint8Array> | Uint8Array[]): Promise<void> {
    if (header.compressedSize >= LIMIT_32 || header.uncompressedSize >= LIMIT_32 || this.offset >= LIMIT_32) {
      throw new RangeError("ZIP64 is not supported");
    }
    const flags = header.flags & ~DATA_DESCRIPTOR_FLAG;
    const versionNeeded = header.versionNeeded >= 45 ? 20 : header.versionNeeded;
    const local = Buffer.alloc(30 + header.name.byteLength);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(versionNeeded, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(header.method, 8);
    local.writeUInt16LE(header.dosTime, 10);
    local.writeUInt16LE(header.dosDate, 12);
    local.writeUInt32LE(header.crc32 >>> 0, 14);
    local.writeUInt32LE(header.compressedSize, 18);
    local.writeUInt32LE(header.uncompressedSize, 22);
    local.writeUInt16LE(header.name.byteLength, 26);
    local.writeUInt16LE(0, 28);
    local.set(header.name, 30);

    const central = Buffer.alloc(46 + header.name.byteLength);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(header.versionMadeBy, 4);
    central.writeUInt16LE(versionNeeded, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(header.method, 10);
    central.writeUInt16LE(header.dosTime, 12);
    central.writeUInt16LE(header.dosDate, 14);
    central.writeUInt32LE(header.crc32 >>> 0, 16);
    central.writeUInt32LE(header.compressedSize, 20);
    central.writeUInt32LE(header.uncompressedSize, 24);
    central.writeUInt16LE(header.name.byteLength, 28);
    central.writeUInt16LE(header.internalAttributes, 36);
    central.writeUInt32LE(header.externalAttributes >>> 0, 38);
    central.writeUInt32LE(this.offset, 42);
    central.set(header.name, 46);

    await this.emit(local);
    let written = 0;
    for await (const chunk of raw) {
      written += chunk.byteLength;
      await this.emit(chunk);
    }
    if (written !== header.compressedSize) throw new RangeError("entry data does not match its size");
    this.central.push(central);
  }

  /** A new entry from its content: stored (mimetype) or deflated. */
  async addFile(name: string, content: Uint8Array, options: { store: boolean; date: Date }): Promise<void> {
    const data = options.store ? content : deflateRawSync(content);
    const { dosTime, dosDate } = dosDateTime(options.date);
    await this.addRaw(
      {
        name: Buffer.from(name, "utf8"),
        versionMadeBy: 20,
        versionNeeded: options.store ? 10 : 20,
        flags: /^[\x20-\x7e]*$/.test(name) ? 0 : UTF8_FLAG,
        method: options.store ? 0 : 8,
        dosTime,
        dosDate,
        crc32: crc32(content),
        compressedSize: data.byteLength,
        uncompressedSize: content.byteLength,
        internalAttributes: 0,
        externalAttributes: 0,
      },
      [data],
    );
  }

  /** The central directory and its end record. */
  async finish(): Promise<void> {
    if (this.central.length >= LIMIT_16) throw new RangeError("too many entries for a ZIP without ZIP64");
    const start = this.offset;
    for (const record of this.central) await this.emit(record);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.central.length, 8);
    end.writeUInt16LE(this.central.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.emit(end);
  }

  private async emit(chunk: Uint8Array): Promise<void> {
    this.offset += chunk.byteLength;
    await this.sink.write(chunk);
  }
}

function dosDateTime(date: Date): { dosTime: number; dosDate: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    dosTime: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    dosDate: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}
