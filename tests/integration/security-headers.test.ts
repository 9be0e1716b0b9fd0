import { readdirSync, rmSync } from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedQuery } from "../../lib/downloads/signed-link";
import { startApp, type RunningApp } from "../helpers/app-server";
import { seededGrants } from "../helpers/servers/imported-files";
import { StoreDb } from "../helpers/store-db";
import { prepareTestEnvironment, type TestEnvironment } from "../helpers/test-env";

// The app on its own (SENDFILE_BACKEND=node, no web server in front): the headers every answer
// carries, and the 1 MB body limit. The same through each web server is in servers/<server>.test.ts.

let store: TestEnvironment;
let app: RunningApp;
let db: StoreDb;

beforeAll(async () => {
  store = prepareTestEnvironment("security-headers", {
    STRIPE_WEBHOOK_SECRET: "whsec_test_security_headers",
    DOWNLOAD_RATE_LIMIT: "0",
  });
  app = await startApp(store.env);
  db = new StoreDb(store.env.DATABASE_URL);
}, 120_000);

afterAll(async () => {
  await db?.close();
  await app?.stop();
  if (store) rmSync(store.dir, { recursive: true, force: true });
});

function expectStaticHeaders(response: Response) {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("permissions-policy")).toContain("camera=()");
  expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
}

function scriptPolicy(csp: string): string {
  const directive = csp
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith("script-src "));
  if (!directive) throw new Error(`no script-src in ${csp}`);
  return directive;
}

