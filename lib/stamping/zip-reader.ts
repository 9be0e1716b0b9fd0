import { fromBufferPromise, openPromise, type Entry, type ZipFile } from "yauzl";
import { StampError } from "./model";

const OPTIONS = { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true };

/** Largest part read into memory to be parsed (container.xml, the OPF). */
const MAX_PARSED_ENTRY_BYTES = 16 * 1024 * 1024;

/** An open ZIP's entries (central directory only: no entry's data is read yet). */
export interface OpenZip {
  zip: ZipFile;
  entries: Entry[];
}

/** Opens a ZIP from a file (read as needed, not loaded) or from memory; a bad one is "damaged". */
export async function openZip(source: string | Uint8Array): Promise<OpenZip> {
  let zip: ZipFile;
  try {
    zip =
      typeof source === "string"
        ? await openPromise(source, OPTIONS)
        : await fromBufferPromise(Buffer.from(source.buffer, source.byteOffset, source.byteLength), OPTIONS);
  } catch (error) {
    throw new StampError("damaged", "The EPUB is not a readable ZIP file.", { cause: error });
  }
  try {
    const entries: Entry[] = [];
    for await (const entry of zip.eachEntry()) entries.push(entry);
    return { zip, entries };
  } catch (error) {
    zip.close();
    throw new StampError("damaged", "The EPUB's ZIP directory is damaged.", { cause: error });
  }
}

/** An entry's data as stored (compressed or not): what a byte-identical copy writes. */
export async function rawStream(zip: ZipFile, entry: Entry): Promise<AsyncIterable<Uint8Array>> {
  return zip.openReadStreamPromise(entry, { decodeFileData: false });
}

/** An entry's content, decompressed and size-checked, for parsing. */
export async function readEntry(zip: ZipFile, entry: Entry): Promise<Buffer> {
  if (entry.uncompressedSize > MAX_PARSED_ENTRY_BYTES) {
    throw new StampError("unsupported", `${entry.fileName} is too large to parse.`);
  }
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } catch (error) {
    throw new StampError("damaged", `${entry.fileName} cannot be read from the EPUB.`, { cause: error });
  }
}
