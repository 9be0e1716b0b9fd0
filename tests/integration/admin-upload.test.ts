import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEpub } from "../../prisma/seed/epub";
import { exeBytes, filesUnder, pdfBytes, uploadBookFile } from "../helpers/admin-fixtures";
import { startApp, type RunningApp } from "../helpers/app-server";
import { DEMO, signIn } from "../helpers/http-session";
import { StoreDb } from "../helpers/store-db";
import { prepareTestEnvironment, type TestEnvironment } from "../helpers/test-env";

const LIMIT_MB = 2;
let store: TestEnvironment;
let app: RunningApp;
let db: StoreDb;
let admin = "";
let bookId = "";

beforeAll(async () => {
  store = prepareTestEnvironment("admin-upload", { MAX_UPLOAD_MB: String(LIMIT_MB) });
  app = await startApp(store.env);
  db = new StoreDb(store.env.DATABASE_URL);
  admin = await signIn(app.url, DEMO.admin.email, DEMO.admin.password);
  bookId = (await db.file("Drafts and Proofs.pdf")).productId;
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const fileRow = (id: string) =>
  db.prisma.productFile.findUniqueOrThrow({
    where: { id },
    select: {
      displayName: true,
      storageKey: true,
      size: true,
      sha256: true,
      contentType: true,
      version: true,
      lineageId: true,
      active: true,
    },
  });
const storedState = async () => ({
  rows: await db.prisma.productFile.count(),
  files: filesUnder(store.env.PROTECTED_ROOT),
});
const upload = (bytes: Buffer, name: string) => uploadBookFile(app.url, bookId, bytes, { cookie: admin, name });

describe("accepted uploads", () => {
  it("stores a PDF under a generated key with the sha256 of its bytes", async () => {
    const bytes = pdfBytes(300_000, "accepted PDF");
    const response = await upload(bytes, "Drafts, second pass.pdf");
    expect(response.status).toBe(201);
    const { file } = (await response.json()) as { file: { id: string; sha256: string } };
    const row = await fileRow(file.id);
    expect(row).toMatchObject({
      displayName: "Drafts, second pass.pdf",
      size: bytes.length,
      contentType: "application/pdf",
      version: 1,
      lineageId: null,
      active: true,
    });
    expect(row.storageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}\.pdf$/);
    expect(row.sha256).toBe(sha256(bytes));
    expect(file.sha256).toBe(row.sha256);
    const onDisk = readFileSync(path.join(store.env.PROTECTED_ROOT, row.storageKey));
    expect(sha256(onDisk)).toBe(sha256(bytes));
    const audit = await db.prisma.auditLog.findFirst({
      where: { targetId: file.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { action: true, actorId: true },
    });
    expect(audit).toEqual({ action: "file.upload", actorId: await db.userId(DEMO.admin.email) });
  });

  it("stores an EPUB, recognised by its content", async () => {
    const bytes = makeEpub("Drafts and Proofs", "Mara Ellison");
    const response = await upload(bytes, "Drafts and Proofs.epub");
    expect(response.status).toBe(201);
    const { file } = (await response.json()) as { file: { id: string } };
    expect(await fileRow(file.id)).toMatchObject({
      displayName: "Drafts and Proofs.epub",
      contentType: "application/epub+zip",
      sha256: sha256(bytes),
    });
    expect((await fileRow(file.id)).storageKey).toMatch(/\.epub$/);
  });

  it("names the file after what it is: a PDF sent as notes.txt is sold as notes.pdf", async () => {
    const response = await upload(pdfBytes(), "notes.txt");
    const { file } = (await response.json()) as { file: { id: string } };
    expect((await fileRow(file.id)).displayName).toBe("notes.pdf");
  });
});

describe("refused uploads leave neither a file nor a row", () => {
  it("refuses an executable renamed .pdf with 415 and a clear message", async () => {
    const before = await storedState();
    const response = await upload(exeBytes(64 * 1024), "definitely-a-book.pdf");
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      error: "Only PDF and EPUB files can be sold. This file's content is neither, whatever its name says.",
    });
    expect(await storedState()).toEqual(before);
  });

  it("refuses a file over MAX_UPLOAD_MB with 413, announced up front", async () => {
    const before = await storedState();
    const response = await upload(pdfBytes(LIMIT_MB * 1024 * 1024 + 1), "too-big.pdf");
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: `The file is larger than ${LIMIT_MB}.0 MB.` });
    expect(await storedState()).toEqual(before);
  });

  it("refuses a chunked body (no Content-Length) once it passes the limit, with 413", async () => {
    const before = await storedState();
    const bytes = pdfBytes(LIMIT_MB * 1024 * 1024 + 256 * 1024);
    const response = await fetch(`${app.url}/api/admin/books/${bookId}/files?name=chunked.pdf`, {
      method: "POST",
      headers: { cookie: admin, origin: app.url },
      body: new Blob([new Uint8Array(bytes)]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await storedState()).toEqual(before);
    // The half-read body must not poison the kept-alive connection for the requests after it.
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      expect((await upload(pdfBytes(), `after-${i}.pdf`)).status).toBe(201);
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });

  it("cleans up an upload cut off mid-stream: no temp file, no row", async () => {
    const before = await storedState();
    const request = http.request(`${app.url}/api/admin/books/${bookId}/files?name=cut.pdf`, {
      method: "POST",
      headers: { cookie: admin, origin: app.url, "content-length": String(LIMIT_MB * 1024 * 1024) },
    });
    request.on("error", () => undefined);
    request.write(pdfBytes(512 * 1024));
    // The temp file exists while the body arrives…
    await expect
      .poll(() => filesUnder(store.env.PROTECTED_ROOT).filter((name) => name.endsWith(".part")), { timeout: 5000 })
      .toHaveLength(1);
    request.destroy();
    // …and is gone once the connection is cut.
    await expect.poll(() => storedState(), { timeout: 5000 }).toEqual(before);
  });

  it.each([
    ["an unknown book", "nosuchbook000000", "x.pdf", 404],
    ["an empty name", "", "", 400],
  ])("refuses %s", async (_name, id, name, status) => {
    const before = await storedState();
    const response = await uploadBookFile(app.url, id || bookId, pdfBytes(), { cookie: admin, name });
    expect(response.status).toBe(status);
    expect(await storedState()).toEqual(before);
  });
});
