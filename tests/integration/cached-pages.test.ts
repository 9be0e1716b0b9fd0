import { get as httpGet } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookFormFields, pngBytes, uploadCover } from "../helpers/admin-fixtures";
import { DEMO, signIn } from "../helpers/http-session";
import { callServerAction, readActionState } from "../helpers/server-action";
import { closeSignedInApp, openSignedInApp, type SignedInApp } from "../helpers/signed-in-app";

// The catalog and book pages are rendered once and served from the cache to visitors with no session
// and no cart; an admin's change shows on the next request; nothing personal ever lands in a copy
// that another visitor is served.

let shop: SignedInApp;
let readerCookie: string;

beforeAll(async () => {
  shop = await openSignedInApp("cached-pages", "admin");
  readerCookie = await signIn(shop.app.url, DEMO.reader.email, DEMO.reader.password);
});
afterAll(() => closeSignedInApp(shop));

async function get(route: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${shop.app.url}${route}`, { headers, redirect: "manual" });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Requested twice: the second answer is the one a cached page gives everyone after the first. */
async function warm(route: string) {
  await get(route);
  return get(route);
}

const scriptPolicy = (headers: Headers) =>
  headers
    .get("content-security-policy")
    ?.split(";")
    .find((directive) => directive.trim().startsWith("script-src"))
    ?.trim();

function saveBook(bookId: string, changes: Record<string, string>) {
  return shop.db.prisma.product.findUniqueOrThrow({ where: { id: bookId } }).then((book) =>
    callServerAction({
      baseUrl: shop.app.url,
      cookie: shop.cookie,
      page: `/admin/books/${book.id}`,
      action: { file: "app/(store)/admin/books/actions.ts", name: "updateBookAction" },
      fields: { ...bookFormFields(book), ...changes },
    }).then(readActionState),
  );
}

const publishedBook = (slug: string) => shop.db.prisma.product.findUniqueOrThrow({ where: { slug } });

describe("served from the cache", () => {
  it("an anonymous visitor's catalog pages and book page come from the cache, with a policy fit for it", async () => {
    for (const route of ["/", "/?sort=title", "/?sort=price-low", "/books/field-notes-on-typography"]) {
      const second = await warm(route);
      expect(second.status, route).toBe(200);
      expect(second.headers.get("x-nextjs-cache"), route).toBe("HIT");
      expect(second.headers.get("set-cookie"), route).toBeNull();
      // No nonce can be in a page rendered for many visitors; scripts from elsewhere stay forbidden.
      expect(scriptPolicy(second.headers), route).toBe("script-src 'self' 'unsafe-inline'");
      expect(second.text, route).not.toMatch(/nonce="/);
    }
  });

  it("searches, non-canonical spellings and visitors with a session or cart are rendered for them", async () => {
    const { headers: cart } = await get("/", { cookie: "bindery_cart=x" });
    for (const [route, headers] of [
      ["/?q=typography", {}],
      ["/?page=1", {}],
      ["/?page=2&sort=title", {}],
      ["/", { cookie: readerCookie }],
      ["/books/field-notes-on-typography", { cookie: readerCookie }],
      ["/books/field-notes-on-typography", { cookie: "bindery_cart=x" }],
    ] as const) {
      const answer = await get(route, headers);
      expect(answer.status, route).toBe(200);
      expect(answer.headers.get("x-nextjs-cache"), route).toBeNull();
      expect(answer.headers.get("cache-control"), route).toContain("no-store");
      expect(scriptPolicy(answer.headers), route).toMatch(/^script-src 'self' 'nonce-[^']+' 'strict-dynamic'$/);
    }
    expect(cart.get("x-nextjs-cache")).toBeNull();
  });

  it("the cached pages' internal addresses answer 404, even with a forged mark", async () => {
    for (const headers of [{}, { "x-bindery-cached-page": "guess" }] as Record<string, string>[]) {
      expect((await get("/cached/books/field-notes-on-typography", headers)).status).toBe(404);
      expect((await get("/cached/catalog/newest/1", headers)).status).toBe(404);
    }
  });
});

describe("nothing personal in a shared copy", () => {
  it("a signed-in reader's page names them and shows what they own; the next anonymous visitor sees none", async () => {
    // The demo reader owns the seeded purchase of this book.
    const owned = await get("/books/the-quiet-art-of-binding", { cookie: readerCookie });
    expect(owned.text).toContain(DEMO.reader.email);
    expect(owned.text).toContain('data-testid="owned-notice"');
    const catalog = await get("/", { cookie: readerCookie });
    expect(catalog.text).toContain(DEMO.reader.email);

    for (const route of ["/books/the-quiet-art-of-binding", "/"]) {
      const anonymous = await warm(route);
      expect(anonymous.headers.get("x-nextjs-cache"), route).toBe("HIT");
      expect(anonymous.text, route).not.toContain(DEMO.reader.email);
      expect(anonymous.text, route).not.toContain("owned-notice");
      expect(anonymous.text, route).not.toContain('href="/library"');
      expect(anonymous.text, route).toContain('aria-label="0 items in cart"');
      expect(anonymous.text, route).toContain(">Sign in<");
    }
  });

  it("a visitor's cart is counted on their page, never on the shared one", async () => {
    const book = await publishedBook("field-notes-on-typography");
    const cartCookie = `bindery_cart=${book.id}`;
    const mine = await get("/books/field-notes-on-typography", { cookie: cartCookie });
    expect(mine.text).toContain('aria-label="1 items in cart"');
    expect(mine.text).toContain("In your cart.");
    const shared = await get("/books/field-notes-on-typography");
    expect(shared.headers.get("x-nextjs-cache")).toBe("HIT");
    expect(shared.text).toContain('aria-label="0 items in cart"');
    expect(shared.text).not.toContain("In your cart.");
  });
});

describe("an admin's change is on the next request", () => {
  it("a new price shows on the book page and every catalog page that lists it", async () => {
    const book = await publishedBook("atlas-of-small-harbors");
    await warm("/books/atlas-of-small-harbors");
    await warm("/?sort=title");
    expect(await saveBook(book.id, { price: "41.17" })).toMatchObject({ ok: true });
    for (const route of ["/books/atlas-of-small-harbors", "/?sort=title"]) {
      const next = await get(route);
      expect(next.text, route).toContain("41.17");
      expect(next.headers.get("x-nextjs-cache"), route).not.toBe("HIT");
    }
    // The other books' pages were not dropped: precise, not everything.
    expect((await get("/books/field-notes-on-typography")).headers.get("x-nextjs-cache")).toBe("HIT");
  });

  it("a new slug answers at once and the old one is gone; unpublishing takes the book off", async () => {
    const book = await publishedBook("letters-from-the-lighthouse");
    expect((await warm("/books/letters-from-the-lighthouse")).status).toBe(200);
    expect(await saveBook(book.id, { slug: "lighthouse-letters" })).toMatchObject({ ok: true });
    expect((await get("/books/letters-from-the-lighthouse")).status).toBe(404);
    expect((await get("/books/lighthouse-letters")).status).toBe(200);

    await warm("/");
    const unpublish = await callServerAction({
      baseUrl: shop.app.url,
      cookie: shop.cookie,
      page: `/admin/books/${book.id}`,
      action: { file: "app/(store)/admin/books/actions.ts", name: "setPublishedAction" },
      fields: { bookId: book.id, published: "false" },
    }).then(readActionState);
    expect(unpublish).toMatchObject({ ok: true });
    expect((await get("/books/lighthouse-letters")).status).toBe(404);
    expect((await get("/")).text).not.toContain('href="/books/lighthouse-letters"');
  });

  it("a new cover is on the book page's next answer", async () => {
    const book = await publishedBook("field-notes-on-typography");
    await warm("/books/field-notes-on-typography");
    const upload = await uploadCover(shop.app.url, book.id, pngBytes(400, 600), { cookie: shop.cookie });
    expect(upload.status).toBe(201);
    const { coverUrl } = (await upload.json()) as { coverUrl: string };
    expect((await get("/books/field-notes-on-typography")).text).toContain(coverUrl);
  });

  it("a renamed shelf shows on the catalog and on the pages of the books on it", async () => {
    const shelf = await shop.db.prisma.category.findUniqueOrThrow({ where: { slug: "craft-and-making" } });
    await warm("/");
    await warm("/books/the-quiet-art-of-binding");
    const renamed = await callServerAction({
      baseUrl: shop.app.url,
      cookie: shop.cookie,
      page: "/admin/categories",
      action: { file: "app/(store)/admin/categories/actions.ts", name: "renameShelfAction" },
      fields: { id: shelf.id, name: "Hands and Tools" },
    }).then(readActionState);
    expect(renamed).toMatchObject({ ok: true });
    expect((await get("/")).text).toContain("Hands and Tools");
    expect((await get("/books/the-quiet-art-of-binding")).text).toContain("Hands and Tools");
  });
});

describe("the page lane", () => {
  // Production answers a warm shared page from the lane's copy (lib/catalog/page-lane.ts); a conditional
  // request that does not match is left to Next, which answers in full: the two must be the same page.
  const framing = new Set(["date", "connection", "keep-alive", "x-middleware-rewrite"]);
  const headersOf = (headers: Headers) => [...headers].filter(([name]) => !framing.has(name));
  const plain = { "accept-encoding": "identity" };
  const statusOf = (url: string, headers: Record<string, string>) =>
    new Promise<number | undefined>((resolve, reject) => {
      httpGet(url, { headers }, (response) => {
        response.resume();
        resolve(response.statusCode);
      }).on("error", reject);
    });

  it("sends Next's own answer for a warm shared page, without the cached page's internal address", async () => {
    expect(shop.app.logs()).toContain("anonymous visitors' catalog and book pages are answered beside Next's router");
    for (const route of ["/", "/?sort=title", "/books/field-notes-on-typography"]) {
      await warm(route);
      const lane = await get(route, plain);
      const next = await get(route, { ...plain, "if-none-match": '"another-version"' });
      expect(next.headers.get("x-middleware-rewrite"), route).toMatch(/^\/cached\//);
      expect(lane.headers.get("x-middleware-rewrite"), route).toBeNull();
      expect(lane.status, route).toBe(next.status);
      expect(lane.text, route).toBe(next.text);
      expect(headersOf(lane.headers), route).toEqual(headersOf(next.headers));
      // A browser's revalidation is Next's to answer (fetch would add Cache-Control: no-cache, asking for
      // the whole page, so node:http asks).
      const etag = lane.headers.get("etag") ?? "";
      expect(await statusOf(`${shop.app.url}${route}`, { "if-none-match": etag }), route).toBe(304);
    }
  });
});
