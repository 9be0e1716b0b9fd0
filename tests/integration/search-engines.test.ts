import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app-server";
import { bookFormFields } from "../helpers/admin-fixtures";
import { DEMO, signIn } from "../helpers/http-session";
import { callServerAction, readActionState } from "../helpers/server-action";
import { StoreDb } from "../helpers/store-db";
import { prepareTestEnvironment, type TestEnvironment } from "../helpers/test-env";

// What crawlers and link previews read: sitemap.xml, robots.txt, each page's <head> and a book's
// JSON-LD. APP_URL is not the address the test talks to, nor the build's default: every absolute URL
// must come from the running shop's configuration.
const APP_URL = "http://shop.example";
const LINK_PREVIEW_BOT = "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

let store: TestEnvironment;
let app: RunningApp;
let db: StoreDb;
let staffCookie: string;
let adminCookie: string;

beforeAll(async () => {
  store = prepareTestEnvironment("search-engines", { APP_URL });
  app = await startApp(store.env);
  db = new StoreDb(store.env.DATABASE_URL);
  staffCookie = await signIn(app.url, DEMO.staff.email, DEMO.staff.password);
  adminCookie = await signIn(app.url, DEMO.admin.email, DEMO.admin.password);
}, 120_000);

afterAll(async () => {
  await db?.close();
  await app?.stop();
  if (store) rmSync(store.dir, { recursive: true, force: true });
});

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** Every <meta> and <link> tag of a page, as attribute maps. */
function headTags(html: string): Record<string, string>[] {
  return [...html.matchAll(/<(?:meta|link)\b[^>]*>/g)].map((tag) =>
    Object.fromEntries([...tag[0].matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, name, value]) => [name, decode(value)])),
  );
}

/** The content of the meta tags named (name= or property=) `key`. */
const metaValues = (html: string, key: string) =>
  headTags(html)
    .filter((tag) => tag.name === key || tag.property === key)
    .map((tag) => tag.content);

const canonicalOf = (html: string) => headTags(html).find((tag) => tag.rel === "canonical")?.href;

const jsonLdBlocks = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json"[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]);

async function page(path: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${app.url}${path}`, { headers });
  expect(response.status, path).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/html");
  return response.text();
}

/** A page's <head> alone: what a crawler that reads no further (or runs no script) gets. */
const headOf = async (path: string, headers: Record<string, string> = {}) => {
  const html = await page(path, headers);
  return html.slice(0, html.indexOf("</head>"));
};

async function sitemapLocations(): Promise<Map<string, string | undefined>> {
  const response = await fetch(`${app.url}/sitemap.xml`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("xml");
  const xml = await response.text();
  return new Map(
    [...xml.matchAll(/<url>([\s\S]*?)<\/url>/g)].map(([, entry]) => [
      decode(/<loc>([^<]*)<\/loc>/.exec(entry)?.[1] ?? ""),
      /<lastmod>([^<]*)<\/lastmod>/.exec(entry)?.[1],
    ]),
  );
}

const publishedBooks = () =>
  db.prisma.product.findMany({ where: { published: true }, select: { id: true, slug: true, updatedAt: true } });

describe("sitemap.xml", () => {
  it("lists the catalog and exactly the published books, each with its last change, from APP_URL", async () => {
    const books = await publishedBooks();
    expect(books.length).toBeGreaterThan(1);
    expect(await db.prisma.product.count({ where: { published: false } })).toBeGreaterThan(0);
    const locations = await sitemapLocations();
    expect([...locations.keys()].sort()).toEqual(
      [`${APP_URL}/`, ...books.map((book) => `${APP_URL}/books/${book.slug}`)].sort(),
    );
    for (const book of books) {
      expect(locations.get(`${APP_URL}/books/${book.slug}`)).toBe(book.updatedAt.toISOString());
    }
  });

  it("drops a book on the next request once it is unpublished, and lists it again once republished", async () => {
    const [book] = await publishedBooks();
    const url = `${APP_URL}/books/${book.slug}`;
    await db.prisma.product.update({ where: { id: book.id }, data: { published: false } });
    try {
      expect((await sitemapLocations()).has(url)).toBe(false);
    } finally {
      await db.prisma.product.update({ where: { id: book.id }, data: { published: true } });
    }
    const { updatedAt } = await db.prisma.product.findUniqueOrThrow({ where: { id: book.id } });
    expect((await sitemapLocations()).get(url)).toBe(updatedAt.toISOString());
  });
});

describe("robots.txt", () => {
  it("allows the shop, disallows every private prefix and names the sitemap at APP_URL", async () => {
    const response = await fetch(`${app.url}/robots.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    // Not a page: no per-request nonce, the policy of answers that run nothing.
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const lines = (await response.text()).split("\n").map((line) => line.trim());
    expect(lines).toContain("User-Agent: *");
    expect(lines).toContain("Allow: /");
    const prefixes = ["/admin", "/account", "/library", "/cart", "/checkout", "/claim", "/signin", "/signup"];
    prefixes.push("/forgot-password", "/reset-password", "/verify-email", "/api", "/dev");
    for (const prefix of prefixes) expect(lines).toContain(`Disallow: ${prefix}`);
    expect(lines).toContain(`Sitemap: ${APP_URL}/sitemap.xml`);
  });
});

