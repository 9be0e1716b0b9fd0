import { existsSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesUnder, pdfBytes, pngBytes, uploadBookFile, uploadCover } from "../helpers/admin-fixtures";
import type { RunningApp } from "../helpers/app-server";
import { DEMO } from "../helpers/http-session";
import { callServerAction, readActionState } from "../helpers/server-action";
import type { StoreDb } from "../helpers/store-db";
import { closeSignedInApp, openSignedInApp } from "../helpers/signed-in-app";
import type { TestEnvironment } from "../helpers/test-env";

let store: TestEnvironment;
let app: RunningApp;
let db: StoreDb;
let admin = "";

beforeAll(async () => {
  ({ store, app, db, cookie: admin } = await openSignedInApp("admin-books", "admin"));
});
afterAll(() => closeSignedInApp({ store, app, db }));

type Fields = Record<string, string>;
const valid: Fields = {
  title: "The Lantern Year",
  author: "Ines Marlowe",
  description: "Twelve months of lamp-lit essays.",
  price: "14.00",
  currency: "eur",
};
const book = (id: string) => db.prisma.product.findUniqueOrThrow({ where: { id } });
const audits = async (targetId: string) =>
  (
    await db.prisma.auditLog.findMany({
      where: { targetId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { action: true, actorId: true, details: true },
    })
  ).map((entry) => ({ ...entry, details: JSON.parse(entry.details) as Record<string, unknown> }));

const bookAction = (name: string, page: string, fields: Fields) =>
  callServerAction({
    baseUrl: app.url,
    cookie: admin,
    page,
    action: { file: "app/(store)/admin/books/actions.ts", name },
    fields,
  });

async function createBook(fields: Fields): Promise<string> {
  const response = await bookAction("createBookAction", "/admin/books/new", fields);
  const id = /^\/admin\/books\/(\w+)\?created=1/.exec(response.headers.get("x-action-redirect") ?? "")?.[1];
  if (!id) throw new Error(`not created: ${JSON.stringify(await readActionState(response))}`);
  return id;
}
const page = (path: string, cookie = "") => fetch(`${app.url}${path}`, { headers: { cookie } });

describe("creating and editing books", () => {
  it("creates a draft with a slug from its title and an audit entry", async () => {
    const id = await createBook(valid);
    expect(await book(id)).toMatchObject({
      slug: "the-lantern-year",
      priceCents: 1400,
      currency: "eur",
      published: false,
      downloadLimit: null,
      accessDays: null,
      grantNewVersions: false,
    });
    expect(await audits(id)).toEqual([
      {
        action: "book.create",
        actorId: await db.userId(DEMO.admin.email),
        details: expect.objectContaining({ title: "The Lantern Year", priceCents: 1400 }),
      },
    ]);
    expect((await page("/books/the-lantern-year")).status).toBe(404);
  });

  it("answers field errors and keeps what was typed", async () => {
    const state = await readActionState(
      await bookAction("createBookAction", "/admin/books/new", { ...valid, price: "12,50", slug: "Bad Slug" }),
    );
    expect(Object.keys(state.fieldErrors ?? {}).sort()).toEqual(["price", "slug"]);
    expect(state).toMatchObject({ values: expect.objectContaining({ title: "The Lantern Year", price: "12,50" }) });
  });

  it("refuses a slug another book has, on the slug field", async () => {
    const state = await readActionState(
      await bookAction("createBookAction", "/admin/books/new", { ...valid, slug: "the-quiet-art-of-binding" }),
    );
    expect(state.fieldErrors?.slug).toEqual(["Another book already uses this slug: choose another."]);
  });

  it("edits every field, and the audit entry says what changed", async () => {
    const id = await createBook({ ...valid, title: "Edit Me", slug: "edit-me" });
    const edit = {
      ...valid,
      bookId: id,
      title: "Edited",
      slug: "edited",
      price: "7.5",
      currency: "usd",
      downloadLimit: "3",
      accessDays: "30",
      grantNewVersions: "on",
    };
    const state = await readActionState(await bookAction("updateBookAction", `/admin/books/${id}`, edit));
    expect(state).toMatchObject({ ok: true, message: "Saved." });
    expect(await book(id)).toMatchObject({
      title: "Edited",
      slug: "edited",
      priceCents: 750,
      currency: "usd",
      downloadLimit: 3,
      accessDays: 30,
      grantNewVersions: true,
    });
    const update = (await audits(id)).find((entry) => entry.action === "book.update");
    expect(update?.details.changes).toEqual({
      title: ["Edit Me", "Edited"],
      slug: ["edit-me", "edited"],
      priceCents: [1400, 750],
      currency: ["eur", "usd"],
      downloadLimit: [null, 3],
      accessDays: [null, 30],
      grantNewVersions: [false, true],
    });
    // An empty field goes back to the store default.
    await bookAction("updateBookAction", `/admin/books/${id}`, { ...edit, downloadLimit: "" });
    expect((await book(id)).downloadLimit).toBeNull();
  });
});

describe("publishing", () => {
  it("needs a file on sale, then shows the book in the catalog; unpublishing hides it again", async () => {
    const id = await createBook({ ...valid, title: "Publish Me", slug: "publish-me" });
    const publish = (published: string) =>
      bookAction("setPublishedAction", `/admin/books/${id}`, { bookId: id, published });

    expect((await readActionState(await publish("true"))).error).toBe(
      "Upload at least one file before publishing: buyers must get something.",
    );
    expect((await book(id)).published).toBe(false);

    expect((await uploadBookFile(app.url, id, pdfBytes(), { cookie: admin, name: "Publish Me.pdf" })).status).toBe(201);
    expect(await readActionState(await publish("true"))).toMatchObject({ ok: true });
    expect((await book(id)).published).toBe(true);
    expect(await (await page("/?q=Publish")).text()).toContain("Publish Me");
    expect((await page("/books/publish-me")).status).toBe(200);

    const { id: fileId } = await db.prisma.productFile.findFirstOrThrow({
      where: { productId: id },
      select: { id: true },
    });
    const deactivate = await bookAction("setFileActiveAction", `/admin/books/${id}`, {
      bookId: id,
      fileId,
      active: "false",
    });
    expect((await readActionState(deactivate)).error).toMatch(/last file on sale/);

    expect(await readActionState(await publish("false"))).toMatchObject({ ok: true });
    expect((await page("/books/publish-me")).status).toBe(404);
    expect((await audits(id)).map((entry) => entry.action)).toEqual(["book.create", "book.publish", "book.unpublish"]);
  });
});

describe("the list", () => {
  it("searches title, author and slug, and filters by status", async () => {
    const titles = async (query: string) => {
      const html = await (await page(`/admin/books?${query}`, admin)).text();
      return ["The Quiet Art of Binding", "Drafts and Proofs", "Letters from the Lighthouse"].filter((title) =>
        html.includes(title),
      );
    };
    expect(await titles("q=Ellison")).toEqual(["The Quiet Art of Binding", "Drafts and Proofs"]);
    expect(await titles("q=lighthouse")).toEqual(["Letters from the Lighthouse"]);
    expect(await titles("status=draft")).toEqual(["Drafts and Proofs"]);
    expect(await titles("q=Ellison&status=published")).toEqual(["The Quiet Art of Binding"]);
    expect(await titles("status=bogus")).toHaveLength(3);
  });
});

describe("covers", () => {
  const bookId = async () => (await db.file("Letters from the Lighthouse.pdf")).productId;
  const mediaFile = (coverPath: string) => path.join(store.env.MEDIA_ROOT, coverPath);

  it("replaces the cover with a PNG under a generated name, serves it, and removes the old file", async () => {
    const old = (await book(await bookId())).coverPath ?? "";
    expect(existsSync(mediaFile(old))).toBe(true);
    const response = await uploadCover(app.url, await bookId(), pngBytes(400, 600), { cookie: admin });
    expect(response.status).toBe(201);
    const { coverUrl } = (await response.json()) as { coverUrl: string };
    const coverPath = (await book(await bookId())).coverPath ?? "";
    expect(coverPath).toMatch(/^covers\/[0-9a-f]{32}\.png$/);
    expect(coverUrl).toBe(`/media/${coverPath}`);
    expect(existsSync(mediaFile(old))).toBe(false);
    const served = await fetch(`${app.url}${coverUrl}`);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer()).equals(pngBytes(400, 600))).toBe(true);
    expect((await audits(await bookId())).at(-1)).toMatchObject({
      action: "book.cover",
      details: { from: old, to: coverPath, width: 400, height: 600 },
    });

    // A WebP replaces the PNG, which is removed in turn.
    const webp = await sharp(pngBytes(600, 900)).webp().toBuffer();
    expect((await uploadCover(app.url, await bookId(), webp, { cookie: admin })).status).toBe(201);
    expect((await book(await bookId())).coverPath).toMatch(/\.webp$/);
    expect(existsSync(mediaFile(coverPath))).toBe(false);
  });

  it.each([
    [
      "an SVG",
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="600"/>'),
      415,
      "Covers must be PNG, JPEG or WebP images.",
    ],
    [
      "a GIF",
      Buffer.concat([Buffer.from("GIF89a"), Buffer.alloc(600)]),
      415,
      "Covers must be PNG, JPEG or WebP images.",
    ],
    [
      "a PNG too small",
      pngBytes(120, 180),
      400,
      "A cover must be 200–4000 pixels on each side; this one is 120 × 180.",
    ],
    [
      "a PNG too large",
      pngBytes(4100, 200),
      400,
      "A cover must be 200–4000 pixels on each side; this one is 4100 × 200.",
    ],
    [
      "a file over 5 MB",
      Buffer.concat([pngBytes(400, 600), Buffer.alloc(5 * 1024 * 1024)]),
      413,
      "The file is larger than 5.0 MB.",
    ],
  ])("refuses %s and leaves nothing behind", async (_name, bytes, status, message) => {
    const before = { cover: (await book(await bookId())).coverPath, media: filesUnder(store.env.MEDIA_ROOT) };
    const response = await uploadCover(app.url, await bookId(), bytes, { cookie: admin });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: message });
    expect({ cover: (await book(await bookId())).coverPath, media: filesUnder(store.env.MEDIA_ROOT) }).toEqual(before);
  });
});
