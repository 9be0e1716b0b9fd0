import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesUnder, pdfBytes, pngBytes, uploadBookFile, uploadCover } from "../helpers/admin-fixtures";
import { startApp, type RunningApp } from "../helpers/app-server";
import { DEMO, signIn } from "../helpers/http-session";
import { callServerAction, type FormActionCall } from "../helpers/server-action";
import { StoreDb } from "../helpers/store-db";
import { prepareTestEnvironment, type TestEnvironment } from "../helpers/test-env";

let store: TestEnvironment;
let app: RunningApp;
let db: StoreDb;
let book: { id: string; fileId: string };
const cookies = { anonymous: "", customer: "", staff: "", admin: "" };
type Caller = keyof typeof cookies;
const REFUSED: Caller[] = ["anonymous", "customer", "staff"];

beforeAll(async () => {
  store = prepareTestEnvironment("admin-roles");
  app = await startApp(store.env);
  db = new StoreDb(store.env.DATABASE_URL);
  cookies.customer = await signIn(app.url, DEMO.reader.email, DEMO.reader.password);
  cookies.staff = await signIn(app.url, DEMO.staff.email, DEMO.staff.password);
  cookies.admin = await signIn(app.url, DEMO.admin.email, DEMO.admin.password);
  const file = await db.file("Drafts and Proofs.pdf");
  book = { id: file.productId, fileId: file.id };
});
afterAll(async () => {
  await db?.close();
  await app?.stop();
});

const bookRow = () =>
  db.prisma.product.findUniqueOrThrow({
    where: { id: book.id },
    select: { title: true, published: true, coverPath: true },
  });
const bookTitled = (title: string) => db.prisma.product.findFirst({ where: { title }, select: { published: true } });
const fileActive = async () =>
  (await db.prisma.productFile.findUniqueOrThrow({ where: { id: book.fileId }, select: { active: true } })).active;
const readerRole = async () =>
  (await db.prisma.user.findUniqueOrThrow({ where: { email: DEMO.reader.email }, select: { role: true } })).role;
/** What a refused call must leave as it was. */
const guardedState = async () => ({
  book: await bookRow(),
  active: await fileActive(),
  role: await readerRole(),
  audit: await db.prisma.auditLog.count(),
});

const BOOKS = { file: "app/(store)/admin/books/actions.ts" };
const action = (name: string) => ({ ...BOOKS, name });
const bookFields = (title: string) => ({
  title,
  author: "Matrix Author",
  description: "A book.",
  price: "9.00",
  currency: "usd",
});

describe("admin pages, called directly", () => {
  const pages = () => ["/admin/books", "/admin/books/new", `/admin/books/${book.id}`, "/admin/users"];
  const get = (path: string, caller: Caller) =>
    fetch(`${app.url}${path}`, { headers: { cookie: cookies[caller] }, redirect: "manual" });

  it("send an anonymous visitor to sign in", async () => {
    for (const path of pages()) {
      const response = await get(path, "anonymous");
      expect(response.status, path).toBe(307);
      expect(response.headers.get("location"), path).toBe(`/signin?callbackUrl=${encodeURIComponent(path)}`);
    }
  });

  it.each(["customer", "staff"] as const)("are 404 for a %s", async (caller) => {
    for (const path of pages()) expect((await get(path, caller)).status, path).toBe(404);
  });

  it("open for an admin", async () => {
    for (const path of pages()) expect((await get(path, "admin")).status, path).toBe(200);
  });

  it("an unknown book is 404 for an admin too", async () => {
    expect((await get("/admin/books/nosuchbook000000", "admin")).status).toBe(404);
  });
});