describe("a book page", () => {
  it("has its canonical URL, Open Graph and Twitter cards with the cover, and Book/Product JSON-LD", async () => {
    const book = await db.prisma.product.findFirstOrThrow({
      where: { published: true, coverPath: { not: null } },
      orderBy: { slug: "asc" },
    });
    const url = `${APP_URL}/books/${book.slug}`;
    // A link preview's crawler reads the HTML alone: the metadata must be in <head>.
    const html = await page(`/books/${book.slug}`, { "user-agent": LINK_PREVIEW_BOT });
    const head = html.slice(0, html.indexOf("</head>"));
    expect(canonicalOf(head)).toBe(url);
    expect(metaValues(head, "og:title")).toEqual([`${book.title} by ${book.author}`]);
    expect(metaValues(head, "og:type")).toEqual(["book"]);
    expect(metaValues(head, "og:url")).toEqual([url]);
    expect(metaValues(head, "og:image")).toEqual([`${APP_URL}/media/${book.coverPath}`]);
    expect(metaValues(head, "twitter:card")).toEqual(["summary_large_image"]);
    expect(metaValues(head, "twitter:image")).toEqual([`${APP_URL}/media/${book.coverPath}`]);
    expect(metaValues(head, "description")).toEqual([book.description]);
    expect(metaValues(head, "robots")).toEqual([]);

    const blocks = jsonLdBlocks(html);
    expect(blocks).toHaveLength(1);
    const data = JSON.parse(blocks[0]);
    expect(data["@context"]).toBe("https://schema.org");
    expect(data["@type"]).toEqual(expect.arrayContaining(["Book", "Product"]));
    expect(data).toMatchObject({
      name: book.title,
      url,
      author: { "@type": "Person", name: book.author },
      image: `${APP_URL}/media/${book.coverPath}`,
    });
    expect(data.offers).toMatchObject({
      "@type": "Offer",
      price: (book.priceCents / 100).toFixed(2),
      priceCurrency: book.currency.toUpperCase(),
      availability: "https://schema.org/InStock",
      url,
    });
  });

  // Next.js would stream the metadata into the body for a browser and for Googlebot (which ignores a
  // canonical link there); next.config.mjs puts it in <head> for every client.
  it.each([
    ["a browser", "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0"],
    ["Googlebot", GOOGLEBOT],
  ])(
    "gives %s the tags in <head>; signed in, every script but the JSON-LD carries the request's nonce",
    async (_client, userAgent) => {
      const book = await db.prisma.product.findFirstOrThrow({ where: { published: true }, orderBy: { slug: "asc" } });
      const response = await fetch(`${app.url}/books/${book.slug}`, {
        headers: { "user-agent": userAgent, cookie: staffCookie },
      });
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
      expect(nonce).toBeDefined();
      const html = await response.text();
      const head = html.slice(0, html.indexOf("</head>"));
      expect(canonicalOf(head)).toBe(`${APP_URL}/books/${book.slug}`);
      expect(metaValues(head, "og:title")).toEqual([`${book.title} by ${book.author}`]);
      expect(jsonLdBlocks(html)).toHaveLength(1);
      const scripts = (html.match(/<script\b[^>]*>/g) ?? []).filter((tag) => !tag.includes("application/ld+json"));
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    },
  );

  // The copy served to visitors without a session allows inline scripts (no nonce can be in a shared
  // page): an admin's text must never become one, in the JSON-LD or anywhere else.
  it("keeps a title containing </script> inside the JSON-LD of the cached copy", async () => {
    const book = await db.prisma.product.findFirstOrThrow({ where: { published: true }, orderBy: { slug: "desc" } });
    const title = `Hostile </script><script>document.title="owned"</script> ${book.title}`;
    const save = (newTitle: string) =>
      callServerAction({
        baseUrl: app.url,
        cookie: adminCookie,
        page: `/admin/books/${book.id}`,
        action: { file: "app/(store)/admin/books/actions.ts", name: "updateBookAction" },
        fields: { ...bookFormFields(book), title: newTitle },
      }).then(readActionState);
    expect(await save(title)).toMatchObject({ ok: true });
    try {
      await page(`/books/${book.slug}`);
      const response = await fetch(`${app.url}/books/${book.slug}`);
      expect(response.headers.get("x-nextjs-cache")).toBe("HIT");
      expect(response.headers.get("content-security-policy")).toContain("script-src 'self' 'unsafe-inline';");
      const html = await response.text();
      const blocks = jsonLdBlocks(html);
      expect(blocks).toHaveLength(1);
      expect(JSON.parse(blocks[0]).name).toBe(title);
      expect(html).not.toContain('<script>document.title="owned"');
    } finally {
      expect(await save(book.title)).toMatchObject({ ok: true });
    }
  });

  it("gives an uploaded cover's pixel size to link previews", async () => {
    const book = await db.prisma.product.findFirstOrThrow({ where: { published: true }, orderBy: { slug: "asc" } });
    // A PNG's signature and IHDR chunk are all the size reader needs: 600 × 900.
    const png = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png, 0);
    png.writeUInt32BE(13, 8);
    png.write("IHDR", 12, "ascii");
    png.writeUInt32BE(600, 16);
    png.writeUInt32BE(900, 20);
    mkdirSync(path.join(store.env.MEDIA_ROOT, "covers"), { recursive: true });
    writeFileSync(path.join(store.env.MEDIA_ROOT, "covers", "sized-cover.png"), png);
    // A cover from before sizes were recorded: its size is read from the file.
    const legacy = { coverPath: "covers/sized-cover.png", coverWidth: null, coverHeight: null };
    await db.prisma.product.update({ where: { id: book.id }, data: legacy });
    try {
      // Changed behind the app's back (no admin action to refresh the cached copy): rendered for a session.
      const head = await headOf(`/books/${book.slug}`, { "user-agent": LINK_PREVIEW_BOT, cookie: staffCookie });
      expect(metaValues(head, "og:image")).toEqual([`${APP_URL}/media/covers/sized-cover.png`]);
      expect(metaValues(head, "og:image:width")).toEqual(["600"]);
      expect(metaValues(head, "og:image:height")).toEqual(["900"]);
    } finally {
      const { coverPath, coverWidth, coverHeight } = book;
      await db.prisma.product.update({ where: { id: book.id }, data: { coverPath, coverWidth, coverHeight } });
    }
  });

  it("a staff preview of an unpublished book is noindex and carries no JSON-LD", async () => {
    const { slug } = await db.prisma.product.findFirstOrThrow({ where: { published: false } });
    expect((await fetch(`${app.url}/books/${slug}`)).status).toBe(404);
    const html = await page(`/books/${slug}`, { cookie: staffCookie });
    expect(html).toContain("staff preview");
    expect(metaValues(html, "robots")).toEqual(["noindex, nofollow"]);
    expect(jsonLdBlocks(html)).toEqual([]);
  });
});

