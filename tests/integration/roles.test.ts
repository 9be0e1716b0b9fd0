import { readdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../helpers/app-server";
import { DEMO, signIn } from "../helpers/http-session";
import { StoreDb } from "../helpers/store-db";
import { prepareTestEnvironment, type TestEnvironment } from "../helpers/test-env";

let store: TestEnvironment;
let app: RunningApp;
const cookies: Record<keyof typeof DEMO, string> = { admin: "", staff: "", reader: "" };

beforeAll(async () => {
  store = prepareTestEnvironment("roles");
  app = await startApp(store.env);
  for (const role of Object.keys(DEMO) as (keyof typeof DEMO)[]) {
    cookies[role] = await signIn(app.url, DEMO[role].email, DEMO[role].password);
  }
});
afterAll(async () => {
  await app?.stop();
});

const get = (path: string, cookie = "") => fetch(`${app.url}${path}`, { headers: { cookie }, redirect: "manual" });

const ADMIN_ONLY = ["/admin/books", "/admin/users"];
const STAFF_AND_ADMIN = ["/admin", "/admin/orders"];

describe("role checks on every admin page, called directly", () => {
  it.each([...ADMIN_ONLY, ...STAFF_AND_ADMIN])("%s sends an anonymous visitor to sign in", async (path) => {
    const response = await get(path);
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  });

  it.each([...ADMIN_ONLY, ...STAFF_AND_ADMIN])("%s is 404 for a customer", async (path) => {
    expect((await get(path, cookies.reader)).status).toBe(404);
  });

  it.each(STAFF_AND_ADMIN)("%s is open to staff", async (path) => {
    expect((await get(path, cookies.staff)).status).toBe(200);
  });

  it.each(ADMIN_ONLY)("%s is 404 for staff", async (path) => {
    expect((await get(path, cookies.staff)).status).toBe(404);
  });

  it.each([...ADMIN_ONLY, ...STAFF_AND_ADMIN])("%s is open to an admin", async (path) => {
    expect((await get(path, cookies.admin)).status).toBe(200);
  });

  it("a forged x-middleware-subrequest header changes nothing", async () => {
    const response = await fetch(`${app.url}/admin/users`, {
      headers: {
        cookie: cookies.reader,
        "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
      },
      redirect: "manual",
    });
    expect(response.status).toBe(404);
  });

  it("reads the role from the database: a demotion takes effect on the next request", async () => {
    const cookie = await signIn(app.url, DEMO.staff.email, DEMO.staff.password);
    expect((await get("/admin/orders", cookie)).status).toBe(200);
    const db = new StoreDb(store.env.DATABASE_URL);
    await db.prisma.user.update({ where: { email: DEMO.staff.email }, data: { role: "CUSTOMER" } });
    try {
      expect((await get("/admin/orders", cookie)).status).toBe(404);
    } finally {
      await db.prisma.user.update({ where: { email: DEMO.staff.email }, data: { role: "STAFF" } });
      await db.close();
    }
  });
});

describe("catalog visibility", () => {
  it("an unpublished book is 404 for customers and visible to staff", async () => {
    expect((await get("/books/drafts-and-proofs")).status).toBe(404);
    expect((await get("/books/drafts-and-proofs", cookies.reader)).status).toBe(404);
    const staffView = await get("/books/drafts-and-proofs", cookies.staff);
    expect(staffView.status).toBe(200);
    expect(await staffView.text()).toContain("Unpublished");
  });

  it("search filters by title and author", async () => {
    const byAuthor = await (await get("/?q=Ellison")).text();
    expect(byAuthor).toContain("The Quiet Art of Binding");
    expect(byAuthor).not.toContain("Letters from the Lighthouse");
    expect(byAuthor).not.toContain("Drafts and Proofs");
  });

  it("an owned book says so instead of offering to buy it again", async () => {
    const page = await (await get("/books/the-quiet-art-of-binding", cookies.reader)).text();
    expect(page).toContain("You own this book");
    expect(page).not.toContain("Add to cart");
  });
});

describe("media", () => {
  it("serves a cover with its size and no internal header", async () => {
    // An SVG cover, as demo stores seeded before covers had copies still have.
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="600"/>';
    writeFileSync(path.join(store.env.MEDIA_ROOT, "covers", "the-quiet-art-of-binding.svg"), svg);
    const response = await get("/media/covers/the-quiet-art-of-binding.svg");
    expect(response.status).toBe(200);
    const body = await response.arrayBuffer();
    expect(response.headers.get("content-length")).toBe(String(body.byteLength));
    expect(response.headers.has("x-bindery-content-length")).toBe(false);
    expect(response.headers.get("content-type")).toBe("image/svg+xml");
  });

  it("serves covers' AVIF copies with their type, kept for a year: their names never change meaning", async () => {
    const avif = readdirSync(path.join(store.env.MEDIA_ROOT, "covers")).find((name) => name.endsWith(".avif"));
    const response = await get(`/media/covers/${avif}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/avif");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("keeps anything else under /media/ for an hour only", async () => {
    writeFileSync(path.join(store.env.MEDIA_ROOT, "logo.png"), Buffer.from("89504e470d0a1a0a", "hex"));
    const response = await get("/media/logo.png");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("refuses to climb out of MEDIA_ROOT", async () => {
    expect((await get("/media/..%2Fprotected%2Fanything.pdf")).status).toBe(404);
    expect((await get("/media/covers/%2e%2e/%2e%2e/bindery.db")).status).toBe(404);
  });
});

describe("health", () => {
  it("is 200 with the database and storage usable, and says nothing secret", async () => {
    const response = await get("/api/health");
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ status: "ok", database: "ok", storage: "ok" });
    expect(body).not.toContain(store.dir);
  });

  it("is 503 when the protected storage is gone, and recovers", async () => {
    renameSync(store.env.PROTECTED_ROOT, `${store.env.PROTECTED_ROOT}.moved`);
    try {
      const response = await get("/api/health");
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: "unavailable", storage: "unavailable", database: "ok" });
    } finally {
      renameSync(`${store.env.PROTECTED_ROOT}.moved`, store.env.PROTECTED_ROOT);
    }
    expect((await get("/api/health")).status).toBe(200);
  });
});

describe("sign-in", () => {
  async function attempt(email: string, password: string) {
    const csrf = await fetch(`${app.url}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const response = await fetch(`${app.url}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
    const body = (await response.json()) as { url: string };
    return new URL(body.url).searchParams.get("error");
  }

  it("rejects a wrong password without saying whether the account exists", async () => {
    expect(await attempt("admin@example.com", "wrong-password")).toBe("CredentialsSignin");
    expect(await attempt("nobody@example.com", "wrong-password")).toBe("CredentialsSignin");
  });

  it("rate-limits attempts per email with a clear message", async () => {
    const email = "reader@example.com";
    for (let i = 0; i < 5; i++) expect(await attempt(email, `wrong-${i}`)).toBe("CredentialsSignin");
    expect(await attempt(email, DEMO.reader.password)).toMatch(
      /^Too many sign-in attempts\. Try again in \d+ minutes?\.$/,
    );
  });
});