describe("admin server actions, called directly", () => {
  it.each(REFUSED)("refuse a %s with 404 and change nothing", async (caller) => {
    const before = await guardedState();
    const calls: Pick<FormActionCall, "page" | "action" | "fields">[] = [
      { page: "/admin/books/new", action: action("createBookAction"), fields: bookFields(`Created by ${caller}`) },
      {
        page: `/admin/books/${book.id}`,
        action: action("updateBookAction"),
        fields: { ...bookFields(`Renamed by ${caller}`), bookId: book.id },
      },
      {
        page: `/admin/books/${book.id}`,
        action: action("setPublishedAction"),
        fields: { bookId: book.id, published: "true" },
      },
      {
        page: `/admin/books/${book.id}`,
        action: action("setFileActiveAction"),
        fields: { bookId: book.id, fileId: book.fileId, active: "false" },
      },
      {
        page: "/admin/users",
        action: { file: "app/(store)/admin/users/actions.ts", name: "changeRoleAction" },
        fields: { userId: await db.userId(DEMO.reader.email), role: "ADMIN" },
      },
    ];
    for (const call of calls) {
      const response = await callServerAction({ baseUrl: app.url, cookie: cookies[caller], ...call });
      expect(response.status, call.action.name).toBe(404);
    }
    expect(await bookTitled(`Created by ${caller}`)).toBeNull();
    expect(await guardedState()).toEqual(before);
  });

  it("refuse a cross-site call, even with an admin's cookie: another origin, or the opaque `null` origin", async () => {
    const before = await bookRow();
    for (const origin of ["https://evil.example", "null"]) {
      const response = await callServerAction({
        baseUrl: app.url,
        cookie: cookies.admin,
        origin,
        page: `/admin/books/${book.id}`,
        action: action("updateBookAction"),
        fields: { ...bookFields("Renamed cross-site"), bookId: book.id },
      });
      expect(response.status, origin).toBe(500);
    }
    expect(await bookRow()).toEqual(before);
  });

  it("work for an admin", async () => {
    const call = { baseUrl: app.url, cookie: cookies.admin, page: `/admin/books/${book.id}` };
    const created = await callServerAction({
      ...call,
      page: "/admin/books/new",
      action: action("createBookAction"),
      fields: bookFields("Created by admin"),
    });
    expect(created.headers.get("x-action-redirect")).toMatch(/^\/admin\/books\/\w+\?created=1/);
    expect(await bookTitled("Created by admin")).toEqual({ published: false });

    expect(
      (
        await callServerAction({
          ...call,
          action: action("setPublishedAction"),
          fields: { bookId: book.id, published: "true" },
        })
      ).status,
    ).toBe(200);
    expect((await bookRow()).published).toBe(true);

    const update = { ...bookFields("Drafts and Proofs, revised"), bookId: book.id };
    expect((await callServerAction({ ...call, action: action("updateBookAction"), fields: update })).status).toBe(200);
    expect((await bookRow()).title).toBe("Drafts and Proofs, revised");

    await callServerAction({
      ...call,
      action: action("setPublishedAction"),
      fields: { bookId: book.id, published: "false" },
    });
    expect(
      (
        await callServerAction({
          ...call,
          action: action("setFileActiveAction"),
          fields: { bookId: book.id, fileId: book.fileId, active: "false" },
        })
      ).status,
    ).toBe(200);
    expect(await fileActive()).toBe(false);

    const promote = { userId: await db.userId(DEMO.reader.email), role: "STAFF" };
    const users = { file: "app/(store)/admin/users/actions.ts", name: "changeRoleAction" };
    expect((await callServerAction({ ...call, page: "/admin/users", action: users, fields: promote })).status).toBe(
      200,
    );
    expect(await readerRole()).toBe("STAFF");
    await callServerAction({ ...call, page: "/admin/users", action: users, fields: { ...promote, role: "CUSTOMER" } });
    expect(await readerRole()).toBe("CUSTOMER");
  });
});

describe("admin upload routes, called directly", () => {
  const routes = () => [
    {
      name: "files",
      send: (cookie: string, origin?: string | null) =>
        uploadBookFile(app.url, book.id, pdfBytes(), { cookie, origin }),
    },
    {
      name: "cover",
      send: (cookie: string, origin?: string | null) =>
        uploadCover(app.url, book.id, pngBytes(400, 600), { cookie, origin }),
    },
  ];
  const stored = async () => ({
    files: await db.prisma.productFile.count(),
    cover: (await bookRow()).coverPath,
    protectedRoot: filesUnder(store.env.PROTECTED_ROOT),
    mediaRoot: filesUnder(store.env.MEDIA_ROOT),
  });

  it.each(REFUSED)("are 404 for a %s, and store nothing", async (caller) => {
    const before = await stored();
    for (const route of routes()) {
      const response = await route.send(cookies[caller]);
      expect(response.status, route.name).toBe(404);
      expect(await response.json()).toEqual({ error: "Not found" });
    }
    expect(await stored()).toEqual(before);
  });

  it("refuse a cross-site request or one without Origin with 403, even from an admin, and store nothing", async () => {
    const before = await stored();
    for (const route of routes()) {
      expect((await route.send(cookies.admin, "https://evil.example")).status, route.name).toBe(403);
      expect((await route.send(cookies.admin, null)).status, route.name).toBe(403);
    }
    expect(await stored()).toEqual(before);
  });

  it("accept only POST", async () => {
    for (const path of ["files", "cover", "sample"]) {
      for (const method of ["GET", "PUT", "DELETE"]) {
        const response = await fetch(`${app.url}/api/admin/books/${book.id}/${path}`, {
          method,
          headers: { cookie: cookies.admin, origin: app.url },
        });
        expect(response.status, `${method} ${path}`).toBe(405);
      }
    }
  });

  it("work for an admin", async () => {
    for (const route of routes()) expect((await route.send(cookies.admin)).status, route.name).toBe(201);
  });
});