describe("the catalog", () => {
  it("names itself canonical and is indexed, with the site's previews", async () => {
    const html = await headOf("/", { "user-agent": LINK_PREVIEW_BOT });
    // Next writes the site's root as the bare origin.
    expect(canonicalOf(html)).toBe(APP_URL);
    expect(metaValues(html, "robots")).toEqual([]);
    expect(metaValues(html, "og:site_name")).toEqual(["Bindery"]);
    expect(metaValues(html, "og:type")).toEqual(["website"]);
    expect(metaValues(html, "twitter:card")).toEqual(["summary"]);
    expect(metaValues(html, "description")).toHaveLength(1);
  });

  it("a search result page is noindex but its links are followed", async () => {
    const html = await headOf("/?q=the", { "user-agent": GOOGLEBOT });
    expect(metaValues(html, "robots")).toEqual(["noindex, follow"]);
    expect(canonicalOf(html)).toBe(APP_URL);
  });
});

describe("private pages", () => {
  it.each([
    "/cart",
    "/signin",
    "/signup",
    "/forgot-password",
    "/reset-password?token=x",
    "/verify-email?token=x",
    "/claim",
  ])("%s is noindex, nofollow", async (path) => {
    expect(metaValues(await headOf(path), "robots")).toEqual(["noindex, nofollow"]);
  });

  it.each(["/account", "/library", "/admin", "/admin/orders"])("%s, signed in, is noindex, nofollow", async (path) => {
    expect(metaValues(await headOf(path, { cookie: staffCookie }), "robots")).toEqual(["noindex, nofollow"]);
  });
});
