import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatBytes } from "@/lib/catalog/money";
import { signedQuery } from "@/lib/downloads/signed-link";
import { bookFormFields } from "../helpers/admin-fixtures";
import type { RunningApp } from "../helpers/app-server";
import { DEMO, signIn } from "../helpers/http-session";
import { actionStateIn, callServerAction } from "../helpers/server-action";
import { addStampingBook, makeEncryptedPdf, makePdf, readPdf, type StampingBook } from "../helpers/stamped-books";
import { outbox, startShop, type Shop } from "../helpers/shop";
import { makeEpub } from "../helpers/stamping/fixtures";
import { validateEpub } from "../helpers/stamping/validate-epub";
import type { StoreDb } from "../helpers/store-db";
import { PROJECT_ROOT, type TestEnvironment } from "../helpers/test-env";

let shop: Shop;
let store: TestEnvironment;
let app: RunningApp;
let db: StoreDb;
let reader = "";
let staff = "";
let admin = "";
let root = "";

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

beforeAll(async () => {
  shop = await startShop("stamped-copies", { SENDFILE_BACKEND: "node" });
  ({ store, app, db } = shop);
  root = store.env.PROTECTED_ROOT;
  [reader, staff, admin] = await Promise.all([
    signIn(app.url, DEMO.reader.email, DEMO.reader.password),
    signIn(app.url, DEMO.staff.email, DEMO.staff.password),
    signIn(app.url, DEMO.admin.email, DEMO.admin.password),
  ]);
});
afterAll(async () => {
  await shop?.stop();
});

const link = (grantId: string) =>
  `${app.url}/api/downloads/${grantId}?${signedQuery(grantId, 3600, store.env.AUTH_SECRET)}`;
const download = (grantId: string, headers: Record<string, string> = {}) =>
  fetch(link(grantId), { redirect: "manual", headers });
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());
const copyOf = (grantId: string) => db.prisma.stampedCopy.findUnique({ where: { grantId } });

async function readersGrant(book: StampingBook, email: string = DEMO.reader.email) {
  return db.createGrant({ email, fileId: book.fileId, productId: book.productId, limit: 3 });
}

/** The reader's library, from one book's title to the next book. */
async function libraryEntry(title: string): Promise<string> {
  const html = await (await fetch(`${app.url}/library`, { headers: { cookie: reader } })).text();
  const start = html.indexOf(title);
  expect(start).toBeGreaterThan(-1);
  const end = html.indexOf("<li", html.indexOf("</ul>", start));
  return html.slice(start, end === -1 ? undefined : end);
}

async function orderIdOf(grantId: string): Promise<string> {
  const grant = await db.prisma.downloadGrant.findUniqueOrThrow({
    where: { id: grantId },
    select: { orderItem: { select: { orderId: true } } },
  });
  return grant.orderItem.orderId;
}

