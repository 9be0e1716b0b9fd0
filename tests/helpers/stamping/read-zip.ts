import { fromBufferPromise, type Entry } from "yauzl";

export interface ZipContent {
  entries: Entry[];
  /** Decompressed content by name. */
  files: Map<string, Buffer>;
  /** Data as stored (still compressed) by name. */
  raw: Map<string, Buffer>;
}

async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every entry of a ZIP, decompressed and as stored (yauzl, checking CRCs and sizes). */
export async function readZip(bytes: Uint8Array): Promise<ZipContent> {
  const zip = await fromBufferPromise(Buffer.from(bytes), { lazyEntries: true, autoClose: false });
  const content: ZipContent = { entries: [], files: new Map(), raw: new Map() };
  try {
    for await (const entry of zip.eachEntry()) {
      content.entries.push(entry);
      content.files.set(entry.fileName, await collect(await zip.openReadStreamPromise(entry)));
      content.raw.set(entry.fileName, await collect(await zip.openReadStreamPromise(entry, { decodeFileData: false })));
    }
  } finally {
    zip.close();
  }
  return content;
}