describe("security headers", () => {
  it.each([["/?q=binding"], ["/signin"], ["/no-such-page"]])(
    "%s: a fresh script nonce per request, no inline script, not framable",
    async (path) => {
      const [first, second] = [await fetch(`${app.url}${path}`), await fetch(`${app.url}${path}`)];
      expect(first.headers.get("content-type")).toContain("text/html");
      for (const response of [first, second]) expectStaticHeaders(response);
      const csp = [first, second].map((response) => response.headers.get("content-security-policy") ?? "");
      const nonces = csp.map((policy) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptPolicy(policy))?.[1]);
      expect(nonces[0]).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
      expect(nonces[1]).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
      expect(nonces[0]).not.toBe(nonces[1]);
      expect(scriptPolicy(csp[0])).not.toContain("'unsafe-inline'");
      expect(scriptPolicy(csp[0])).not.toContain("'unsafe-eval'");

      // Next put this request's nonce on every script of the page, and no script goes without it.
      const html = await first.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonces[0]}"`);
    },
  );

  it("the cached catalog copy: inline scripts only from this page, nothing from elsewhere, not framable", async () => {
    await fetch(`${app.url}/`);
    const cached = await fetch(`${app.url}/`);
    expect(cached.headers.get("x-nextjs-cache")).toBe("HIT");
    expectStaticHeaders(cached);
    const csp = cached.headers.get("content-security-policy") ?? "";
    expect(scriptPolicy(csp)).toBe("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    const external = ((await cached.text()).match(/<script\b[^>]*\ssrc="([^"]*)"/g) ?? []).filter(
      (tag) => !/src="\/_next\//.test(tag),
    );
    expect(external).toEqual([]);
  });

  it("puts the headers on /media, a download, an API answer and a build asset too", async () => {
    const cover = readdirSync(store.env.MEDIA_ROOT, { recursive: true })
      .map(String)
      .find((name) => /\.(svg|png|jpe?g|webp)$/.test(name));
    expect(cover).toBeDefined();
    const media = await fetch(`${app.url}/media/${cover}`);
    expect(media.status).toBe(200);
    expectStaticHeaders(media);
    // The media policy (no script at all, for SVG) is the route's own, not replaced by another.
    expect(media.headers.get("content-security-policy")).toContain("default-src 'none'");

    const grant = (await seededGrants(db))[0];
    expect(grant).toBeDefined();
    const download = await fetch(
      `${app.url}/api/downloads/${grant.grantId}?${signedQuery(grant.grantId, 600, store.env.AUTH_SECRET)}`,
    );
    expect(download.status).toBe(200);
    await download.arrayBuffer();
    expectStaticHeaders(download);

    const health = await fetch(`${app.url}/api/health`);
    expectStaticHeaders(health);

    const page = await (await fetch(`${app.url}/`)).text();
    const asset = /\/_next\/static\/[^"]+\.js/.exec(page)?.[0];
    expect(asset).toBeDefined();
    const script = await fetch(`${app.url}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

/** A POST whose body is sent in chunks with no Content-Length: the app cannot know its size up front. */
/**
 * POSTs `size` bytes chunked and resolves with the answer's status. The app answers before taking the
 * whole body and closes: the unread rest makes the kernel reset the connection, which can discard the
 * answer before the client reads it (more likely on a busy machine). Such an attempt says nothing about
 * the app, so it is tried again, up to three times.
 */
async function chunkedPost(url: string, path: string, size: number): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const status = await chunkedPostOnce(url, path, size);
    if (status !== null || attempt === 3) return status ?? 0;
  }
}

function chunkedPostOnce(url: string, path: string, size: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = http.request(
      `${url}${path}`,
      { method: "POST", headers: { "Content-Type": "application/json", "Transfer-Encoding": "chunked" } },
      (response) => {
        answered = true;
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") return reject(error);
      // Writing into a closed connection is expected; the answer may still arrive. A reset with none
      // read yet is a lost answer.
      if (error.code === "ECONNRESET" && !answered) resolve(null);
    });
    outgoing.on("close", () => {
      if (!answered) resolve(null);
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const write = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!outgoing.write(chunk)) return void outgoing.once("drain", write);
      }
      outgoing.end();
    };
    write();
  });
}

describe("request body limit (about 1 MB outside the upload routes)", () => {
  const twoMegabytes = "x".repeat(2 * 1024 * 1024);

  it("answers 413 to a 2 MB webhook body, announced or chunked", async () => {
    const announced = await fetch(`${app.url}/api/stripe/webhook`, {
      method: "POST",
      body: twoMegabytes,
      headers: { "stripe-signature": "t=1,v1=00" },
    });
    expect(announced.status).toBe(413);
    expect(await chunkedPost(app.url, "/api/stripe/webhook", 2 * 1024 * 1024)).toBe(413);
  });

  it("still reads a webhook body under the limit (and refuses its bad signature)", async () => {
    const small = await fetch(`${app.url}/api/stripe/webhook`, {
      method: "POST",
      body: JSON.stringify({ id: "evt_1" }),
      headers: { "stripe-signature": "t=1,v1=00" },
    });
    expect(small.status).toBe(400);
  });

  it("answers 413 to a 2 MB sign-in form", async () => {
    const form = await fetch(`${app.url}/api/auth/callback/credentials`, {
      method: "POST",
      body: `email=a%40b.c&password=${twoMegabytes}`,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(form.status).toBe(413);
    expect(await chunkedPost(app.url, "/api/auth/callback/credentials", 2 * 1024 * 1024)).toBe(413);
  });

  it("refuses a 2 MB server action body posted to a page", async () => {
    const { slug } = await db.prisma.product.findFirstOrThrow({
      where: { published: true },
      orderBy: { id: "asc" },
      select: { slug: true },
    });
    const page = await (await fetch(`${app.url}/books/${slug}`)).text();
    const actionId = /\$ACTION_ID_([0-9a-f]+)/.exec(page)?.[1];
    expect(actionId).toBeDefined();
    const form = new FormData();
    form.set(`$ACTION_ID_${actionId}`, "");
    form.set("padding", twoMegabytes);
    const action = await fetch(`${app.url}/books/${slug}`, {
      method: "POST",
      body: form,
      headers: { Origin: app.url },
      redirect: "manual",
    });
    expect(action.status).toBe(413);
    expect(await chunkedPost(app.url, `/books/${slug}`, 2 * 1024 * 1024)).toBe(413);
    // A small action body passes the proxy and reaches Next.
    const small = new FormData();
    small.set(`$ACTION_ID_${actionId}`, "");
    const added = await fetch(`${app.url}/books/${slug}`, {
      method: "POST",
      body: small,
      headers: { Origin: app.url },
      redirect: "manual",
    });
    expect(added.status).toBeLessThan(400);
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });
});