describe("a book that stamps each buyer's copy", () => {
  it("sends the buyer a copy with their name on every page and their email and order in the metadata", async () => {
    const book = await addStampingBook(db, root, { pages: 4 });
    const grantId = await readersGrant(book);
    const response = await download(grantId);
    expect(response.status).toBe(200);
    const body = await bytesOf(response);
    expect(sha256(body)).not.toBe(book.sha256);

    const orderId = await orderIdOf(grantId);
    const pdf = await readPdf(body);
    // A notice page in front of the four pages, each of which carries the footer.
    expect(pdf.pages).toHaveLength(5);
    for (const [index, text] of pdf.pages.entries()) {
      expect(text, `page ${index + 1}`).toContain("Licensed to Rae Reader");
      expect(text, `page ${index + 1}`).toContain(orderId);
    }
    expect(pdf.pages[1]).toContain("A Stamped Book, page 1");
    expect(Object.values(pdf.info).join(" ")).toContain(DEMO.reader.email);
    expect(Object.values(pdf.info).join(" ")).toContain(orderId);
    expect(pdf.xmp).toContain(DEMO.reader.email);
    expect(pdf.xmp).toContain(orderId);

    // Recorded: which source it was made from, where it is, and what it holds.
    const copy = await copyOf(grantId);
    expect(copy).toMatchObject({ status: "READY", sourceSha256: book.sha256, size: body.length, sha256: sha256(body) });
    expect(copy?.storageKey).toMatch(/^stamped\//);
    expect(readFileSync(path.join(root, copy?.storageKey ?? "")).equals(body)).toBe(true);
    // The original is untouched.
    expect(sha256(readFileSync(path.join(root, book.storageKey)))).toBe(book.sha256);
    expect((await db.grant(grantId)).downloadsUsed).toBe(1);
  });

  it("sends an EPUB buyer a copy that is still a valid EPUB, with a notice page and their email", async () => {
    const source = Buffer.from(await makeEpub({ version: 3, chapters: 4 }));
    const book = await addStampingBook(db, root, { bytes: source, epub: true });
    const grantId = await readersGrant(book);
    const response = await download(grantId);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/epub+zip");
    const body = await bytesOf(response);
    const epub = await validateEpub(body);
    // The notice comes first in the reading order, and names the buyer and the order.
    const first = epub.manifest.get(epub.spine[0]?.idref ?? "");
    const notice = epub.zip.files.get(first?.zipPath ?? "")?.toString("utf8");
    const orderId = await orderIdOf(grantId);
    expect(notice).toContain("Rae Reader");
    expect(notice).toContain(orderId);
    expect(epub.opfText).toContain(DEMO.reader.email);
    expect(epub.opfText).toContain(orderId);
    expect(epub.spine).toHaveLength(4 + 1);
    expect((await copyOf(grantId))?.status).toBe("READY");
  });

  it("makes the copy once: later downloads and resumes send the same bytes", async () => {
    const book = await addStampingBook(db, root);
    const grantId = await readersGrant(book);
    const first = await bytesOf(await download(grantId));
    const again = await bytesOf(await download(grantId));
    expect(again.equals(first)).toBe(true);
    const resumed = await download(grantId, { Range: `bytes=${first.length - 100}-` });
    expect(resumed.status).toBe(206);
    expect((await bytesOf(resumed)).equals(first.subarray(first.length - 100))).toBe(true);
    expect(await db.prisma.stampedCopy.count({ where: { grantId } })).toBe(1);
  });

  it("gives each buyer their own copy, never another buyer's", async () => {
    const book = await addStampingBook(db, root, { noticePage: false });
    const mine = await readersGrant(book);
    const theirs = await readersGrant(book, DEMO.staff.email);
    const myCopy = await readPdf(await bytesOf(await download(mine)));
    const theirCopy = await readPdf(await bytesOf(await download(theirs)));
    expect(myCopy.pages).toHaveLength(3);
    expect(myCopy.xmp).toContain(DEMO.reader.email);
    expect(myCopy.xmp).not.toContain(DEMO.staff.email);
    expect(theirCopy.pages[0]).toContain("Licensed to Sam Staff");
    expect(theirCopy.pages[0]).not.toContain("Rae Reader");
    expect(theirCopy.xmp).not.toContain(DEMO.reader.email);
  });

  it("makes the copy when the payment is fulfilled, in the background: the receipt does not wait", async () => {
    const book = await addStampingBook(db, root);
    const checkout = await fetch(`${app.url}/api/checkout`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: app.url, cookie: `bindery_cart=${book.productId}` },
    });
    const sessionId = (checkout.headers.get("location") ?? "").split("/pay/")[1] ?? "";
    expect(sessionId).not.toBe("");
    await fetch(`${shop.emulator.url}/_emulator/sessions/${sessionId}/pay`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ outcome: "paid", email: "buyer@example.com" }),
    });
    await shop.emulator.idle();
    const order = await db.prisma.order.findUniqueOrThrow({
      where: { stripeCheckoutSessionId: sessionId },
      select: { id: true, status: true, items: { select: { grants: { select: { id: true } } } } },
    });
    expect(order.status).toBe("PAID");
    expect(outbox(store).some((mail) => mail.to === "buyer@example.com")).toBe(true);
    const paidGrant = order.items[0]?.grants[0]?.id ?? "";
    await expect.poll(async () => (await copyOf(paidGrant))?.status, { timeout: 15_000 }).toBe("READY");
    expect((await db.grant(paidGrant)).downloadsUsed).toBe(0);
    const copy = await copyOf(paidGrant);
    const pdf = await readPdf(readFileSync(path.join(root, copy?.storageKey ?? "")));
    expect(pdf.pages[0]).toContain("Licensed to buyer@example.com");
    expect(pdf.xmp).toContain(order.id);
  });

  it("starts the copies a library lists as not made yet, and says when they are ready", async () => {
    const book = await addStampingBook(db, root);
    const grantId = await readersGrant(book);
    // The library asks for copies not made yet, in the background, and says so.
    expect(await libraryEntry(book.title)).toContain("Preparing your copy");
    await expect.poll(async () => (await copyOf(grantId))?.status, { timeout: 15_000 }).toBe("READY");
    expect((await db.grant(grantId)).downloadsUsed).toBe(0);
    expect(await libraryEntry(book.title)).toContain("Your copy carries your name on every page.");
  });

  it("sends the original of a PDF that cannot be stamped, and tells staff why on the order page", async () => {
    const book = await addStampingBook(db, root, { bytes: await makeEncryptedPdf(2) });
    const grantId = await readersGrant(book);
    const response = await download(grantId);
    expect(response.status).toBe(200);
    expect(sha256(await bytesOf(response))).toBe(book.sha256);
    const copy = await copyOf(grantId);
    expect(copy?.status).toBe("FAILED");
    expect(copy?.failure).toBeTruthy();

    const page = await fetch(`${app.url}/admin/orders/${await orderIdOf(grantId)}`, { headers: { cookie: staff } });
    const html = await page.text();
    expect(html).toContain("Not stamped:");
    expect(html).toContain("The buyer gets the original file.");
  });

  it("asks the buyer to retry while another instance is still making the copy, counting nothing", async () => {
    const book = await addStampingBook(db, root);
    const grantId = await readersGrant(book);
    // Another app instance claimed the copy a moment ago and has not finished.
    await db.prisma.stampedCopy.create({
      data: { grantId, status: "PREPARING", sourceSha256: book.sha256, stampHash: "elsewhere" },
    });
    const response = await download(grantId);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.text()).toContain("Preparing your copy");
    expect((await db.grant(grantId)).downloadsUsed).toBe(0);
    expect((await db.events(grantId)).map((event) => event.outcome)).toEqual(["PREPARING"]);

    // The other instance died: its claim goes stale and this one makes the copy.
    await db.prisma.stampedCopy.update({ where: { grantId }, data: { createdAt: new Date(Date.now() - 3_600_000) } });
    const retried = await download(grantId);
    expect(retried.status).toBe(200);
    expect((await readPdf(await bytesOf(retried))).xmp).toContain(DEMO.reader.email);
  });

  it("makes a new copy for a new source version, and removes the copy of a revoked purchase", async () => {
    const book = await addStampingBook(db, root);
    const grantId = await readersGrant(book);
    await download(grantId);
    const first = await copyOf(grantId);
    // The file is replaced in place by a different source (as a re-import would): the copy is outdated.
    const replacement = await makePdf(2, "The Second Edition");
    writeFileSync(path.join(root, book.storageKey), replacement);
    await db.prisma.productFile.update({ where: { id: book.fileId }, data: { sha256: sha256(replacement) } });
    const second = await readPdf(await bytesOf(await download(grantId)));
    expect(second.pages[1]).toContain("The Second Edition, page 1");
    const renewed = await copyOf(grantId);
    expect(renewed?.sourceSha256).toBe(sha256(replacement));
    expect(renewed?.storageKey).not.toBe(first?.storageKey);
    expect(existsSync(path.join(root, first?.storageKey ?? ""))).toBe(false);

    // Staff revoke access: the copy's file and row go.
    const revoke = await callServerAction({
      baseUrl: app.url,
      page: `/admin/orders/${await orderIdOf(grantId)}`,
      action: { file: "app/(store)/admin/orders/actions.ts", name: "revokeAccessAction" },
      fields: { orderId: await orderIdOf(grantId), grantId, requestKey: randomUUID() },
      cookie: staff,
    });
    expect(actionStateIn(await revoke.text())?.ok).toBe(true);
    await expect.poll(async () => await copyOf(grantId), { timeout: 10_000 }).toBeNull();
    expect(existsSync(path.join(root, renewed?.storageKey ?? ""))).toBe(false);
    expect((await download(grantId)).status).toBe(403);
  });

  it("sends the original again once the admin turns stamping off, and new copies when turned back on", async () => {
    const book = await addStampingBook(db, root);
    const grantId = await readersGrant(book);
    await download(grantId);
    expect((await copyOf(grantId))?.status).toBe("READY");
    await setStamping(book.productId, false);
    expect(sha256(await bytesOf(await download(grantId)))).toBe(book.sha256);
    expect(await copyOf(grantId)).toBeNull();
    await setStamping(book.productId, true);
    expect((await readPdf(await bytesOf(await download(grantId)))).xmp).toContain(DEMO.reader.email);
  });

  it("lets only admins turn stamping on", async () => {
    const book = await addStampingBook(db, root);
    await db.prisma.product.update({ where: { id: book.productId }, data: { stampCopies: false } });
    const attempt = await bookFormAction(book.productId, true, staff);
    expect(attempt.ok).not.toBe(true);
    expect((await db.prisma.product.findUniqueOrThrow({ where: { id: book.productId } })).stampCopies).toBe(false);
  });

  it("cleans up orphaned files and copies of revoked grants, and shows the disk used on the dashboard", async () => {
    const book = await addStampingBook(db, root);
    const kept = await readersGrant(book);
    const revoked = await readersGrant(book);
    await download(kept);
    await download(revoked);
    const revokedCopy = await copyOf(revoked);
    await db.revoke(revoked);
    const orphan = path.join(root, "stamped", "ab", "cd", "orphan.pdf");
    const fresh = path.join(root, "stamped", "ab", "cd", "just-written.pdf");
    mkdirSync(path.dirname(orphan), { recursive: true });
    writeFileSync(orphan, "left by a crash");
    writeFileSync(fresh, "a copy being recorded");
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(orphan, twoHoursAgo, twoHoursAgo);

    const dashboard = await (await fetch(`${app.url}/admin`, { headers: { cookie: admin } })).text();
    // The panel's figures are the copies on record: how many, and the bytes they take.
    const ready = await db.prisma.stampedCopy.aggregate({
      where: { status: "READY" },
      _count: { _all: true },
      _sum: { size: true },
    });
    expect(ready._count._all).toBeGreaterThan(1);
    // React separates adjacent text with <!-- -->: read the panel as a visitor sees it.
    const panel = dashboard.slice(dashboard.indexOf('data-testid="stamped-copies"')).replaceAll("<!-- -->", "");
    expect(panel).toContain(`${ready._count._all} buyer copies`);
    expect(panel).toContain(formatBytes(ready._sum.size ?? 0));

    const answer = await callServerAction({
      baseUrl: app.url,
      page: "/admin",
      action: { file: "app/(store)/admin/actions.ts", name: "cleanUpStampedCopiesAction" },
      fields: {},
      cookie: admin,
    });
    const state = actionStateIn(await answer.text());
    expect(state?.ok).toBe(true);
    expect(state?.message).toMatch(/orphaned file/);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(path.join(root, revokedCopy?.storageKey ?? ""))).toBe(false);
    expect(await copyOf(revoked)).toBeNull();
    const keptCopy = await copyOf(kept);
    expect(existsSync(path.join(root, keptCopy?.storageKey ?? ""))).toBe(true);

    // Staff see the panel but may not run the cleanup.
    const refused = await callServerAction({
      baseUrl: app.url,
      page: "/admin",
      action: { file: "app/(store)/admin/actions.ts", name: "cleanUpStampedCopiesAction" },
      fields: {},
      cookie: staff,
    });
    expect(actionStateIn(await refused.text())?.ok).not.toBe(true);
  });

  it("npm run stamps:cleanup removes orphaned files and keeps the copies buyers have", async () => {
    const book = await addStampingBook(db, root);
    const grantId = await readersGrant(book);
    await download(grantId);
    const kept = path.join(root, (await copyOf(grantId))?.storageKey ?? "");
    const orphan = path.join(root, "stamped", "ef", "01", "left-over.pdf");
    mkdirSync(path.dirname(orphan), { recursive: true });
    writeFileSync(orphan, "left by a crash");
    const yesterday = new Date(Date.now() - 24 * 3_600_000);
    utimesSync(orphan, yesterday, yesterday);
    // Not execFileSync: a test process blocked for seconds cannot see the app close an idle keep-alive
    // connection, and the next request would go out on it.
    const { stdout: output } = await promisify(execFile)("npm", ["run", "--silent", "stamps:cleanup"], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...store.env },
      encoding: "utf8",
    });
    expect(output).toMatch(/stamps:cleanup: removed \d+ copies of revoked purchases, [1-9]\d* orphaned files/);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(kept)).toBe(true);
  });

  it("keeps stamped copies under PROTECTED_ROOT, never reachable by URL", async () => {
    const book = await addStampingBook(db, root);
    const grantId = await readersGrant(book);
    await download(grantId);
    const copy = await copyOf(grantId);
    for (const url of [`/media/${copy?.storageKey}`, `/${copy?.storageKey}`, `/_protected/${copy?.storageKey}`]) {
      const answer = await fetch(`${app.url}${url}`, { redirect: "manual" });
      expect(answer.status, url).toBeGreaterThanOrEqual(400);
      const body = Buffer.from(await answer.arrayBuffer());
      expect(body.includes(Buffer.from(DEMO.reader.email)), url).toBe(false);
    }
    // And a page count the same as the source's plus the notice page.
    const source = await PDFDocument.load(book.bytes);
    const stamped = await PDFDocument.load(readFileSync(path.join(root, copy?.storageKey ?? "")));
    expect(stamped.getPageCount()).toBe(source.getPageCount() + 1);
  });
});

async function bookFormAction(bookId: string, stamp: boolean, cookie: string) {
  const book = await db.prisma.product.findUniqueOrThrow({ where: { id: bookId } });
  const answer = await callServerAction({
    baseUrl: app.url,
    page: `/admin/books/${bookId}`,
    action: { file: "app/(store)/admin/books/actions.ts", name: "updateBookAction" },
    fields: {
      ...bookFormFields(book),
      grantNewVersions: "on",
      ...(stamp ? { stampCopies: "on" } : {}),
      stampNoticePage: "on",
    },
    cookie,
  });
  return actionStateIn(await answer.text()) ?? {};
}

async function setStamping(bookId: string, stamp: boolean) {
  const state = await bookFormAction(bookId, stamp, admin);
  expect(state.error).toBeUndefined();
  expect((await db.prisma.product.findUniqueOrThrow({ where: { id: bookId } })).stampCopies).toBe(stamp);
}
