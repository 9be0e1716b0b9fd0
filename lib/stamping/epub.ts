import path from "node:path/posix";
import type { Entry, ZipFile } from "yauzl";
import { MemorySink, type ByteSink } from "./byte-sink";
import { noticeXhtml } from "./epub-notice";
import { encryptsContent, packagePath, readPackage, stampPackage, type NoticePage } from "./epub-opf";
import { EPUB_TYPE, StampError, type Stamp } from "./model";
import { cleanStamp } from "./text";
import { ZipWriter, type ZipEntryHeader } from "./zip-writer";
import { openZip, rawStream, readEntry } from "./zip-reader";

const MIMETYPE = "mimetype";
const CONTAINER = "META-INF/container.xml";
const ENCRYPTION = "META-INF/encryption.xml";
const ENCRYPTED_FLAG = 0x0001;
const UNICODE_PATH_EXTRA_FIELD = 0x7075;
const UTF8_FLAG = 0x0800;
const NOTICE_BASENAME = "bindery-license";

/** A stamped EPUB, in memory. */
export async function stampEpub(source: Uint8Array, stamp: Stamp): Promise<Uint8Array> {
  const sink = new MemorySink();
  await stampEpubTo(source, sink, stamp);
  return sink.bytes();
}

/**
 * Writes the stamped EPUB to `sink`. From a path, the source is read entry by entry (never whole): only
 * container.xml and the OPF are held in memory. The output is `mimetype` first (stored, no extra field),
 * then every source entry in order, byte-identical (still compressed as it was), the OPF stamped in its
 * place and the notice page after it.
 */
export async function stampEpubTo(source: string | Uint8Array, sink: ByteSink, input: Stamp): Promise<void> {
  const stamp = cleanStamp(input);
  const { zip, entries } = await openZip(source);
  try {
    if (entries.some((entry) => entry.generalPurposeBitFlag & ENCRYPTED_FLAG)) {
      throw new StampError("encrypted", "The EPUB has encrypted entries.");
    }
    const byName = new Map(entries.map((entry) => [entry.fileName, entry]));
    const encryption = byName.get(ENCRYPTION);
    if (encryption && encryptsContent(utf8(await readEntry(zip, encryption), ENCRYPTION))) {
      throw new StampError("encrypted", "The EPUB's content is encrypted (DRM).");
    }
    const container = byName.get(CONTAINER);
    if (!container) throw new StampError("damaged", `The EPUB has no ${CONTAINER}.`);
    const opfPath = packagePath(utf8(await readEntry(zip, container), CONTAINER));
    const opfEntry = byName.get(opfPath);
    if (!opfEntry) throw new StampError("damaged", `The EPUB's package document ${opfPath} is missing.`);
    const opfBytes = await readEntry(zip, opfEntry);
    const bom = hasUtf8Bom(opfBytes);
    const opf = utf8(bom ? opfBytes.subarray(3) : opfBytes, opfPath);
    const { version, ids } = readPackage(opf, opfPath);
    const notice = stamp.noticePage ? noticeName(opfPath, ids, entries) : undefined;
    const stampedOpf = Buffer.from((bom ? "\ufeff" : "") + stampPackage(opf, opfPath, stamp, notice), "utf8");

    const writer = new ZipWriter(sink);
    const now = new Date();
    await writer.addFile(MIMETYPE, Buffer.from(EPUB_TYPE, "ascii"), { store: true, date: now });
    for (const entry of entries) {
      if (entry.fileName === MIMETYPE) continue;
      if (entry === opfEntry) {
        await writer.addFile(opfPath, stampedOpf, { store: false, date: now });
        if (notice) {
          const page = Buffer.from(noticeXhtml(stamp, version), "utf8");
          await writer.addFile(notice.zipPath, page, { store: false, date: now });
        }
        continue;
      }
      await copyEntry(zip, entry, writer);
    }
    await writer.finish();
  } catch (error) {
    if (error instanceof StampError) throw error;
    if (error instanceof RangeError) throw new StampError("unsupported", "The EPUB is too large to stamp.");
    throw new StampError("damaged", "The EPUB could not be read.", { cause: error });
  } finally {
    zip.close();
  }
}

async function copyEntry(zip: ZipFile, entry: Entry, writer: ZipWriter): Promise<void> {
  // Without its extra fields, a name given by an Info-ZIP Unicode path field is written as UTF-8 itself.
  const unicodePath = entry.extraFields.some((field) => field.id === UNICODE_PATH_EXTRA_FIELD);
  const header: ZipEntryHeader = {
    name: unicodePath ? Buffer.from(entry.fileName, "utf8") : entry.fileNameRaw,
    versionMadeBy: entry.versionMadeBy,
    versionNeeded: entry.versionNeededToExtract,
    flags: unicodePath ? entry.generalPurposeBitFlag | UTF8_FLAG : entry.generalPurposeBitFlag,
    method: entry.compressionMethod,
    dosTime: entry.lastModFileTime,
    dosDate: entry.lastModFileDate,
    crc32: entry.crc32,
    compressedSize: entry.compressedSize,
    uncompressedSize: entry.uncompressedSize,
    internalAttributes: entry.internalFileAttributes,
    externalAttributes: entry.externalFileAttributes,
  };
  await writer.addRaw(header, await rawStream(zip, entry));
}

/** A path beside the OPF and a manifest id that nothing in the book uses yet. */
function noticeName(opfPath: string, ids: Set<string>, entries: Entry[]): NoticePage {
  const taken = new Set(entries.map((entry) => entry.fileName.toLowerCase()));
  for (let n = 1; ; n++) {
    const base = n === 1 ? NOTICE_BASENAME : `${NOTICE_BASENAME}-${n}`;
    const zipPath = path.join(path.dirname(opfPath), `${base}.xhtml`);
    if (!ids.has(base) && !taken.has(zipPath.toLowerCase())) return { zipPath, id: base };
  }
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function utf8(bytes: Uint8Array, where: string): string {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw new StampError("unsupported", `${where} is UTF-16; only UTF-8 package documents can be stamped.`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new StampError("damaged", `${where} is not valid UTF-8.`, { cause: error });
  }
}
