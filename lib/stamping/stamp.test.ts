import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canStamp, stampFile, stampHash, StampError, type Stamp } from "./stamp";
import { makeEpub, makePdf } from "@/tests/helpers/stamping/fixtures";
import { readPdfPages } from "@/tests/helpers/stamping/read-pdf";
import { validateEpub } from "@/tests/helpers/stamping/validate-epub";

const stamp: Stamp = {
  licensedTo: "Zoë Buyer",
  email: "zoe@example.com",
  orderId: "ord_7Q2",
  shopName: "Bindery",
  noticePage: true,
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "bindery-stamp-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<StampError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StampError);
  return error as StampError;
}

describe("stampHash", () => {
  it("is a sha256 hex digest that depends on every field and nothing else", () => {
    const hash = stampHash(stamp);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stampHash({ ...stamp })).toBe(hash);
    const changed: Stamp[] = [
      { ...stamp, licensedTo: "Zoe Buyer" },
      { ...stamp, email: "zoe@example.org" },
      { ...stamp, orderId: "ord_7Q3" },
      { ...stamp, shopName: "Other" },
      { ...stamp, noticePage: false },
      { ...stamp, licensedAt: new Date("2026-01-01T00:00:00Z") },
    ];
    const hashes = new Set(changed.map(stampHash));
    expect(hashes.size).toBe(changed.length);
    expect(hashes.has(hash)).toBe(false);
  });

  it("cannot be made to collide by moving text between fields", () => {
    expect(stampHash({ ...stamp, licensedTo: "a", email: "b,c" })).not.toBe(
      stampHash({ ...stamp, licensedTo: "a,b", email: "c" }),
    );
  });
});

describe("canStamp", () => {
  it("accepts PDF and EPUB (any case, with parameters) and nothing else", () => {
    expect(canStamp("application/pdf")).toBe(true);
    expect(canStamp("application/epub+zip")).toBe(true);
    expect(canStamp("Application/PDF; charset=binary")).toBe(true);
    for (const type of ["application/zip", "application/x-mobipocket-ebook", "audio/mpeg", "text/html", ""]) {
      expect(canStamp(type)).toBe(false);
    }
  });
});

describe("stampFile", () => {
  it("stamps a PDF into a new folder and reports the size and sha256 of what it wrote", async () => {
    const source = path.join(dir, "book.pdf");
    await writeFile(source, await makePdf(3));
    const dest = path.join(dir, "stamped", "a", "copy.pdf");
    const result = await stampFile(source, dest, "application/pdf", stamp);
    const written = await readFile(dest);
    expect(result).toEqual({ size: written.length, sha256: createHash("sha256").update(written).digest("hex") });
    const pages = await readPdfPages(written);
    expect(pages).toHaveLength(4);
    expect(pages[3].text).toContain("Licensed to Zoë Buyer · order ord_7Q2");
    expect(await readdir(path.dirname(dest))).toEqual(["copy.pdf"]);
  });

  it("stamps an EPUB from disk to disk", async () => {
    const source = path.join(dir, "book.epub");
    await writeFile(source, await makeEpub({ version: 3, chapters: 4 }));
    const dest = path.join(dir, "stamped", "b", "copy.epub");
    const result = await stampFile(source, dest, "application/epub+zip", stamp);
    const written = await readFile(dest);
    expect(result).toEqual({ size: written.length, sha256: createHash("sha256").update(written).digest("hex") });
    const epub = await validateEpub(written);
    expect(epub.spine[0].idref).toBe("bindery-license");
  });

  it("replaces an existing copy whole", async () => {
    const source = path.join(dir, "book.pdf");
    const dest = path.join(dir, "stamped", "c", "copy.pdf");
    await stampFile(source, dest, "application/pdf", stamp);
    const second = await stampFile(source, dest, "application/pdf", { ...stamp, licensedTo: "Someone Else" });
    const written = await readFile(dest);
    expect(written.length).toBe(second.size);
    expect((await readPdfPages(written))[1].text).toContain("Licensed to Someone Else");
    expect(await readdir(path.dirname(dest))).toEqual(["copy.pdf"]);
  });

  it("leaves nothing behind when the source is damaged, and keeps a copy already there", async () => {
    const source = path.join(dir, "broken.epub");
    await writeFile(source, "PK\u0003\u0004 this is not really a zip");
    const folder = path.join(dir, "stamped", "d");
    const error = await failure(stampFile(source, path.join(folder, "new.epub"), "application/epub+zip", stamp));
    expect(error.reason).toBe("damaged");
    expect(await readdir(folder)).toEqual([]);

    await writeFile(path.join(folder, "old.pdf"), "previous copy");
    const pdfError = await failure(stampFile(source, path.join(folder, "old.pdf"), "application/pdf", stamp));
    expect(pdfError.reason).toBe("damaged");
    expect(await readdir(folder)).toEqual(["old.pdf"]);
    expect(await readFile(path.join(folder, "old.pdf"), "utf8")).toBe("previous copy");
  });

  it("refuses other types and sources above the size limit before reading them", async () => {
    const source = path.join(dir, "book.pdf");
    const unsupported = await failure(
      stampFile(source, path.join(dir, "x.mobi"), "application/x-mobipocket-ebook", stamp),
    );
    expect(unsupported.reason).toBe("unsupported");

    const huge = path.join(dir, "huge.pdf");
    await writeFile(huge, "%PDF-1.7\n");
    await truncate(huge, 512 * 1024 * 1024 + 1); // sparse: nothing is really written
    const tooLarge = await failure(
      stampFile(huge, path.join(dir, "stamped", "e", "huge.pdf"), "application/pdf", stamp),
    );
    expect(tooLarge.reason).toBe("unsupported");
    expect(tooLarge.message).toContain("512 MB");
  });
});
